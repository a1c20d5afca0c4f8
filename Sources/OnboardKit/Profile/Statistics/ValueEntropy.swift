import Foundation

/// Shannon entropy of the distribution of values, in **bits** (base 2):
/// H = −Σ p·log2 p over distinct values, p = count / non-null values. 0 for a constant column,
/// log2(n) when all n values differ.
///
/// It needs no state of its own: `DistinctCount` counts each distinct value while it is exact (up
/// to 65,536 values), which makes the entropy exact there (a 64-bit hash collision, about n²/2^65,
/// is the only error). Past that limit `estimate(count:distinct:top:)` approximates it from the
/// column's top values and distinct count, assuming the values outside the top ones are equally
/// frequent: an upper estimate for that remainder, not a bound.
public enum ValueEntropy {
  public struct Result: Sendable, Equatable, Codable {
    public var bits: Double
    /// False when estimated from the top values past the exact limit.
    public var isExact: Bool
  }

  /// The entropy of a column from its distinct-value statistic and top values.
  static func of(_ distinct: DistinctCount, top: TopValues.Result, nonNull: Int) -> Result {
    if let occurrences = distinct.occurrences { return Result(bits: bits(occurrences, total: nonNull), isExact: true) }
    return Result(bits: estimate(count: nonNull, distinct: distinct.result.count, top: top.entries), isExact: false)
  }

  /// −Σ p log2 p over `counts`, summed in sorted order so the bits do not depend on hashing order.
  static func bits(_ counts: [Int], total: Int) -> Double {
    guard total > 0 else { return 0 }
    let n = Double(total)
    return counts.sorted().reduce(0.0) { h, c in
      let p = Double(c) / n
      return h - p * log2(p)
    }
  }

  /// Approximate entropy (bits) past the exact limit: the top values' own shares, and the rest of
  /// the values spread evenly over the `distinct − top.count` other distinct values.
  public static func estimate(count: Int, distinct: Int, top: [TopValues.Entry]) -> Double {
    guard count > 0 else { return 0 }
    let known = top.map(\.count)
    let rest = count - known.reduce(0, +)
    let others = distinct - top.count
    var h = bits(known, total: count)
    if rest > 0 && others > 0 {
      let p = Double(rest) / Double(count)
      h -= p * log2(p / Double(others))
    }
    return h
  }
}
