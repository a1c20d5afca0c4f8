import Testing

@testable import OnboardKit

/// Count, sum, mean, variance, minimum and maximum, against closed forms computed by hand.
@Suite struct MomentsTests {
  static func observe(_ texts: [String]) -> Moments {
    var m = Moments()
    for t in texts {
      switch ValueParser.parse(t) {
      case .integer(let v, _): m.observe(unscaled: v, scale: 0)
      case .decimal(let u, _, let s): m.observe(unscaled: u, scale: s)
      case .double(let d): m.observe(d)
      default: Issue.record("\(t) is not a number")
      }
    }
    return m
  }

  /// Two-pass mean and variance in `Double`: a different algorithm from the one under test.
  static func twoPass(_ values: [Double]) -> (mean: Double, sample: Double, population: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    let ss = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (mean, ss / Double(values.count - 1), ss / Double(values.count))
  }

  /// 1...n: sum n(n+1)/2, mean (n+1)/2, population variance (n²-1)/12, sample variance n(n+1)/12.
  @Test func oneToAThousand() {
    let m = Self.observe((1 ... 1000).map(String.init))
    let r = m.result
    #expect(r.count == 1000)
    #expect(r.sum == 500_500)
    #expect(r.mean == 500.5)
    #expect(r.minimum == 1)
    #expect(r.maximum == 1000)
    #expect(r.populationVariance == 999_999.0 / 12)
    #expect(relativeError(r.sampleVariance!, 1000.0 * 1001 / 12) < 1e-15)
    #expect(relativeError(r.sampleStandardDeviation!, (1000.0 * 1001 / 12).squareRoot()) < 1e-15)
  }

  /// 1.5, 2.25, -3: sum 0.75, mean 0.25, deviations 1.25, 2, -3.25, squares 16.125 in all.
  @Test func decimalsWithMixedScales() {
    let r = Self.observe(["1.5", "2.25", "-3"]).result
    #expect(r.count == 3)
    #expect(r.sum == 0.75)
    #expect(r.mean == 0.25)
    #expect(r.minimum == -3)
    #expect(r.maximum == 2.25)
    #expect(r.populationVariance == 5.375)
    #expect(r.sampleVariance == 8.0625)
    #expect(r.populationStandardDeviation == 5.375.squareRoot())
  }

  @Test func constantValuesHaveExactlyZeroVariance() {
    let r = Self.observe(Array(repeating: "0.1", count: 1000)).result
    #expect(r.mean == 0.1)
    #expect(r.sampleVariance == 0)
    #expect(r.populationVariance == 0)
  }

  @Test func oneAndNoValues() {
    let one = Self.observe(["-7.25"]).result
    #expect(one.count == 1)
    #expect(one.mean == -7.25)
    #expect(one.populationVariance == 0)
    #expect(one.sampleVariance == nil)
    #expect(one.sampleStandardDeviation == nil)
    let none = Moments().result
    #expect(none == Moments.Result(count: 0))
    #expect(none.mean == nil && none.sum == nil && none.minimum == nil)
  }

  /// Integers and decimals are summed exactly, so any order gives the same bits.
  @Test(arguments: [1, 2, 3]) func exactPathIsOrderFree(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let values: [String] = (0 ..< 5000).map { _ in
      let whole = Int64(rng.next() % 2_000_000) - 1_000_000
      switch rng.next() % 4 {
      case 0: return String(whole)
      case 1: return "\(whole).\(rng.next() % 10)"
      case 2: return "\(whole).\(String(rng.next() % 100 + 100).dropFirst())"
      default: return "\(whole).\(String(rng.next() % 10_000 + 10_000).dropFirst())"
      }
    }
    let reference = Self.observe(values).result
    var shuffled = values
    shuffled.shuffle(using: &rng)
    let again = Self.observe(shuffled).result
    #expect(again.mean?.bitPattern == reference.mean?.bitPattern)
    #expect(again.sampleVariance?.bitPattern == reference.sampleVariance?.bitPattern)
    #expect(again.sum?.bitPattern == reference.sum?.bitPattern)
    #expect(again == reference)
    let expected = Self.twoPass(values.map { Double($0)! })
    #expect(relativeError(reference.mean!, expected.mean) < 1e-9)
    #expect(relativeError(reference.sampleVariance!, expected.sample) < 1e-12)
  }

  /// Values with an exponent take the floating path (Welford).
  @Test func doubles() {
    let r = Self.observe(["1e3", "2E3", "3e3", "4.5e3"]).result
    let expected = Self.twoPass([1000, 2000, 3000, 4500])
    #expect(r.count == 4)
    #expect(relativeError(r.mean!, expected.mean) < 1e-12)
    #expect(relativeError(r.sampleVariance!, expected.sample) < 1e-12)
    #expect(relativeError(r.populationVariance!, expected.population) < 1e-12)
    #expect(relativeError(r.sum!, 10_500) < 1e-12)
    #expect(r.minimum == 1000 && r.maximum == 4500)
  }

  /// Exact values first, then a double: the state switches to floating without losing the first part.
  @Test func exactThenDoubles() {
    var rng = SplitMix64(seed: 9)
    let values = (0 ..< 2000).map { i in i < 1000 ? String(rng.next() % 100_000) : "\(rng.next() % 100_000)e-2" }
    let r = Self.observe(values).result
    let expected = Self.twoPass(values.map { Double($0)! })
    #expect(r.count == 2000)
    #expect(relativeError(r.mean!, expected.mean) < 1e-12)
    #expect(relativeError(r.sampleVariance!, expected.sample) < 1e-10)
  }

  /// Near Int64's limits the 128-bit sum of squares overflows; the answer is still right.
  /// 9e18 + k·10^12 for k in 0..<100: mean 9e18 + 49.5e12, sample variance 10^24 · 100·101/12.
  @Test func largeIntegersOverflowTheExactPath() {
    let values = (0 ..< 100).map { k in String(9_000_000_000_000_000_000 + Int64(k) * 1_000_000_000_000) }
    let r = Self.observe(values).result
    #expect(r.count == 100)
    #expect(relativeError(r.mean!, 9e18 + 49.5e12) < 1e-9)
    #expect(relativeError(r.sampleVariance!, 1e24 * 100 * 101 / 12) < 1e-9)
    #expect(relativeError(r.sum!, 9e20 + 4950e12) < 1e-9)
    #expect(r.maximum == 9e18 + 99e12)
  }

  @Test func largeIntegersOfBothSigns() {
    var rng = SplitMix64(seed: 11)
    let values = (0 ..< 1000).map { _ in Int64(bitPattern: rng.next()) }
    let r = Self.observe(values.map(String.init)).result
    let expected = Self.twoPass(values.map(Double.init))
    #expect(relativeError(r.mean!, expected.mean) < 1e-9)
    #expect(relativeError(r.sampleVariance!, expected.sample) < 1e-9)
  }

  /// A decimal with 18 places next to a large integer cannot share one exact scale.
  @Test func scalesTooFarApartOverflowTheExactPath() {
    let values = ["123456789", "0.123456789012345678", "-5.5", "77", "1234567.25"]
    let r = Self.observe(values).result
    let expected = Self.twoPass(values.map { Double($0)! })
    #expect(r.count == 5)
    #expect(relativeError(r.mean!, expected.mean) < 1e-9)
    #expect(relativeError(r.sampleVariance!, expected.sample) < 1e-9)
  }
}
