import Foundation

/// State rules need from the rows, gathered in the profile's pass: the workers observe each batch
/// with these alongside the profile, and the states merge with it. Rules then read these and the
/// profile; none reads a row again. One array per kind, so each state is changed in place.
public struct RuleProbes: Sendable {
  var rows: [RowCompliance] = []
  var values: [ValueCounts] = []
  var pairs: [ColumnPair] = []
  var keyed: [KeyedRowHashes] = []
  /// The rows of each distinct `where` clause, with the probes of its rules.
  var scopes: [WhereScope] = []
  /// What comparison rules need from each second source, by alias. Not observed in this pass:
  /// `RuleSet.readReferences` reads each reference on its own, once.
  var references: [String: ReferenceNeeds] = [:]

  public init() {}

  /// Where a rule finds its probe.
  enum Handle: Sendable, Equatable {
    case rows(Int), values(Int), pair(Int), keyed(Int)
  }

  public var isEmpty: Bool { rows.isEmpty && values.isEmpty && pairs.isEmpty && keyed.isEmpty && scopes.isEmpty }

  mutating func add(_ p: RowCompliance) -> Handle {
    rows.append(p)
    return .rows(rows.count - 1)
  }

  /// One count table per set of columns, shared by the rules that read it.
  mutating func add(_ p: ValueCounts) -> Handle {
    if let i = values.firstIndex(where: { $0.columns == p.columns && $0.skipsAllNull == p.skipsAllNull && $0.readsRowHashes == p.readsRowHashes }) {
      return .values(i)
    }
    values.append(p)
    return .values(values.count - 1)
  }

  mutating func add(_ p: ColumnPair) -> Handle {
    pairs.append(p)
    return .pair(pairs.count - 1)
  }

  /// One table per keys and compared columns, shared by the rules that read it.
  mutating func add(_ p: KeyedRowHashes) -> Handle {
    if let i = keyed.firstIndex(where: { $0.keys == p.keys && $0.compared == p.compared }) { return .keyed(i) }
    keyed.append(p)
    return .keyed(keyed.count - 1)
  }

  /// Observes column `c` of a batch, right after the profile did: `dictionary` holds the distinct
  /// values of its first `entered` rows (see `ColumnAccumulator.observe`), so the probes of one
  /// column test and count each distinct value once.
  mutating func observe(column c: Int, _ column: Column, dictionary: BatchDictionary, entered: Int) {
    for i in rows.indices where rows[i].test.column == c { rows[i].observe(column, dictionary: dictionary, entered: entered) }
    for i in values.indices where values[i].columns == [c] && !values[i].readsRowHashes {
      values[i].observe(column, dictionary: dictionary, entered: entered)
    }
  }

  /// Observes what spans columns, after every column was: tuples, pairs, keyed rows, and whole
  /// rows by the profile's row hashes.
  mutating func observe(_ batch: Batch, rowHashes: [UInt64]) {
    for i in values.indices {
      if values[i].readsRowHashes {
        values[i].observe(rowHashes: rowHashes)
      } else if values[i].columns.count != 1 {
        values[i].observe(batch)
      }
    }
    for i in pairs.indices { pairs[i].observe(batch) }
    for i in keyed.indices { keyed[i].observe(batch) }
    for i in scopes.indices { scopes[i].observe(batch) }
  }

  /// Adds up the count tables: once, after the last merge, before rules read them.
  mutating func finish() {
    // Each table sorts on its own: on all cores, since this runs after the pass.
    values.withUnsafeMutableBufferPointer { tables in
      nonisolated(unsafe) let base = tables.baseAddress  // each iteration touches its own table
      DispatchQueue.concurrentPerform(iterations: tables.count) { i in base.unsafelyUnwrapped.advanced(by: i).pointee.finish() }
    }
  }

  mutating func merge(_ other: RuleProbes) {
    for i in rows.indices { rows[i].merge(other.rows[i]) }
    for i in values.indices { values[i].merge(other.values[i]) }
    for i in pairs.indices { pairs[i].merge(other.pairs[i]) }
    for i in keyed.indices { keyed[i].merge(other.keyed[i]) }
    for i in scopes.indices { scopes[i].profile.merge(other.scopes[i].profile) }
  }
}
