/// Values more than `threshold` (3 by default) sample standard deviations from the mean:
/// |x − mean| / s > threshold, with s as pandas' `Series.std()` (ddof = 1).
///
/// This is a **second-phase** statistic: the mean and standard deviation must be known before the
/// first value is observed, so it needs a pre-pass (the `Moments` of the same column) and then a
/// second pass over the values. It is not computed from a sample: the counts are exact for the
/// given mean and deviation. Merging requires the same mean, deviation and threshold.
/// With a zero or unknown deviation nothing is an outlier.
public struct ZScoreOutliers: Statistic, Equatable {
  public private(set) var mean: Double
  public private(set) var standardDeviation: Double
  public private(set) var threshold: Double
  public private(set) var count = 0
  public private(set) var low = 0
  public private(set) var high = 0

  /// No parameters: a statistic that flags nothing (for the `Statistic` protocol).
  public init() { self.init(mean: 0, standardDeviation: 0) }

  public init(mean: Double, standardDeviation: Double, threshold: Double = 3) {
    self.mean = mean
    self.standardDeviation = standardDeviation
    self.threshold = threshold
  }

  /// Parameters from a finished `Moments` pass over the same column.
  public init(moments: Moments.Result, threshold: Double = 3) {
    self.init(mean: moments.mean ?? 0, standardDeviation: moments.sampleStandardDeviation ?? 0, threshold: threshold)
  }

  public struct Result: Sendable, Equatable {
    public var count: Int
    /// Outliers below mean − threshold·s and above mean + threshold·s.
    public var low: Int
    public var high: Int
    public var outliers: Int { low + high }
  }

  @inline(__always)
  public mutating func observe(_ value: Double) {
    guard !value.isNaN else { return }
    count += 1
    guard standardDeviation > 0 else { return }
    let z = (value - mean) / standardDeviation
    if z > threshold { high += 1 } else if z < -threshold { low += 1 }
  }

  public mutating func merge(_ other: ZScoreOutliers) {
    if count == 0 { (mean, standardDeviation, threshold) = (other.mean, other.standardDeviation, other.threshold) }
    precondition(
      other.count == 0 || (other.mean == mean && other.standardDeviation == standardDeviation && other.threshold == threshold),
      "z-score outliers merged with different parameters")
    count += other.count
    low += other.low
    high += other.high
  }

  public var result: Result { Result(count: count, low: low, high: high) }
}
