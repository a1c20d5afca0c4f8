import Foundation
import Testing

@testable import OnboardKit

/// The statistics beside the profile against pandas/numpy (`scripts/oracle_column_stats.py`), on
/// the German credit data and on a generated 100,000-row file: skewness and kurtosis to 1e-9,
/// exact quantiles and histograms equal (within the sketch's stated error past 4,096 values),
/// entropy, lengths, shapes, zeros, negatives and z-score outliers equal.
@Suite(.serialized) struct ColumnStatisticsOracleTests {
  struct Ours {
    var count = 0
    var numeric = true
    var moments = Moments()
    var higher = HigherMoments()
    var quantiles = QuantileSketch()
    var signs = SignCounts()
    var lengths = TextLengths()
    var shapes = ValueShapes()
    /// Counts of the distinct values, which give the entropy.
    var entropy = DistinctCount()
    var values: [Double] = []
  }

  /// Every column of a simple delimited file (no quoting); empty fields are null.
  static func columns(_ path: String, delimiter: Character, header: Bool) throws -> [(String, [String])] {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
    let rows = lines.map { $0.split(separator: delimiter, omittingEmptySubsequences: false).map(String.init) }
    let names = header ? rows[0] : (1 ... rows[0].count).map { "column_\($0)" }
    let body = header ? Array(rows.dropFirst()) : rows
    return names.enumerated().map { i, name in (name, body.map { $0[i] }) }
  }

  static func profile(_ texts: [String]) -> Ours {
    var o = Ours()
    let present = texts.filter { !$0.isEmpty }
    o.numeric = !present.isEmpty && present.allSatisfy { Double($0) != nil }
    for t in present {
      o.count += 1
      Array(t.utf8).withUnsafeBufferPointer { b in
        o.lengths.observe(b)
        o.shapes.observe(b)
        o.entropy.observe(hash: Hashing.hash(b))
      }
      guard o.numeric, let d = Double(t) else { continue }
      o.values.append(d)
      o.moments.observe(d)
      o.higher.observe(d)
      o.quantiles.observe(d)
      o.signs.observe(d)
    }
    return o
  }

  static func number(_ any: Any?) -> Double? { (any as? NSNumber)?.doubleValue }

