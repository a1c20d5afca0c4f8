/// How many rows pass a row-level test: the compliance of `ColumnValues`, `ColumnLength`,
/// `ColumnDataType` and `DataFreshness`. Counts only, so it merges exactly.
///
/// A text column is tested once per distinct value of the batch where the profile's dictionary
/// took its rows (`BatchDictionary`), the verdict counted for every row holding it; the rest are
/// tested row by row.
struct RowCompliance: Sendable {
  let test: RowTest
  private(set) var rows = 0
  private(set) var passed = 0

  init(_ test: RowTest) { self.test = test }

  /// Observes the rule's column of a batch; `dictionary` holds the distinct values of its first
  /// `entered` rows (0 when the column did not go through one).
  mutating func observe(_ column: Column, dictionary: BatchDictionary, entered: Int) {
    var scratch: [UInt8] = []
    var passing = 0
    var first = 0
    if case .text(let c) = column {
      first = entered
      c.withValues { values in
        if entered > 0 {
          var counted = 0
          for e in 0 ..< dictionary.count {
            let n = dictionary.occurrences(e)
            counted += n
            if test.passes(text: values[dictionary.firstRow(e)], missing: false, scratch: &scratch) { passing += n }
          }
          // Rows the reader found empty: one verdict for all.
          let missing = entered - counted
          if missing > 0, test.passes(text: UnsafeBufferPointer(start: nil, count: 0), missing: true, scratch: &scratch) {
            passing += missing
          }
        }
        for row in entered ..< c.count where test.passes(text: values[row], missing: c.isNull(row), scratch: &scratch) { passing += 1 }
      }
    } else if let typed = Self.typedPasses(column, test.check) {
      passing = typed
    } else {
      for row in first ..< column.count where test.passes(column, row, scratch: &scratch) { passing += 1 }
    }
    rows += column.count
    passed += passing
  }

  /// The passing rows of a typed column under a comparison of its own kind, in a loop over its
  /// values (the common case after a recipe's cast); nil for other pairs, tested row by row.
  static func typedPasses(_ column: Column, _ check: RowTest.Check) -> Int? {
    func count<T>(_ c: TypedColumn<T>, nullPasses: Bool, _ test: (T) -> Bool) -> Int {
      var n = 0
      c.values.withUnsafeBufferPointer { values in
        for row in 0 ..< values.count where c.isNull(row) ? nullPasses : test(values[row]) { n += 1 }
      }
      return n
    }
    switch (column, check) {
    case (.int64(let c), .numbers(let cmp)): return count(c, nullPasses: cmp.nullPasses) { cmp.test(Double($0)) }
    case (.double(let c), .numbers(let cmp)): return count(c, nullPasses: cmp.nullPasses) { cmp.test($0) }
    case (.decimal(let c, let scale), .numbers(let cmp)):
      let divisor = ValueParser.powersOfTen[scale]
      return count(c, nullPasses: cmp.nullPasses) { cmp.test(Double($0) / divisor) }
    case (.date(let c), .instants(let cmp)): return count(c, nullPasses: cmp.nullPasses) { cmp.test(Int64($0) * CivilTime.microsPerDay) }
    case (.timestamp(let c), .instants(let cmp)): return count(c, nullPasses: cmp.nullPasses) { cmp.test($0) }
    default: return nil
    }
  }

  mutating func merge(_ other: RowCompliance) {
    rows += other.rows
    passed += other.passed
  }

  /// Passed ÷ rows; 1 when there are no rows (nothing broke the rule).
  var compliance: Double { rows == 0 ? 1 : Double(passed) / Double(rows) }
}
