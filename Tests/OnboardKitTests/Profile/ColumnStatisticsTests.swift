import Foundation
import Testing

@testable import OnboardKit

/// Hand-worked fixtures and the merge law (DESIGN.md invariant 4) for the statistics beside the
/// profile: HigherMoments, QuantileSketch/Histogram, TextLengths, ValueShapes, ValueEntropy,
/// SignCounts, ZScoreOutliers.
@Suite struct ColumnStatisticsTests {
  static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    Array(s.utf8).withUnsafeBufferPointer(body)
  }

  static func shape(_ s: String) -> String {
    var shapes = ValueShapes()
    withBytes(s) { shapes.observe($0) }
    return shapes.top(1).entries[0].value
  }

  /// 1, 2, 3, 10: mean 4, deviations −3, −2, −1, 6, so M2 = 50, M3 = 180, M4 = 1394.
  /// g1 = 45 / 12.5^1.5, G1 = √12 / 2 · g1; g2 = 348.5 / 156.25 − 3 = −0.7696, G2 = 3/2 · (5·g2 + 6) = 3.228.
  @Test func skewnessAndKurtosisByHand() {
    var m = HigherMoments()
    for v in [1.0, 2, 3, 10] { m.observe(v) }
    let r = m.result
    #expect(relativeError(r.skewness!, 12.0.squareRoot() / 2 * 45 / Foundation.pow(12.5, 1.5)) < 1e-14)
    #expect(relativeError(r.kurtosis!, 3.228) < 1e-13)
    var constant = HigherMoments()
    for _ in 0 ..< 10 { constant.observe(0.1) }
    #expect(constant.result.skewness == 0 && constant.result.kurtosis == 0)
    var three = HigherMoments()
    for v in [1.0, 2, 4] { three.observe(v) }
    #expect(three.result.skewness != nil && three.result.kurtosis == nil)
    #expect(HigherMoments().result == HigherMoments.Result(count: 0))
  }

  @Test func shapesByHand() {
    #expect(Self.shape("AB-123") == "A-9")
    #expect(Self.shape("Müller") == "Aa")
    #expect(Self.shape("2024-01-31") == "9-9-9")
    #expect(Self.shape("a  b") == "a a")
    #expect(Self.shape("東京 ÉTÉ ٣") == "a A 9")
    #expect(Self.shape("") == "")
    #expect(Self.shape(String(repeating: "a1", count: 20)) == String(repeating: "a9", count: 16) + "…")
  }

  @Test func lengthsByHand() {
    var t = TextLengths()
    for s in ["é", "e\u{301}", "東京", "", "abc"] { Self.withBytes(s) { t.observe($0) } }
    #expect(t.result == TextLengths.Result(count: 5, minimum: 0, maximum: 3, mean: 8.0 / 5))
    #expect(TextLengths().result == TextLengths.Result(count: 0))
  }

  /// a a b c: p = 1/2, 1/4, 1/4, H = 1/2 + 2/4 + 2/4 = 1.5 bits.
  @Test func entropyByHand() {
    var e = DistinctCount()
    for s in ["a", "a", "b", "c"] { e.observe(hash: Hashing.hash(Array(s.utf8))) }
    #expect(ValueEntropy.of(e, top: TopValues().result, nonNull: 4) == .init(bits: 1.5, isExact: true))
    var unique = DistinctCount()
    for i in 0 ..< 1024 { unique.observe(hash: Hashing.finalize(UInt64(i) + 1)) }
    #expect(ValueEntropy.of(unique, top: TopValues().result, nonNull: 1024).bits == 10)
    // Past the exact limit the counts are gone: the estimate from top values and distinct count.
    var tooMany = DistinctCount()
    for i in 0 ... DistinctCount.exactLimit { tooMany.observe(hash: Hashing.finalize(UInt64(i) + 1)) }
    #expect(tooMany.occurrences == nil && !ValueEntropy.of(tooMany, top: TopValues().result, nonNull: 65_537).isExact)
    // The estimate from 2 top values (1/2, 1/4) and 4 others sharing the last 1/4 evenly (1/16 each):
    // 1/2·1 + 1/4·2 + 4 · (1/16 · 4) = 0.5 + 0.5 + 1 = 2 bits.
    let estimate = ValueEntropy.estimate(count: 16, distinct: 6, top: [.init(value: "a", count: 8), .init(value: "b", count: 4)])
    #expect(abs(estimate - 2) < 1e-15)
  }

  @Test func signsAndOutliersByHand() {
    var s = SignCounts()
    for v in [0.0, -0.0, -1, 2, .nan] { s.observe(v) }
    for u: Int64 in [0, -5, 7] { s.observe(unscaled: u) }
    #expect(s.result == SignCounts.Result(zeros: 3, negatives: 2, positives: 2))
    // 20 values: eighteen 0s, one −10 and one 10: mean 0, s = √(200/19) ≈ 3.244, so |z| ≈ 3.08 > 3.
    var sketch = QuantileSketch()
    var moments = Moments()
    for v in [-10.0, 10] + Array(repeating: 0, count: 18) {
      sketch.observe(v)
      moments.observe(v)
    }
    let z = ZScoreOutliers(sketch: sketch, moments: moments.result)
    #expect(z.low == 1 && z.high == 1 && z.maximumError == 0)
    // |z| ≈ 3.08: not past a threshold of 3.1.
    #expect(ZScoreOutliers(sketch: sketch, moments: moments.result, threshold: 3.1).outliers == 0)
  }

  // MARK: merge law

  static let splits = MergeLawTests.splits

  static func numbers(_ seed: UInt64) -> [Double] {
    MergeLawTests.values(1000, seed: seed).compactMap { v in
      switch ValueParser.parse(v) {
      case .integer(let i, _): Double(i)
      case .decimal(let u, _, let s): Double(u) / ValueParser.powersOfTen[s]
      default: nil
      }
    }
  }

  static func both<S: Statistic>(_ values: [Double], split: Int, _ observe: (inout S, Double) -> Void) -> (S, S) {
    let cut = min(split, values.count)
    var sequential = S()
    for v in values { observe(&sequential, v) }
    var a = S()
    var b = S()
    for v in values[..<cut] { observe(&a, v) }
    for v in values[cut...] { observe(&b, v) }
    a.merge(b)
    return (sequential, a)
  }

  @Test(arguments: splits) func higherMoments(split: Int) {
    let values = Self.numbers(20)
    let (s, m) = Self.both(values, split: split) { (h: inout HigherMoments, v) in h.observe(v) }
    #expect(s.count == m.count && s.count == values.count)
    #expect(relativeError(s.result.skewness!, m.result.skewness!) < 1e-12)
    #expect(relativeError(s.result.kurtosis!, m.result.kurtosis!) < 1e-12)
    #expect(abs(s.result.skewness!) > 0.01, "a fixture with some skew, so a sign error shows")
  }

  @Test(arguments: splits) func quantilesExact(split: Int) {
    let (s, m) = Self.both(Self.numbers(21), split: split) { (q: inout QuantileSketch, v) in q.observe(v) }
    #expect(s == m)
    #expect(s.result == m.result && s.result.isExact)
    #expect(s.histogram() == m.histogram())
  }

  @Test(arguments: splits) func textLengthsShapesEntropy(split: Int) {
    let values = MergeLawTests.values(1000, seed: 22) + ["Müller", "東京", "AB-123"]
    let cut = min(split, values.count)
    func run(_ part: ArraySlice<String>) -> (TextLengths, ValueShapes, DistinctCount) {
      var l = TextLengths()
      var sh = ValueShapes()
      var e = DistinctCount()
      for v in part {
        Self.withBytes(v) { b in
          l.observe(b)
          sh.observe(b)
          e.observe(hash: Hashing.hash(b))
        }
      }
      return (l, sh, e)
    }
    let (l, sh, e) = run(values[...])
    var (la, sha, ea) = run(values[..<cut])
    let (lb, shb, eb) = run(values[cut...])
    la.merge(lb)
    sha.merge(shb)
    ea.merge(eb)
    #expect(la == l && sha == sh && ea == e)
    #expect(ea.occurrences.map { $0.sorted() } == e.occurrences.map { $0.sorted() })
    #expect(sh.top(.max).maximumError == 0)
  }

  @Test(arguments: splits) func signsAndOutliers(split: Int) {
    let values = Self.numbers(23)
    let (s, m) = Self.both(values, split: split) { (c: inout SignCounts, v) in c.observe(v) }
    #expect(s == m && s.result.negatives > 0)
    // Outliers are read from the quantile sketch, so they merge as it does.
    var moments = Moments()
    for v in values { moments.observe(v) }
    let (sequential, merged) = Self.both(values, split: split) { (q: inout QuantileSketch, v) in q.observe(v) }
    #expect(ZScoreOutliers(sketch: sequential, moments: moments.result) == ZScoreOutliers(sketch: merged, moments: moments.result))
  }
}

