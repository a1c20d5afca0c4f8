/// Pearson's correlation of two numeric columns over the rows where both are present (pandas'
/// `DataFrame.corr()` default, pairwise complete observations).
///
/// The state is the count, both means and the centred sums M2x, M2y and Cxy. A batch is folded in
/// two passes over its rows (means first, then centred sums, which keeps the sums accurate), and
/// states merge with Chan's pairwise formulas. Results are reproducible for a fixed merge order and
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
    var batch = PearsonCorrelation()
    var n = 0, sx = 0.0, sy = 0.0
    for i in 0 ..< min(x.count, y.count) where !x[i].isNaN && !y[i].isNaN {
      n += 1
      sx += x[i]
      sy += y[i]
    }
    guard n > 0 else { return }
    let mx = sx / Double(n), my = sy / Double(n)
    var vx = 0.0, vy = 0.0, c = 0.0
    for i in 0 ..< min(x.count, y.count) where !x[i].isNaN && !y[i].isNaN {
      let dx = x[i] - mx, dy = y[i] - my
      vx += dx * dx
      vy += dy * dy
      c += dx * dy
    }
    (batch.count, batch.meanX, batch.meanY, batch.m2x, batch.m2y, batch.cxy) = (n, mx, my, vx, vy, c)
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
