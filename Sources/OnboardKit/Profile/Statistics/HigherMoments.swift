import Foundation

/// Skewness and kurtosis of numeric values: count, mean and the second, third and fourth central
/// moment sums (M2, M3, M4), updated one value at a time with Terriberry's extension of Welford's
/// method and merged with Pébay's pairwise formulas (Pébay 2008, "Formulas for robust, one-pass
/// parallel computation of covariances and arbitrary-order statistical moments").
///
/// Definitions (the same as pandas' `Series.skew()` and `Series.kurt()`):
/// - `skewness` is the adjusted Fisher-Pearson coefficient G1 = √(n(n−1)) / (n−2) · g1, where
///   g1 = m3 / m2^1.5 and mk = Mk / n; nil below 3 values.
/// - `kurtosis` is the bias-corrected *excess* kurtosis (0 for a normal distribution)
///   G2 = (n−1) / ((n−2)(n−3)) · ((n+1) · g2 + 6), where g2 = m4 / m2² − 3; nil below 4 values.
/// Both are 0 when the values are constant (m2 = 0), as pandas 2 reports them (pandas 3 gives NaN,
/// which JSON cannot carry).
///
/// The state is floating point: merging in a different order may change the last bits, so results
/// are reproducible for a fixed merge order, and otherwise agree to about 1e-12 of max(|value|, 1)
/// (a skewness near 0 has fewer correct digits relative to itself).
public struct HigherMoments: Statistic, Equatable {
  public private(set) var count = 0
  public private(set) var mean = 0.0
  private var m2 = 0.0
  private var m3 = 0.0
  private var m4 = 0.0

  public init() {}

  public struct Result: Sendable, Equatable {
    public var count: Int
    public var skewness: Double?
    public var kurtosis: Double?
  }

  /// Observes one value; NaN is ignored.
  @inline(__always)
  public mutating func observe(_ value: Double) {
    guard !value.isNaN else { return }
    let n1 = Double(count)
    count += 1
    let n = Double(count)
    let delta = value - mean
    let deltaN = delta / n
    let deltaN2 = deltaN * deltaN
    let term1 = delta * deltaN * n1
    mean += deltaN
    m4 += term1 * deltaN2 * (n * n - 3 * n + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3
    m3 += term1 * deltaN * (n - 2) - 3 * deltaN * m2
    m2 += term1
  }

  /// Observes a value that occurs `occurrences` times: the merge of a state of that many equal values.
  public mutating func observe(_ value: Double, occurrences: Int) {
    guard !value.isNaN, occurrences > 0 else { return }
    var same = HigherMoments()
    same.count = occurrences
    same.mean = value
    merge(same)
  }

  /// Observes many values at once (NaN ignored): their central sums in two passes (mean first),
  /// then one merge, which is faster and as accurate as one update per value.
  public mutating func observe(contentsOf values: UnsafeBufferPointer<Double>) {
    var n = 0
    var sum = 0.0
    for v in values where !v.isNaN {
      n += 1
      sum += v
    }
    guard n > 0 else { return }
    var batch = HigherMoments()
    batch.count = n
    batch.mean = sum / Double(n)
    for v in values where !v.isNaN {
      let d = v - batch.mean
      let d2 = d * d
      batch.m2 += d2
      batch.m3 += d2 * d
      batch.m4 += d2 * d2
    }
    merge(batch)
  }

  public mutating func merge(_ other: HigherMoments) {
    guard other.count > 0 else { return }
    guard count > 0 else { self = other; return }
    let na = Double(count)
    let nb = Double(other.count)
    let n = na + nb
    let delta = other.mean - mean
    let d2 = delta * delta
    let d3 = d2 * delta
    let d4 = d2 * d2
    let newM4 = m4 + other.m4 + d4 * na * nb * (na * na - na * nb + nb * nb) / (n * n * n)
      + 6 * d2 * (na * na * other.m2 + nb * nb * m2) / (n * n) + 4 * delta * (na * other.m3 - nb * m3) / n
    let newM3 = m3 + other.m3 + d3 * na * nb * (na - nb) / (n * n) + 3 * delta * (na * other.m2 - nb * m2) / n
    m2 += other.m2 + d2 * na * nb / n
    m3 = newM3
    m4 = newM4
    mean += delta * nb / n
    count += other.count
  }

  public var result: Result {
    let n = Double(count)
    var r = Result(count: count)
    // Below this M2 the values are constant up to rounding (pandas uses the same kind of cut-off).
    let constant = m2 <= 1e-14 * Swift.max(mean * mean, 1e-300) * n
    if count >= 3 {
      let g1 = (m3 / n) / Foundation.pow(m2 / n, 1.5)
      r.skewness = constant ? 0 : (n * (n - 1)).squareRoot() / (n - 2) * g1
    }
    if count >= 4 {
      let g2 = (m4 / n) / ((m2 / n) * (m2 / n)) - 3
      r.kurtosis = constant ? 0 : (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * g2 + 6)
    }
    return r
  }
}
