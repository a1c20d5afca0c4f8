import Foundation

/// Shannon entropy of the distribution of values, in **bits** (base 2):
/// H = −Σ p·log2 p over distinct values, p = count / non-null values. 0 for a constant column,
/// log2(n) when all n values differ.
///
/// Exact while the column has at most `exactLimit` distinct values (their 64-bit hashes are counted;
/// a hash collision, about n²/2^65, is the only error). Past the limit the counts are dropped and
/// `result.bits` is nil: `estimate(count:distinct:top:)` then gives an approximation from the
/// column's top values and distinct count, which assumes the values outside the top ones are
/// equally frequent — an upper estimate for that remainder, not a bound (top-value counts and the
/// HyperLogLog distinct count carry their own errors).
public struct ValueEntropy: Statistic, Equatable {
  public static let exactLimit = 1 << 14
  private var counts: [UInt64: Int] = [:]
  public private(set) var count = 0
  /// Whether the distinct values passed `exactLimit`.
  public private(set) var overflowed = false

  public init() {}

  public struct Result: Sendable, Equatable {
    public var count: Int
    /// The entropy in bits; nil when there were more distinct values than the exact limit.
    public var bits: Double?
  }

  @inline(__always)
  public mutating func observe(hash: UInt64) {
    count += 1
    guard !overflowed else { return }
    counts[hash, default: 0] += 1
    if counts.count > Self.exactLimit { overflow() }
  }

  private mutating func overflow() {
    overflowed = true
    counts = [:]
  }

  public mutating func merge(_ other: ValueEntropy) {
    count += other.count
    if overflowed { return }
    if other.overflowed { return overflow() }
    counts.merge(other.counts, uniquingKeysWith: +)
    if counts.count > Self.exactLimit { overflow() }
  }

  /// −Σ p log2 p over `counts`, summed in sorted order so the bits do not depend on hashing order.
  static func entropy(_ counts: [Int], total: Int) -> Double {
    let n = Double(total)
    return counts.sorted().reduce(0.0) { h, c in
      let p = Double(c) / n
      return h - p * log2(p)
    }
  }

  public var result: Result {
    Result(count: count, bits: overflowed || count == 0 ? (count == 0 ? 0 : nil) : Self.entropy(Array(counts.values), total: count))
  }

  /// Approximate entropy (bits) past the exact limit: the top values' own shares, and the rest of
  /// the values spread evenly over the `distinct − top.count` other distinct values.
  public static func estimate(count: Int, distinct: Int, top: [TopValues.Entry]) -> Double {
    guard count > 0 else { return 0 }
    let known = top.map(\.count)
    let rest = count - known.reduce(0, +)
    let others = distinct - top.count
    var h = entropy(known, total: count)
    if rest > 0 && others > 0 {
      let p = Double(rest) / Double(count)
      h -= p * log2(p / Double(others))
    }
    return h
  }
}
