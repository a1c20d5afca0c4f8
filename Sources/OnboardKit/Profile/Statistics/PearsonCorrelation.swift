/// Pearson's correlation of two numeric columns over the rows where both are present (pandas'
/// `DataFrame.corr()` default, pairwise complete observations).
///
/// The state is the count, both means and the centred sums M2x, M2y and Cxy. A batch is folded in
/// one pass of sums shifted by the columns' batch means (which keeps them accurate), and states
/// merge with Chan's pairwise formulas. Results are reproducible for a fixed merge order and
/// otherwise agree to about 1e-12.
public struct PearsonCorrelation: Statistic, Equatable {
  public private(set) var count = 0
  private var meanX = 0.0
  private var meanY = 0.0
  private var m2x = 0.0
  private var m2y = 0.0
  private var cxy = 0.0

  public init() {}

  /// Folds the rows of a batch: `x[i]` and `y[i]` are the two columns' values, NaN where absent.
  public mutating func observe(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) {
    observe(x, y, shiftX: Self.mean(x), shiftY: Self.mean(y))
  }

  /// The mean of the values that are not NaN (0 when there are none): a good shift for `observe`.
  static func mean(_ x: UnsafeBufferPointer<Double>) -> Double {
    var n = 0, sum = 0.0
    for v in x where !v.isNaN {
      n += 1
      sum += v
    }
    return n == 0 ? 0 : sum / Double(n)
  }

  /// Folds the rows of a batch in one pass, summing values less `shiftX` and `shiftY`: with shifts
  /// near the means (the columns' batch means, computed once for all pairs) the sums stay as
  /// accurate as centred ones, and the pair's own means and centred sums follow from them. Two
  /// sets of sums, for even and odd rows, keep the additions from waiting on one another.
  public mutating func observe(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, shiftX: Double, shiftY: Double) {
    let count = min(x.count, y.count)
    var n = (0, 0)
    var sx = (0.0, 0.0), sy = (0.0, 0.0), sxx = (0.0, 0.0), syy = (0.0, 0.0), sxy = (0.0, 0.0)
    @inline(__always) func terms(_ i: Int) -> (Int, Double, Double) {
      let dx = x[i] - shiftX, dy = y[i] - shiftY
      // A NaN (an absent value) stays NaN after the shift.
      let both = !dx.isNaN && !dy.isNaN
      return (both ? 1 : 0, both ? dx : 0, both ? dy : 0)
    }
    var i = 0
    while i + 1 < count {
      let (a, u0, v0) = terms(i), (b, u1, v1) = terms(i + 1)
      n.0 += a; sx.0 += u0; sy.0 += v0; sxx.0 += u0 * u0; syy.0 += v0 * v0; sxy.0 += u0 * v0
      n.1 += b; sx.1 += u1; sy.1 += v1; sxx.1 += u1 * u1; syy.1 += v1 * v1; sxy.1 += u1 * v1
      i += 2
    }
    if i < count {
      let (a, u0, v0) = terms(i)
      n.0 += a; sx.0 += u0; sy.0 += v0; sxx.0 += u0 * u0; syy.0 += v0 * v0; sxy.0 += u0 * v0
    }
    let pairs = n.0 + n.1
    guard pairs > 0 else { return }
    let k = Double(pairs)
    let (tx, ty) = (sx.0 + sx.1, sy.0 + sy.1)
    var batch = PearsonCorrelation()
    batch.count = pairs
    batch.meanX = shiftX + tx / k
    batch.meanY = shiftY + ty / k
    batch.m2x = max(0, sxx.0 + sxx.1 - tx * tx / k)
    batch.m2y = max(0, syy.0 + syy.1 - ty * ty / k)
    batch.cxy = sxy.0 + sxy.1 - tx * ty / k
    merge(batch)
  }

  public mutating func merge(_ other: PearsonCorrelation) {
    guard other.count > 0 else { return }
    guard count > 0 else { return self = other }
    let na = Double(count), nb = Double(other.count), n = na + nb
    let dx = other.meanX - meanX, dy = other.meanY - meanY
    m2x += other.m2x + dx * dx * na * nb / n
    m2y += other.m2y + dy * dy * na * nb / n
    cxy += other.cxy + dx * dy * na * nb / n
    meanX += dx * nb / n
    meanY += dy * nb / n
    count += other.count
  }

  /// r, or nil below two pairs or when either column is constant (pandas gives NaN).
  public var result: Double? {
    guard count >= 2, m2x > 0, m2y > 0 else { return nil }
    return max(-1, min(1, cxy / (m2x * m2y).squareRoot()))
  }
}
