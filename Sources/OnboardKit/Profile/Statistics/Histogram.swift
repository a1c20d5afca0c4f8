/// An equal-width histogram over [minimum, maximum], read from a `QuantileSketch` so that it needs
/// no pre-pass to learn the range and merges as the sketch does.
///
/// Bin edges are numpy's `linspace(minimum, maximum, bins + 1)`; bin i holds the values in
/// [edge i, edge i+1), the last bin also its upper edge (as `numpy.histogram`). Counts are exact
/// while the sketch is exact; otherwise each count is the difference of two rank estimates and is
/// within 2 · `maximumRankError` of the truth (the stated bound: 2ε·n, see `QuantileSketch`).
public struct Histogram: Sendable, Equatable, Codable {
  public struct Bin: Sendable, Equatable, Codable {
    public var lower: Double
    public var upper: Double
    public var count: Int
  }

  public var bins: [Bin]
  /// How far any bin's count may be from the truth; 0 when exact.
  public var maximumCountError: Int

  enum CodingKeys: String, CodingKey {
    case bins
    case maximumCountError = "maxCountError"
  }
}

extension QuantileSketch {
  /// The histogram with `bins` equal-width bins; nil without values. A constant column gets one bin.
  public func histogram(bins: Int = 10) -> Histogram? {
    guard count > 0, bins > 0 else { return nil }
    guard maximum > minimum else {
      return Histogram(bins: [.init(lower: minimum, upper: maximum, count: count)], maximumCountError: 0)
    }
    let step = (maximum - minimum) / Double(bins)
    var edges = (0 ... bins).map { Double($0) * step + minimum }
    edges[bins] = maximum
    let sorted = weighted()
    var below = (0 ... bins).map { rank(of: edges[$0], inclusive: false, in: sorted) }
    below[bins] = count
    below[0] = 0
    let result = (0 ..< bins).map { i in
      Histogram.Bin(lower: edges[i], upper: edges[i + 1], count: below[i + 1] - below[i])
    }
    return Histogram(bins: result, maximumCountError: 2 * maximumRankError)
  }
}
