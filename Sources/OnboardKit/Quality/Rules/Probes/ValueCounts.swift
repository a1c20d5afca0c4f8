import Foundation

/// How often each value (or tuple of values, over several columns) occurs, counted exactly: what
/// `Uniqueness`, `UniqueValueRatio`, `IsUnique`, `IsPrimaryKey`, `DistinctValuesCount`, `Entropy`
/// and `DuplicateRowCount` read.
///
/// Values are kept as 64-bit hashes of their bytes with a count, so memory grows with the number
/// of distinct values (16 to 32 bytes each), not with rows; two distinct values collide with
/// probability about n²/2⁶⁵. NULLs are equal to each other, as in a SQL `GROUP BY`.
struct ValueCounts: Sendable {
  let columns: [Int]
  /// Rows whose values are all NULL are left out (`Uniqueness` and its kin); duplicate rows count
  /// every row.
  let skipsAllNull: Bool
  private(set) var counts = HashCounter64()
  private(set) var rows = 0

  init(columns: [Int], skipsAllNull: Bool) {
    self.columns = columns
    self.skipsAllNull = skipsAllNull
  }

  mutating func observe(_ batch: Batch) {
    var key: [UInt8] = []
    var value: [UInt8] = []
    for row in 0 ..< batch.rowCount {
      key.removeAll(keepingCapacity: true)
      var allNull = true
      for c in columns {
        let column = batch.columns[c]
        if column.ruleIsNull(row) {
          key.append(0)
        } else {
          allNull = false
          _ = column.ruleText(row, into: &value)
          key.append(1)
          withUnsafeBytes(of: UInt32(truncatingIfNeeded: value.count).littleEndian) { key.append(contentsOf: $0) }
          key.append(contentsOf: value)
        }
      }
      if allNull && skipsAllNull { continue }
      rows += 1
      _ = counts.add(Hashing.finalize(Hashing.hash(key)))
    }
  }

  mutating func merge(_ other: ValueCounts) {
    rows += other.rows
    for e in other.counts.entries { _ = counts.add(e.key, occurrences: e.count) }
  }

  var distinct: Int { counts.count }
  /// Values that occur exactly once.
  var singletons: Int { counts.entries.reduce(0) { $0 + ($1.count == 1 ? 1 : 0) } }
  /// −Σ p·ln p over the values' shares, in nats (natural logarithm), as Deequ's `Entropy`.
  var entropy: Double {
    guard rows > 0 else { return 0 }
    let n = Double(rows)
    return -counts.entries.reduce(0.0) { sum, e in
      let p = Double(e.count) / n
      return sum + p * Foundation.log(p)
    }
  }
}
