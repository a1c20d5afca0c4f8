/// The most frequent values with their counts: exact while a column has at most `capacity`
/// distinct values, then a frequent-items sketch (Misra-Gries with median purges, as Apache
/// DataSketches' frequent-items sketch does).
///
/// After a purge, every reported count may be too low by at most `maximumError` (and is never too
/// high); any value more frequent than `maximumError` is still tracked. Memory is bounded by the
/// capacity, whatever the number of rows.
public struct TopValues: Statistic, Equatable {
  public static let capacity = 1024

  /// Tracked values: hash, count and bytes (in `arena`).
  private var hashes: [UInt64] = []
  private var counts: [Int] = []
  private var starts: [Int] = []
  private var lengths: [Int] = []
  private var arena: [UInt8] = []
  /// Open-addressing index from hash to entry number + 1 (0 = empty).
  private var index = [Int32](repeating: 0, count: TopValues.capacity * 4)
  /// Sum of the counts subtracted by purges: the largest possible undercount.
  public private(set) var maximumError = 0

  public init() {}

  public struct Entry: Sendable, Equatable, Codable {
    public var value: String
    public var count: Int
  }

  public struct Result: Sendable, Equatable {
    /// The most frequent values, most frequent first (ties by value, for stable output).
    public var entries: [Entry]
    /// How far below the true count any reported count may be; zero when exact.
    public var maximumError: Int
  }

  @inline(__always)
  public mutating func observe(hash: UInt64, bytes: UnsafeBufferPointer<UInt8>, occurrences: Int = 1) {
    add(hash: hash, count: occurrences, bytes: bytes)
  }

  /// Adds to the count of a tracked value; false (and nothing counted) when `hash` is not tracked.
  @inline(__always)
  mutating func increment(hash: UInt64, occurrences: Int) -> Bool {
    let mask = index.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let e = Int(index[slot])
      if e == 0 { return false }
      if hashes[e - 1] == hash {
        counts[e - 1] += occurrences
        return true
      }
      slot = (slot + 1) & mask
    }
  }

  /// Calls `body` with every value and its count, and returns true, while the counts are exact
  /// (no purge yet); otherwise returns false without calling it.
  func forEachExact(_ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) -> Bool {
    guard maximumError == 0 else { return false }
    arena.withUnsafeBufferPointer { a in
      for i in hashes.indices { body(UnsafeBufferPointer(rebasing: a[starts[i] ..< starts[i] + lengths[i]]), counts[i]) }
    }
    return true
  }

  @inline(__always)
  private mutating func add(hash: UInt64, count: Int, bytes: UnsafeBufferPointer<UInt8>) {
    let mask = index.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let e = Int(index[slot])
      if e == 0 { break }
      if hashes[e - 1] == hash {
        counts[e - 1] += count
        return
      }
      slot = (slot + 1) & mask
    }
    index[slot] = Int32(hashes.count + 1)
    hashes.append(hash)
    counts.append(count)
    starts.append(arena.count)
    lengths.append(bytes.count)
    arena.append(contentsOf: bytes)
    if hashes.count >= TopValues.capacity { purge() }
  }

  /// Subtracts the median count from every entry and drops those left at zero or below, compacting
  /// the entries in place (no allocation per entry: on a column of unique values this runs every
  /// few hundred rows).
  private mutating func purge() {
    var scratch = counts
    let median = TopValues.select(&scratch, rank: counts.count / 2)
    maximumError += median
    var kept = 0
    var end = 0
    for i in hashes.indices where counts[i] > median {
      let (start, length) = (starts[i], lengths[i])
      arena.withUnsafeMutableBufferPointer { a in
        // Kept values move towards the front only, so an overlapping move is safe.
        if start != end { UnsafeMutableRawPointer(a.baseAddress! + end).copyMemory(from: a.baseAddress! + start, byteCount: length) }
      }
      (hashes[kept], counts[kept], starts[kept], lengths[kept]) = (hashes[i], counts[i] - median, end, length)
      end += length
      kept += 1
    }
    hashes.removeLast(hashes.count - kept)
    counts.removeLast(counts.count - kept)
    starts.removeLast(starts.count - kept)
    lengths.removeLast(lengths.count - kept)
    arena.removeLast(arena.count - end)
    reindex()
  }

  private mutating func reindex() {
    for i in index.indices { index[i] = 0 }
    let mask = index.count - 1
    for e in hashes.indices {
      var slot = Int(truncatingIfNeeded: hashes[e]) & mask
      while index[slot] != 0 { slot = (slot + 1) & mask }
      index[slot] = Int32(e + 1)
    }
  }

  /// The value of rank `rank` (0-based) in ascending order: Hoare's quickselect, linear on average.
  static func select(_ values: inout [Int], rank: Int) -> Int {
    var lo = 0
    var hi = values.count - 1
    while lo < hi {
      let pivot = values[(lo + hi) / 2]
      var i = lo
      var j = hi
      while i <= j {
        while values[i] < pivot { i += 1 }
        while values[j] > pivot { j -= 1 }
        if i <= j {
          values.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if rank <= j { hi = j } else if rank >= i { lo = i } else { return values[rank] }
    }
    return values[rank]
  }

  public mutating func merge(_ other: TopValues) {
    for i in other.hashes.indices {
      other.arena.withUnsafeBufferPointer { a in
        add(hash: other.hashes[i], count: other.counts[i],
            bytes: UnsafeBufferPointer(rebasing: a[other.starts[i] ..< other.starts[i] + other.lengths[i]]))
      }
    }
    maximumError += other.maximumError
  }

  /// The `k` most frequent values. After a purge, only values whose count exceeds the maximum
  /// error are reported: the others may be noise (in a column of unique ids every count is 1).
  public func top(_ k: Int) -> Result {
    let entries = hashes.indices.filter { counts[$0] > maximumError }.map { i in
      Entry(value: String(decoding: arena[starts[i] ..< starts[i] + lengths[i]], as: UTF8.self), count: counts[i])
    }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
    return Result(entries: Array(entries.prefix(k)), maximumError: maximumError)
  }

  public var result: Result { top(10) }

  public static func == (a: TopValues, b: TopValues) -> Bool {
    a.top(.max) == b.top(.max)
  }
}
