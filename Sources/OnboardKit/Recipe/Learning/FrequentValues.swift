/// The most frequent value of a column, exactly, in memory bounded by a sketch whenever some value
/// stands out.
///
/// Pass 1 runs the profile's frequent-items sketch (`TopValues`: 1,024 tracked values). When the
/// column has at most 1,024 distinct values, its counts are exact and one pass is enough. Else
/// pass 2 counts the sketch's candidates exactly; a value that was not a candidate occurs at most
/// twice the sketch's maximum error, so a candidate counted above that is the answer. Only when
/// no value stands out (a column of near-unique ids) does pass 3 count every distinct value by a
/// 64-bit hash (about 32 bytes per distinct value, as `remove_duplicates` keeps), and pass 4
/// fetches the winners' text.
struct FrequentValues {
  /// The values with the highest count (ties all kept, in increasing byte order) and that count.
  /// `key` turns a cell into the text that is counted (its canonical number for `mode`), or
  /// returns false to skip the cell.
  static func mostFrequent(
    of index: Int, in input: PrePass, key: @escaping (UnsafeBufferPointer<UInt8>, ValueFormat, inout [UInt8]) -> Bool
  ) throws -> (values: [[UInt8]], count: Int) {
    var scratch: [UInt8] = []
    func forEachKey(_ body: (UnsafeBufferPointer<UInt8>, UInt64) throws -> Void) throws {
      try input.forEachValue(of: index) { value, format in
        scratch.removeAll(keepingCapacity: true)
        guard key(value, format, &scratch) else { return }
        try scratch.withUnsafeBufferPointer { k in try body(k, Hashing.hash(k)) }
      }
    }

    var sketch = TopValues()
    try forEachKey { k, hash in sketch.observe(hash: hash, bytes: k) }
    let top = sketch.top(.max)
    guard let first = top.entries.first else {
      if top.maximumError == 0 { return ([], 0) }
      return try countingEverything(forEachKey)
    }
    if top.maximumError == 0 {
      return (winners(top.entries.map { (Array($0.value.utf8), $0.count) }, best: first.count), first.count)
    }

    var exact: [UInt64: Int] = [:]
    for entry in top.entries { exact[Hashing.hash(Array(entry.value.utf8))] = 0 }
    try forEachKey { _, hash in if let c = exact[hash] { exact[hash] = c + 1 } }
    let counted = top.entries.map { entry in (Array(entry.value.utf8), exact[Hashing.hash(Array(entry.value.utf8))] ?? 0) }
    let best = counted.map(\.1).max() ?? 0
    if best > 2 * top.maximumError { return (winners(counted, best: best), best) }
    return try countingEverything(forEachKey)
  }

  /// Passes 3 and 4: every distinct value counted by hash, then the winners' text fetched.
  private static func countingEverything(
    _ forEachKey: ((UnsafeBufferPointer<UInt8>, UInt64) throws -> Void) throws -> Void
  ) throws -> (values: [[UInt8]], count: Int) {
    var counts: [UInt64: Int] = [:]
    try forEachKey { _, hash in counts[hash, default: 0] += 1 }
    guard let best = counts.values.max() else { return ([], 0) }
    var wanted = Set(counts.filter { $0.value == best }.keys)
    counts = [:]
    var found: [[UInt8]] = []
    try forEachKey { k, hash in
      if wanted.remove(hash) != nil { found.append(Array(k)) }
    }
    return (found.sorted { $0.lexicographicallyPrecedes($1) }, best)
  }

  private static func winners(_ counted: [([UInt8], Int)], best: Int) -> [[UInt8]] {
    counted.filter { $0.1 == best }.map(\.0).sorted { $0.lexicographicallyPrecedes($1) }
  }
}
