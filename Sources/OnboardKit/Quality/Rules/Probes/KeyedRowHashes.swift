/// Rows by key, for the rules that match rows with a second source: each distinct key tuple (as a
/// 64-bit hash) with how many rows have it and a hash of those rows' compared values.
/// `ReferentialIntegrity` reads the keys and their counts (no compared columns), `DatasetMatch`
/// the compared values too. The same probe is observed over the primary data in its pass and over
/// the reference when it is read, so both sides hash alike.
///
/// Memory grows with the distinct keys (about 40 bytes each), not with rows. Counts add exactly
/// when workers merge; a key seen by two workers keeps one values hash, which only matters for a
/// duplicate key, and `DatasetMatch` rejects those anyway. Two distinct tuples collide with
/// probability about n²/2⁶⁵.
struct KeyedRowHashes: Sendable {
  let keys: [Int]
  let compared: [Int]
  struct Entry: Sendable, Equatable {
    var rows: Int
    var values: UInt64
  }
  private(set) var entries: [UInt64: Entry] = [:]
  /// Rows read, with a NULL key or not.
  private(set) var rows = 0
  /// Rows with a NULL in any key column: SQL equality never matches them, so they are not keyed.
  private(set) var nullKeyRows = 0

  init(keys: [Int], compared: [Int] = []) {
    self.keys = keys
    self.compared = compared
  }

  mutating func observe(_ batch: Batch) {
    var key: [UInt8] = []
    var values: [UInt8] = []
    var scratch: [UInt8] = []
    for row in 0 ..< batch.rowCount {
      rows += 1
      guard Self.encode(keys, of: batch, row: row, into: &key, scratch: &scratch, nullable: false) else {
        nullKeyRows += 1
        continue
      }
      let valuesHash: UInt64
      if compared.isEmpty {
        valuesHash = 0
      } else {
        _ = Self.encode(compared, of: batch, row: row, into: &values, scratch: &scratch, nullable: true)
        valuesHash = Hashing.finalize(Hashing.hash(values))
      }
      entries[Hashing.finalize(Hashing.hash(key)), default: Entry(rows: 0, values: valuesHash)].rows += 1
    }
  }

  mutating func merge(_ other: KeyedRowHashes) {
    rows += other.rows
    nullKeyRows += other.nullKeyRows
    for (key, entry) in other.entries {
      entries[key, default: Entry(rows: 0, values: entry.values)].rows += entry.rows
    }
  }

  /// Keys that more than one row has.
  var duplicateKeys: Int { entries.values.reduce(0) { $0 + ($1.rows > 1 ? 1 : 0) } }

  /// Writes the tuple of `columns` at `row` as bytes that tell values apart (a NULL marker, or a
  /// length and the value's text); false at the first NULL unless `nullable`, where NULL is a
  /// value equal to NULL.
  static func encode(
    _ columns: [Int], of batch: Batch, row: Int, into out: inout [UInt8], scratch: inout [UInt8], nullable: Bool
  ) -> Bool {
    out.removeAll(keepingCapacity: true)
    for c in columns {
      let column = batch.columns[c]
      if column.ruleIsNull(row) {
        guard nullable else { return false }
        out.append(0)
      } else {
        _ = column.ruleText(row, into: &scratch)
        out.append(1)
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: scratch.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: scratch)
      }
    }
    return true
  }
}
