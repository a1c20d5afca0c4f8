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
  /// accurate as centred ones, and the pair's own means and centred sums follow from them. Four
  /// rows at a time, in SIMD lanes; a row where either value is NaN (absent) adds zeros.
  public mutating func observe(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, shiftX: Double, shiftY: Double) {
    typealias Lanes = SIMD4<Double>
    let count = min(x.count, y.count)
    guard count > 0, let xs = x.baseAddress, let ys = y.baseAddress else { return }
    let (ax, ay) = (Lanes(repeating: shiftX), Lanes(repeating: shiftY))
    var (n, sx, sy, sxx, syy, sxy) = (Lanes.zero, Lanes.zero, Lanes.zero, Lanes.zero, Lanes.zero, Lanes.zero)
    @inline(__always) func add(_ dx: Lanes, _ dy: Lanes) {
      // NaN is the one value unequal to itself; an absent value stays NaN after the shift.
      let both = (dx .== dx) .& (dy .== dy)
      let u = Lanes.zero.replacing(with: dx, where: both), v = Lanes.zero.replacing(with: dy, where: both)
      n += Lanes.zero.replacing(with: 1, where: both)
      sx += u
      sy += v
      sxx += u * u
      syy += v * v
      sxy += u * v
    }
    var i = 0
    while i + 4 <= count {
      add(
        UnsafeRawPointer(xs + i).loadUnaligned(as: Lanes.self) - ax,
        UnsafeRawPointer(ys + i).loadUnaligned(as: Lanes.self) - ay)
      i += 4
    }
    if i < count {
      var (tx, ty) = (Lanes(repeating: .nan), Lanes(repeating: .nan))
      for lane in 0 ..< count - i { (tx[lane], ty[lane]) = (xs[i + lane], ys[i + lane]) }
      add(tx - ax, ty - ay)
    }
    let pairs = Int(n.sum())
    guard pairs > 0 else { return }
    let k = Double(pairs)
    let (tx, ty) = (sx.sum(), sy.sum())
    var batch = PearsonCorrelation()
    batch.count = pairs
    batch.meanX = shiftX + tx / k
    batch.meanY = shiftY + ty / k
    batch.m2x = max(0, sxx.sum() - tx * tx / k)
    batch.m2y = max(0, syy.sum() - ty * ty / k)
    batch.cxy = sxy.sum() - tx * ty / k
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
