/// Number of distinct non-null values: exact up to `exactLimit`, then a HyperLogLog estimate.
///
/// Exact counting keeps one 64-bit hash and its count per distinct value (16 to 32 bytes each), so
/// memory is bounded by the limit; past it the sketch takes over with a standard error of 0.81%.
/// The counts give the exact value entropy for free while the set is exact (`ValueEntropy`).
/// Both states merge without loss, so the merge law holds exactly.
public struct DistinctCount: Statistic, Equatable {
  public static let exactLimit = 1 << 16

  private var exact = HashCounter64()
  /// Set once the exact set outgrows the limit; the set is then emptied.
  private var sketch: HyperLogLog? = nil

  public init() {}

  public struct Result: Sendable, Equatable {
    public var count: Int
    /// Relative standard error of `count`; zero when exact.
    public var standardError: Double
    public var isExact: Bool { standardError == 0 }
  }

  @inline(__always)
  public mutating func observe(hash: UInt64, occurrences: Int = 1) {
    if sketch == nil {
      if exact.add(hash, occurrences: occurrences) && exact.count > DistinctCount.exactLimit { switchToSketch() }
    } else {
      sketch!.insert(hash)
    }
  }

  private mutating func switchToSketch() {
    var hll = HyperLogLog()
    for e in exact.entries { hll.insert(e.key) }
    sketch = hll
    exact = HashCounter64()
  }

  public mutating func merge(_ other: DistinctCount) {
    if sketch == nil {
      for e in other.exact.entries where exact.add(e.key, occurrences: e.count) && exact.count > DistinctCount.exactLimit {
        switchToSketch()
        break
      }
    }
    if sketch != nil {
      for e in other.exact.entries { sketch!.insert(e.key) }
    }
    if let theirs = other.sketch {
      if sketch == nil { switchToSketch() }
      sketch!.merge(theirs)
    }
  }

  /// How often each distinct value occurs, while the count is exact; nil past the limit.
  var occurrences: [Int]? { sketch == nil ? exact.entries.map(\.count) : nil }

  public var result: Result {
    if let sketch {
      return Result(count: Int(sketch.estimate.rounded()), standardError: HyperLogLog.standardError)
    }
    return Result(count: exact.count, standardError: 0)
  }
}
