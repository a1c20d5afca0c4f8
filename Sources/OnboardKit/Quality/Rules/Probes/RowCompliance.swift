/// How many rows pass a row-level test: the compliance of `ColumnValues`, `ColumnLength`,
/// `ColumnDataType` and `DataFreshness`. Counts only, so it merges exactly.
struct RowCompliance: Sendable {
  let test: RowTest
  private(set) var rows = 0
  private(set) var passed = 0

  init(_ test: RowTest) { self.test = test }

  mutating func observe(_ batch: Batch) {
    let column = batch.columns[test.column]
    var scratch: [UInt8] = []
    var passing = 0
    for row in 0 ..< batch.rowCount where test.passes(column, row, scratch: &scratch) { passing += 1 }
    rows += batch.rowCount
    passed += passing
  }

  mutating func merge(_ other: RowCompliance) {
    rows += other.rows
    passed += other.passed
  }

  /// Passed ÷ rows; 1 when there are no rows (nothing broke the rule).
  var compliance: Double { rows == 0 ? 1 : Double(passed) / Double(rows) }
}
