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
    } else {
      for row in first ..< column.count where test.passes(column, row, scratch: &scratch) { passing += 1 }
    }
    rows += column.count
    passed += passing
  }

  /// Observes the rule's column of a batch, row by row.
  mutating func observe(_ batch: Batch) {
    observe(batch.columns[test.column], dictionary: BatchDictionary(), entered: 0)
  }

  mutating func merge(_ other: RowCompliance) {
    rows += other.rows
    passed += other.passed
  }

  /// Passed ÷ rows; 1 when there are no rows (nothing broke the rule).
  var compliance: Double { rows == 0 ? 1 : Double(passed) / Double(rows) }
}
