/// Count, sum, mean, variance, minimum and maximum of numeric values.
///
/// Integers and decimals (the usual case) are summed exactly as scaled 128-bit integers, so the
/// result does not depend on the order of the values or on how batches were split across threads.
/// Only values with an exponent, or sums past 128 bits, switch to Welford's update with Chan's
/// merge (then results may differ in the last bits between thread counts).
public struct Moments: Statistic, Equatable {
  public private(set) var count = 0
  public private(set) var minimum = Double.infinity
  public private(set) var maximum = -Double.infinity
  /// Exact range of the whole numbers observed (a `Double` loses integers past 2^53).
  public private(set) var integerMinimum = Int64.max
  public private(set) var integerMaximum = Int64.min
  // Exact state: values are `unscaled / 10^scale`.
  private var exact = true
  private var scale = 0
  private var sum: Int128 = 0
  private var sumOfSquares: Int128 = 0
  // Floating state, used once `exact` is false.
  private var mean = 0.0
  private var m2 = 0.0

  public init() {}

  public struct Result: Sendable, Equatable {
    public var count: Int
    public var sum: Double?
    public var mean: Double?
    public var minimum: Double?
    public var maximum: Double?
    public var populationVariance: Double?
    public var sampleVariance: Double?
    /// Exact minimum and maximum when every value was a whole number.
    public var integerMinimum: Int64?
    public var integerMaximum: Int64?
    public var sampleStandardDeviation: Double? { sampleVariance.map { $0.squareRoot() } }
    public var populationStandardDeviation: Double? { populationVariance.map { $0.squareRoot() } }
  }

  private static let powers: [Int128] = (0...36).map { p in (0 ..< p).reduce(Int128(1)) { v, _ in v * 10 } }

  /// Observes `unscaled / 10^scale` exactly (integers have scale 0), `occurrences` times.
  @inline(__always)
  public mutating func observe(unscaled: Int64, scale valueScale: Int, occurrences: Int = 1) {
    let value = Double(unscaled) / ValueParser.powersOfTen[valueScale]
    if valueScale == 0 {
      if unscaled < integerMinimum { integerMinimum = unscaled }
      if unscaled > integerMaximum { integerMaximum = unscaled }
    }
    if value < minimum { minimum = value }
    if value > maximum { maximum = value }
    guard exact else { return welford(value, occurrences: occurrences) }
    if valueScale > scale && !rescale(to: valueScale) { return welford(value, occurrences: occurrences) }
    var v = Int128(unscaled)
    if valueScale < scale {
      let (scaled, overflow) = v.multipliedReportingOverflow(by: Moments.powers[scale - valueScale])
      if overflow { makeFloating(); return welford(value, occurrences: occurrences) }
      v = scaled
    }
    let (square, o1) = v.multipliedReportingOverflow(by: v)
    var (total, totalSquare, o2, o3) = (v, square, false, false)
    if occurrences != 1 {
      (total, o2) = v.multipliedReportingOverflow(by: Int128(occurrences))
      (totalSquare, o3) = square.multipliedReportingOverflow(by: Int128(occurrences))
    }
    let (newSum, o4) = sum.addingReportingOverflow(total)
    let (newSquares, o5) = sumOfSquares.addingReportingOverflow(totalSquare)
    if o1 || o2 || o3 || o4 || o5 { makeFloating(); return welford(value, occurrences: occurrences) }
    sum = newSum
    sumOfSquares = newSquares
    count += occurrences
  }

  public mutating func observe(_ value: Double, occurrences: Int = 1) {
    if value < minimum { minimum = value }
    if value > maximum { maximum = value }
    if exact { makeFloating() }
    welford(value, occurrences: occurrences)
  }

  /// Welford's update for `occurrences` equal values (West's weighted form; the same bits as
  /// Welford's for one value).
  @inline(__always)
  private mutating func welford(_ value: Double, occurrences: Int) {
    count += occurrences
    let weight = Double(occurrences)
    let delta = value - mean
    mean += delta * weight / Double(count)
    m2 += weight * delta * (value - mean)
  }

  private mutating func rescale(to newScale: Int) -> Bool {
    let d = newScale - scale
    guard newScale <= 18 else { makeFloating(); return false }
    let (s, o1) = sum.multipliedReportingOverflow(by: Moments.powers[d])
    let (q, o2) = sumOfSquares.multipliedReportingOverflow(by: Moments.powers[2 * d])
    if o1 || o2 { makeFloating(); return false }
    sum = s
    sumOfSquares = q
    scale = newScale
    return true
  }

  /// Mean and M2 of the exact state, computed without cancellation.
  private var exactMeanAndM2: (Double, Double) {
    guard count > 0 else { return (0, 0) }
    let n = Int128(count)
    let quotient = sum / n
    let remainder = sum % n
    // M2 = sumsq - sum^2/n = (sumsq - sum*q) - sum*r/n, with the first term exact.
    let (product, overflow) = sum.multipliedReportingOverflow(by: quotient)
    let unit = ValueParser.powersOfTen[scale]
    let mean = Double(sum) / Double(count) / unit
    guard !overflow else {
      let s = Double(sum) / unit
      return (mean, Double(sumOfSquares) / (unit * unit) - s * s / Double(count))
    }
    let m2 = (Double(sumOfSquares - product) - Double(sum) * Double(remainder) / Double(count)) / (unit * unit)
    return (mean, m2)
  }

  private mutating func makeFloating() {
    guard exact else { return }
    (mean, m2) = exactMeanAndM2
    exact = false
  }

  public mutating func merge(_ other: Moments) {
    minimum = Swift.min(minimum, other.minimum)
    maximum = Swift.max(maximum, other.maximum)
    integerMinimum = Swift.min(integerMinimum, other.integerMinimum)
    integerMaximum = Swift.max(integerMaximum, other.integerMaximum)
    if exact && other.exact {
      var theirs = other
      let target = Swift.max(scale, other.scale)
      if rescale(to: target) && theirs.rescale(to: target) {
        let (s, o1) = sum.addingReportingOverflow(theirs.sum)
        let (q, o2) = sumOfSquares.addingReportingOverflow(theirs.sumOfSquares)
        if !o1 && !o2 {
          sum = s
          sumOfSquares = q
          count += other.count
          return
        }
      }
      makeFloating()
      return mergeFloating(theirs)
    }
    makeFloating()
    mergeFloating(other)
  }

  private mutating func mergeFloating(_ other: Moments) {
    var theirs = other
    theirs.makeFloating()
    guard theirs.count > 0 else { return }
    guard count > 0 else {
      (count, mean, m2) = (theirs.count, theirs.mean, theirs.m2)
      return
    }
    let n = Double(count + theirs.count)
    let delta = theirs.mean - mean
    m2 += theirs.m2 + delta * delta * Double(count) * Double(theirs.count) / n
    mean += delta * Double(theirs.count) / n
    count += theirs.count
  }

  public var result: Result {
    guard count > 0 else { return Result(count: 0) }
    let (mean, m2) = exact ? exactMeanAndM2 : (self.mean, self.m2)
    let total = exact ? Double(sum) / ValueParser.powersOfTen[scale] : mean * Double(count)
    let variance = Swift.max(m2, 0)
    return Result(
      count: count, sum: total, mean: mean, minimum: minimum, maximum: maximum,
      populationVariance: variance / Double(count),
      sampleVariance: count > 1 ? variance / Double(count - 1) : nil,
      integerMinimum: integerMinimum <= integerMaximum ? integerMinimum : nil,
      integerMaximum: integerMinimum <= integerMaximum ? integerMaximum : nil)
  }
}
