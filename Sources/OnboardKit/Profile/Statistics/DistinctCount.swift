/// Number of distinct non-null values: exact up to `exactLimit`, then a HyperLogLog estimate.
///
/// Exact counting keeps one 64-bit hash per distinct value (8 to 16 bytes each), so memory is
/// bounded by the limit; past it the sketch takes over with a standard error of 0.81%. Both
/// states merge without loss, so the merge law holds exactly.
public struct DistinctCount: Statistic, Equatable {
  public static let exactLimit = 1 << 16

  private var exact = HashSet64()
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
  public mutating func observe(hash: UInt64) {
    if sketch == nil {
      if exact.insert(hash) && exact.count > DistinctCount.exactLimit { switchToSketch() }
    } else {
      sketch!.insert(hash)
    }
  }

  private mutating func switchToSketch() {
    var hll = HyperLogLog()
    for h in exact.elements { hll.insert(h) }
    sketch = hll
    exact = HashSet64()
  }

  public mutating func merge(_ other: DistinctCount) {
    for h in other.exact.elements { observe(hash: h) }
    if let theirs = other.sketch {
      if sketch == nil { switchToSketch() }
      sketch!.merge(theirs)
    }
  }

  public var result: Result {
    if let sketch {
      return Result(count: Int(sketch.estimate.rounded()), standardError: HyperLogLog.standardError)
    }
    return Result(count: exact.count, standardError: 0)
  }
}
