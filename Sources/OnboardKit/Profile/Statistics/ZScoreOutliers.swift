/// Values more than `threshold` (3 by default) sample standard deviations from the mean:
/// |x − mean| / s > threshold, with s as pandas' `Series.std()` (ddof = 1).
///
/// Counting them exactly needs the mean and deviation before the first value, that is a second
/// pass. The profile makes one pass, so the counts are read from the column's `QuantileSketch`
/// once its `Moments` are known: the number of values below mean − t·s and above mean + t·s are
/// two rank estimates, each within the sketch's `maximumRankError` (`maximumError` here). The
/// sketch is exact for up to 4,096 values, and so are these counts then.
/// With a zero or unknown deviation nothing is an outlier.
public struct ZScoreOutliers: Sendable, Equatable, Codable {
  public var threshold: Double
  /// Values below mean − threshold·s and above mean + threshold·s.
  public var low: Int
  public var high: Int
  /// How far each of `low` and `high` may be from the exact count; 0 when exact.
  public var maximumError: Int
  public var outliers: Int { low + high }

  enum CodingKeys: String, CodingKey {
    case threshold, low, high
    case maximumError = "maxError"
  }

  public init(sketch: QuantileSketch, moments: Moments.Result, threshold: Double = 3) {
    self.threshold = threshold
    maximumError = sketch.maximumRankError
    guard let mean = moments.mean, let s = moments.sampleStandardDeviation, s > 0, sketch.count > 0 else {
      (low, high) = (0, 0)
      return
    }
    let sorted = sketch.weighted()
    // z < −t ⇔ x < mean − t·s and z > t ⇔ x > mean + t·s, computed as z to match pandas' rounding.
    var low = 0, high = 0
    for (v, w) in sorted {
      let z = (v - mean) / s
      if z < -threshold { low += w } else if z > threshold { high += w }
    }
    self.low = low
    self.high = high
  }
}
