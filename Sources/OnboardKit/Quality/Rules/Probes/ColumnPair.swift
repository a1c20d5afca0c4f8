/// Pearson's correlation of two columns over the rows where both are numbers
/// (`ColumnCorrelation`), for any two columns, where the profile correlates only the first 64.
struct ColumnPair: Sendable {
  let first: Int
  let second: Int
  let formats: (ValueFormat, ValueFormat)
  private(set) var correlation = PearsonCorrelation()

  init(_ first: Int, _ second: Int, formats: (ValueFormat, ValueFormat)) {
    self.first = first
    self.second = second
    self.formats = formats
  }

  mutating func observe(_ batch: Batch) {
    var xs: [Double] = []
    var ys: [Double] = []
    let a = batch.columns[first], b = batch.columns[second]
    for row in 0 ..< batch.rowCount {
      guard let x = a.ruleNumber(row, format: formats.0), let y = b.ruleNumber(row, format: formats.1) else { continue }
      xs.append(x)
      ys.append(y)
    }
    xs.withUnsafeBufferPointer { x in ys.withUnsafeBufferPointer { y in correlation.observe(x, y) } }
  }

  mutating func merge(_ other: ColumnPair) { correlation.merge(other.correlation) }
}
