import Testing

@testable import OnboardKit

/// Distinct counts: exact up to `DistinctCount.exactLimit`, then HyperLogLog within its stated error.
@Suite struct DistinctCountTests {
  static func hash(_ i: Int) -> UInt64 { Hashing.hash(Array("value-\(i)".utf8)) }

  /// 1.04 / sqrt(2^14): the relative standard error the sketch promises.
  @Test func standardErrorIsTheOneDocumented() {
    #expect(HyperLogLog.registerCount == 16_384)
    #expect(abs(HyperLogLog.standardError - 0.008125) < 1e-12)
    #expect(DistinctCount.exactLimit == 65_536)
  }

  @Test(arguments: [100_000, 1_000_000]) func hyperLogLogWithinThreeStandardErrors(n: Int) {
    var hll = HyperLogLog()
    for i in 0 ..< n { hll.insert(Self.hash(i)) }
    let error = abs(hll.estimate - Double(n)) / Double(n)
    #expect(error < 3 * HyperLogLog.standardError, "estimate \(hll.estimate) for \(n)")
  }

  /// Small counts are where raw HyperLogLog is biased; the improved estimator is not.
  @Test(arguments: [1, 10, 100, 1_000, 10_000]) func hyperLogLogSmallCounts(n: Int) {
    var hll = HyperLogLog()
    for i in 0 ..< n { hll.insert(Self.hash(i)) }
    for i in 0 ..< n { hll.insert(Self.hash(i)) }  // repeats change nothing
    let error = abs(hll.estimate - Double(n)) / Double(n)
    #expect(error < 3 * HyperLogLog.standardError, "estimate \(hll.estimate) for \(n)")
  }

  @Test func emptyHyperLogLogEstimatesZero() {
    #expect(HyperLogLog().estimate == 0)
  }

  @Test func hyperLogLogMergeIsOrderFree() {
    var a = HyperLogLog()
    var b = HyperLogLog()
    var all = HyperLogLog()
    for i in 0 ..< 50_000 {
      let h = Self.hash(i)
      if i % 3 == 0 { a.insert(h) } else { b.insert(h) }
      all.insert(h)
    }
    var ab = a
    ab.merge(b)
    var ba = b
    ba.merge(a)
    #expect(ab == all)
    #expect(ba == all)
    var twice = ab
    twice.merge(ab)
    #expect(twice == ab, "merging is idempotent")
  }

  @Test(arguments: [0, 1, 2, 1_000, 65_535, 65_536]) func exactUpToTheLimit(n: Int) {
    var d = DistinctCount()
    for i in 0 ..< n { d.observe(hash: Self.hash(i)) }
    for i in stride(from: 0, to: n, by: 7) { d.observe(hash: Self.hash(i)) }
    #expect(d.result == DistinctCount.Result(count: n, standardError: 0))
    #expect(d.result.isExact)
  }

  @Test(arguments: [65_537, 100_000, 1_000_000]) func estimatedPastTheLimit(n: Int) {
    var d = DistinctCount()
    for i in 0 ..< n { d.observe(hash: Self.hash(i)) }
    let result = d.result
    #expect(!result.isExact)
    #expect(result.standardError == HyperLogLog.standardError)
    #expect(abs(Double(result.count) - Double(n)) / Double(n) < 3 * HyperLogLog.standardError, "\(result.count) for \(n)")
  }

  /// Two exact halves of 40,000 values each, 10,000 shared: 70,000 distinct, past the limit.
  @Test func mergingExactHalvesPastTheLimitSwitchesToTheSketch() {
    var a = DistinctCount()
    var b = DistinctCount()
    for i in 0 ..< 40_000 { a.observe(hash: Self.hash(i)) }
    for i in 30_000 ..< 70_000 { b.observe(hash: Self.hash(i)) }
    #expect(a.result.isExact && b.result.isExact)
    a.merge(b)
    var sequential = DistinctCount()
    for i in 0 ..< 70_000 { sequential.observe(hash: Self.hash(i)) }
    #expect(a == sequential)
    #expect(!a.result.isExact)
    #expect(abs(Double(a.result.count) - 70_000) / 70_000 < 3 * HyperLogLog.standardError)
  }
}
