/// An open-addressing map from 64-bit hashes to occurrence counts (linear probing, load at most 1/2).
///
/// Like `HashSet64`, the low bits of an already mixed hash index the table, and a hash of zero is
/// stored as one. Keys and counts live in two arrays so a probe touches only keys. Counts are 32-bit
/// (12 bytes a slot, not 16) and saturate at 2^32 − 1: only a single value seen over four billion
/// times would be undercounted.
struct HashCounter64: Sendable {
  private(set) var keys: [UInt64]
  private(set) var counts: [UInt32]
  /// Distinct keys.
  private(set) var count = 0

  init(capacity: Int = 16) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = [UInt64](repeating: 0, count: size)
    counts = [UInt32](repeating: 0, count: size)
  }

  /// Adds `occurrences` to `hash`'s count; returns true when the key was new.
  @discardableResult
  @inline(__always)
  mutating func add(_ hash: UInt64, occurrences: Int = 1) -> Bool {
    let key = hash == 0 ? 1 : hash
    let mask = keys.count - 1
    var i = Int(truncatingIfNeeded: key) & mask
    while true {
      let k = keys[i]
      if k == key {
        let (sum, overflow) = counts[i].addingReportingOverflow(UInt32(clamping: occurrences))
        counts[i] = overflow ? .max : sum
        return false
      }
      if k == 0 { break }
      i = (i + 1) & mask
    }
    keys[i] = key
    counts[i] = UInt32(clamping: occurrences)
    count += 1
    if count * 2 > keys.count { grow() }
    return true
  }

  private mutating func grow() {
    let (oldKeys, oldCounts) = (keys, counts)
    keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
    counts = [UInt32](repeating: 0, count: oldKeys.count * 2)
    count = 0
    for i in oldKeys.indices where oldKeys[i] != 0 { add(oldKeys[i], occurrences: Int(oldCounts[i])) }
  }

  /// Every (key, count), in slot order.
  var entries: [(key: UInt64, count: Int)] {
    keys.indices.compactMap { keys[$0] == 0 ? nil : (keys[$0], Int(counts[$0])) }
  }

  /// Keeps only the keys `keep` accepts.
  mutating func filter(_ keep: (UInt64) -> Bool) {
    let kept = entries.filter { keep($0.key) }
    self = HashCounter64(capacity: kept.count)
    for e in kept { add(e.key, occurrences: e.count) }
  }
}

extension HashCounter64: Equatable {
  static func == (a: HashCounter64, b: HashCounter64) -> Bool {
    a.count == b.count && Dictionary(uniqueKeysWithValues: a.entries.map { ($0.key, $0.count) })
      == Dictionary(uniqueKeysWithValues: b.entries.map { ($0.key, $0.count) })
  }
}
