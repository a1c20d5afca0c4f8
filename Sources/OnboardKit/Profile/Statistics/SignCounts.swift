/// How many numeric values are zero, negative and positive (−0 counts as zero; NaN as none of them).
/// Exact; merging is exact.
public struct SignCounts: Statistic, Equatable {
  public private(set) var zeros = 0
  public private(set) var negatives = 0
  public private(set) var positives = 0

  public init() {}

  public struct Result: Sendable, Equatable {
    public var zeros: Int
    public var negatives: Int
    public var positives: Int
  }

  @inline(__always)
  public mutating func observe(_ value: Double, occurrences: Int = 1) {
    if value == 0 { zeros += occurrences } else if value < 0 { negatives += occurrences } else if value > 0 { positives += occurrences }
  }

  /// Integers and scaled decimals: the sign of the unscaled value.
  @inline(__always)
  public mutating func observe(unscaled: Int64) {
    if unscaled == 0 { zeros += 1 } else if unscaled < 0 { negatives += 1 } else { positives += 1 }
  }

  public mutating func merge(_ other: SignCounts) {
    zeros += other.zeros
    negatives += other.negatives
    positives += other.positives
  }

  public var result: Result { Result(zeros: zeros, negatives: negatives, positives: positives) }
}