  /// Compares every column; returns the largest relative errors of skewness and kurtosis.
  @discardableResult
  static func compare(_ path: String, delimiter: Character, header: Bool, arguments: [String]) throws -> (Double, Double)? {
    guard let answer = try OraclePython.json([OraclePython.script("oracle_column_stats.py"), path] + arguments) else { return nil }
    let oracle = try #require(answer as? [String: [String: Any]])
    var worst = (0.0, 0.0)
    let columns = try Self.columns(path, delimiter: delimiter, header: header)
    #expect(Set(columns.map(\.0)) == Set(oracle.keys))
    for (name, texts) in columns {
      let o = Self.profile(texts)
      let p = try #require(oracle[name], "\(name)")
      #expect(o.count == p["count"] as? Int, "\(name): count")
      let lengths = o.lengths.result
      #expect(lengths.minimum == p["length_min"] as? Int && lengths.maximum == p["length_max"] as? Int, "\(name): lengths")
      #expect(relativeError(try #require(lengths.mean), number(p["length_mean"])!) < 1e-12, "\(name): mean length")
      let oracleBits = try #require(number(p["entropy_bits"]))
      if o.entropy.occurrences != nil {
        let bits = ValueEntropy.of(o.entropy, top: TopValues().result, nonNull: o.count).bits
        #expect(relativeError(bits, oracleBits) < 1e-12, "\(name): entropy")
      } else {
        // Past the exact limit: the documented estimate from top values and the distinct count.
        let present = texts.filter { !$0.isEmpty }
        #expect(Set(present).count > DistinctCount.exactLimit, "\(name): entropy overflowed")
        var top = TopValues()
        var distinct = DistinctCount()
        for t in present {
          Array(t.utf8).withUnsafeBufferPointer { b in
            top.observe(hash: Hashing.hash(b), bytes: b)
            distinct.observe(hash: Hashing.hash(b))
          }
        }
        let estimate = ValueEntropy.estimate(count: o.count, distinct: distinct.result.count, top: top.top(.max).entries)
        print("\(name): entropy estimate \(estimate) bits vs exact \(oracleBits)")
        #expect(relativeError(estimate, oracleBits) < 0.02, "\(name): entropy estimate \(estimate) vs \(oracleBits)")
      }
      let shapes = Dictionary(uniqueKeysWithValues: o.shapes.top(.max).entries.map { ($0.value, $0.count) })
      #expect(shapes == p["shapes"] as? [String: Int], "\(name): shapes")
      #expect(o.numeric == (p["skew"] != nil), "\(name): numeric")
      guard o.numeric, let quantiles = p["quantiles"] as? [Double], let histogram = p["histogram"] as? [Int] else { continue }
      let r = o.higher.result
      let skewError = relativeError(r.skewness!, number(p["skew"])!)
      let kurtError = relativeError(r.kurtosis!, number(p["kurt"])!)
      worst = (max(worst.0, skewError), max(worst.1, kurtError))
      #expect(skewError <= 1e-9, "\(name): skew \(r.skewness!) vs \(p["skew"]!)")
      #expect(kurtError <= 1e-9, "\(name): kurt \(r.kurtosis!) vs \(p["kurt"]!)")
      #expect(o.signs.zeros == p["zeros"] as? Int && o.signs.negatives == p["negatives"] as? Int, "\(name): signs")
      let z = ZScoreOutliers(sketch: o.quantiles, moments: o.moments.result)
      let (zLow, zHigh) = (try #require(p["z_low"] as? Int), try #require(p["z_high"] as? Int))
      #expect(abs(z.low - zLow) <= z.maximumError && abs(z.high - zHigh) <= z.maximumError, "\(name): z-score outliers \(z) vs \(zLow), \(zHigh)")
      let q = o.quantiles.result
      let h = try #require(o.quantiles.histogram(bins: 10))
      if q.isExact {
        #expect(q.values == quantiles, "\(name): quantiles")
        #expect(h.bins.map(\.count) == histogram, "\(name): histogram")
      } else {
        let sorted = o.values.sorted()
        for (ours, theirs) in zip(q.values, quantiles) {
          let target = QuantileSketchTests.rankRange(of: theirs, in: sorted).lowerBound
          #expect(QuantileSketchTests.rankError(ours, target: target, in: sorted) <= q.maximumRankError, "\(name): quantile \(ours) vs \(theirs)")
        }
        for (ours, theirs) in zip(h.bins.map(\.count), histogram) {
          #expect(abs(ours - theirs) <= h.maximumCountError, "\(name): histogram")
        }
      }
    }
    return worst
  }

  @Test func germanCredit() throws {
    guard let worst = try Self.compare(
      TestPaths.germanData.path, delimiter: " ", header: false, arguments: ["--no-header", "--delimiter", " "])
    else { return }
    print("german credit: largest relative error skew \(worst.0), kurtosis \(worst.1)")
  }

  /// 100,000 rows: a long-tailed double, integers with zeros and negatives (some empty), and codes
  /// of mixed shapes, accents and CJK (some empty).
  @Test func generatedHundredThousandRows() throws {
    var rng = SplitMix64(seed: 2_026_11_22)
    let codes = ["AB-123", "ab12", "Müller", "東京", "café", "X", "ÉTÉ 2024", "n/a", "id_00042", "ok?"]
    var text = "skewed,amount,code\n"
    for _ in 0 ..< 100_000 {
      let u = Double(rng.next() >> 11) / Double(1 << 53)
      let skewed = Foundation.exp(6 * u * u) - 1.5
      let amount = rng.next() % 10 == 0 ? "" : rng.next() % 7 == 0 ? "0" : String(Int64(rng.next() % 2001) - 600)
      let code = rng.next() % 20 == 0 ? "" : codes[Int(rng.next() % UInt64(codes.count))] + (rng.next() % 3 == 0 ? String(rng.next() % 1000) : "")
      text += "\(skewed),\(amount),\(code)\n"
    }
    let folder = try TemporaryFolder()
    let path = try folder.write("generated.csv", text).path
    guard let worst = try Self.compare(path, delimiter: ",", header: true, arguments: []) else { return }
    print("generated: largest relative error skew \(worst.0), kurtosis \(worst.1)")
  }
}
