import Foundation

/// How often each value (or tuple of values, over several columns) occurs, counted exactly: what
/// `Uniqueness`, `UniqueValueRatio`, `IsUnique`, `IsPrimaryKey`, `DistinctValuesCount`, `Entropy`
/// and `DuplicateRowCount` read.
///
/// Values are kept as 64-bit hashes (two distinct values collide with probability about
/// n²/2⁶⁵): a batch's distinct values with their counts where the profile's dictionary took the
/// rows, else one hash per row. Appending is cheap and merging is concatenation; `finish` sorts
/// once (a radix sort) and adds up equal hashes. Memory grows with the distinct values seen per batch, at most
/// 8 bytes a row for a column of unique values; runs of hashes are sorted and added up as they
/// grow, so columns of repeated values stay small. NULLs are equal to each other, as in a SQL
/// `GROUP BY`.
struct ValueCounts: Sendable {
  let columns: [Int]
  /// Rows whose values are all NULL are left out (`Uniqueness` and its kin); duplicate rows count
  /// every row.
  let skipsAllNull: Bool
  /// Counts rows by the profile's hash of the whole row (duplicate rows over every column).
  let readsRowHashes: Bool
  /// One hash per row not yet added up.
  private var singles: [UInt64] = []
  /// Hashes with their counts, not yet added up.
  private var weighted: [UInt64] = []
  private var weights: [Int] = []
  private(set) var rows = 0

  /// Singles are added up when they pass this many, so repeated values do not pile up; the mark
  /// doubles when adding up leaves most of them (a column of unique values).
  static let compactAt = 1 << 22
  private var nextCompaction = ValueCounts.compactAt

  init(columns: [Int], skipsAllNull: Bool, readsRowHashes: Bool = false) {
    self.columns = columns
    self.skipsAllNull = skipsAllNull
    self.readsRowHashes = readsRowHashes
  }

  /// A column's values, through the batch's dictionary for its first `entered` rows.
  mutating func observe(_ column: Column, dictionary: BatchDictionary, entered: Int) {
    guard case .text(let c) = column else {
      var scratch: [UInt8] = []
      for row in 0 ..< column.count {
        if column.ruleIsNull(row) {
          add(nullRow: ())
        } else {
          _ = column.ruleText(row, into: &scratch)
          add(Hashing.hash(scratch))
        }
      }
      return
    }
    c.withValues { values in
      var counted = 0
      for e in 0 ..< (entered > 0 ? dictionary.count : 0) {
        let n = dictionary.occurrences(e)
        counted += n
        if ValueParser.isNull(values[dictionary.firstRow(e)]) {
          for _ in 0 ..< n { add(nullRow: ()) }
        } else {
          rows += n
          weighted.append(dictionary.hash(e))
          weights.append(n)
        }
      }
      for _ in 0 ..< (entered - counted) { add(nullRow: ()) }
      for row in entered ..< c.count {
        let value = values[row]
        if c.isNull(row) || ValueParser.isNull(value) { add(nullRow: ()) } else { add(Hashing.hash(value)) }
      }
    }
    compactIfLarge()
  }

  /// Tuples of several columns' values, row by row.
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
      if allNull { add(nullRow: ()) } else { add(Hashing.hash(key)) }
    }
    compactIfLarge()
  }

  /// Whole rows, by the hashes the profile computed for its duplicate count.
  mutating func observe(rowHashes: [UInt64]) {
    rows += rowHashes.count
    let start = singles.count
    singles.append(contentsOf: rowHashes)
    singles.withUnsafeMutableBufferPointer { hashes in
      for i in start ..< hashes.count { hashes[i] = Hashing.finalize(hashes[i]) }
    }
    compactIfLarge()
  }

  @inline(__always)
  private mutating func add(_ hash: UInt64) {
    rows += 1
    singles.append(hash)
  }

  /// A row whose values are all NULL: one more row of the NULL value, unless those are left out.
  @inline(__always)
  private mutating func add(nullRow: Void) {
    if !skipsAllNull { add(ColumnAccumulator.nullHash) }
  }


  private mutating func compactIfLarge() {
    guard singles.count >= nextCompaction else { return }
    singles.sort()
    var i = 0
    var kept: [UInt64] = []
    while i < singles.count {
      var j = i + 1
      while j < singles.count && singles[j] == singles[i] { j += 1 }
      if j - i == 1 {
        kept.append(singles[i])
      } else {
        weighted.append(singles[i])
        weights.append(j - i)
      }
      i = j
    }
    singles = kept
    nextCompaction = max(Self.compactAt, singles.count * 2)
  }

  mutating func merge(_ other: ValueCounts) {
    rows += other.rows
    singles.append(contentsOf: other.singles)
    weighted.append(contentsOf: other.weighted)
    weights.append(contentsOf: other.weights)
  }

  /// Sorts and adds up every hash, keeping only what the rules read (distinct values, values seen
  /// once, entropy): call once, after the last merge.
  mutating func finish() {
    RadixSort.sort(&singles)
    let order = weighted.indices.sorted { weighted[$0] < weighted[$1] }
    var summary = Summary()
    var current: UInt64 = 0
    var count = 0
    let n = Double(rows)
    func close() {
      guard count > 0 else { return }
      summary.distinct += 1
      if count == 1 { summary.singletons += 1 }
      let p = Double(count) / n
      summary.entropy -= p * Foundation.log(p)
    }
    func add(_ hash: UInt64, _ k: Int) {
      if count > 0 && hash == current {
        count += k
      } else {
        close()
        current = hash
        count = k
      }
    }
    // Both runs are sorted: walk them together.
    var i = 0, j = 0
    while i < singles.count || j < order.count {
      if j == order.count || (i < singles.count && singles[i] <= weighted[order[j]]) {
        add(singles[i], 1)
        i += 1
      } else {
        add(weighted[order[j]], weights[order[j]])
        j += 1
      }
    }
    close()
    self.summary = summary
    singles = []
    weighted = []
    weights = []
  }

  /// What the rules read, set by `finish`.
  struct Summary: Sendable {
    var distinct = 0
    /// Values that occur exactly once.
    var singletons = 0
    /// −Σ p·ln p over the values' shares, in nats (natural logarithm), as Deequ's `Entropy`.
    var entropy = 0.0
  }

  private(set) var summary = Summary()
  var distinct: Int { summary.distinct }
  var singletons: Int { summary.singletons }
  var entropy: Double { summary.entropy }
}