/// `ValueScan.known` derives the scan of a standard number, date or timestamp from its kind
/// without reading its bytes: it must equal the byte scan exactly, or shapes and PII would drift.
@Suite struct ValueScanTests {
  @Test(arguments: [
    ("0", ColumnAccumulator.ValueKind.integer), ("-42", .integer), ("123456789012345", .integer),
    ("3.25", .decimal), ("-0.5", .decimal), ("10.000", .decimal),
    ("2024-01-31", .date), ("1999-12-01", .date),
    ("2017-02-14T01:49:06", .timestamp), ("2017-02-14 01:49:06", .timestamp),
  ])
  func knownEqualsTheByteScan(value: String, kind: ColumnAccumulator.ValueKind) throws {
    let bytes = Array(value.utf8)
    try bytes.withUnsafeBufferPointer { b in
      let known = try #require(ValueScan.known(b, kind))
      #expect(known == ValueScan(b), "\(value)")
    }
  }

  /// Forms the shortcut does not cover are left to the byte scan.
  @Test func otherFormsAreScanned() {
    for (value, kind) in [("+5", ColumnAccumulator.ValueKind.integer), (".5", .decimal), ("2024-01-31T10:00:00Z", .timestamp), ("1e5", .double)] {
      Array(value.utf8).withUnsafeBufferPointer { #expect(ValueScan.known($0, kind) == nil, "\(value)") }
    }
  }
}
