import Foundation
import Testing

@testable import OnboardKit

/// Quantiles against exact answers computed here from the sorted values (a different algorithm:
/// sort everything and index), and the sketch's stated rank error on a million values.
@Suite struct QuantileSketchTests {
  /// The rank range [#(< y) + 1, #(≤ y)] of `y` in `sorted`.
  static func rankRange(of y: Double, in sorted: [Double]) -> ClosedRange<Int> {
    func firstIndex(where predicate: (Double) -> Bool) -> Int {
      var lo = 0
      var hi = sorted.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if predicate(sorted[mid]) { hi = mid } else { lo = mid + 1 }
      }
      return lo
    }
    let below = firstIndex { $0 >= y }
    let upTo = firstIndex { $0 > y }
    return (below + 1) ... max(below + 1, upTo)
  }

  /// Distance from `target` to the rank range of `y` (0 when `y` is a right answer).
  static func rankError(_ y: Double, target: Int, in sorted: [Double]) -> Int {
    let r = rankRange(of: y, in: sorted)
    return target < r.lowerBound ? r.lowerBound - target : target > r.upperBound ? target - r.upperBound : 0
  }

  /// 1...100: the p-th percentile under "smallest value with #(≤ y) ≥ ⌈p·n/100⌉" is p itself.
  @Test func oneToAHundred() {
    var s = QuantileSketch()
    for v in (1 ... 100).reversed() { s.observe(Double(v)) }
    let r = s.result
    #expect(r.values == [1, 5, 25, 50, 75, 95, 99])
    #expect(r.isExact && r.maximumRankError == 0)
    #expect(s.quantile(percent: 100) == 100)
    // 1...10: ⌈p·10/100⌉ = 1, 1, 3, 5, 8, 10, 10.
    var t = QuantileSketch()
    for v in 1 ... 10 { t.observe(Double(v)) }
    #expect(t.result.values == [1, 1, 3, 5, 8, 10, 10])
    #expect(QuantileSketch().result.values.isEmpty)
  }

  /// Up to k values the sketch keeps them all: exact, and merged halves equal the whole.
  @Test func exactModeMergesExactly() {
    var rng = SplitMix64(seed: 1)
    let values = (0 ..< QuantileSketch.k).map { _ in Double(rng.next() % 1000) / 4 - 100 }
    var whole = QuantileSketch()
    for v in values { whole.observe(v) }
    var a = QuantileSketch()
    var b = QuantileSketch()
    for v in values[..<1000] { a.observe(v) }
    for v in values[1000...] { b.observe(v) }
    a.merge(b)
    #expect(a == whole)
    #expect(a.result == whole.result)
    #expect(whole.isExact)
    let sorted = values.sorted()
    let expected = QuantileSketch.percents.map { sorted[QuantileSketch.targetRank(percent: $0, count: sorted.count) - 1] }
    #expect(whole.result.values == expected)
    var more = whole
    more.observe(0)
    #expect(!more.isExact, "one value past k compacts")
  }

  enum Distribution: String, CaseIterable {
    case uniform, skewed, duplicates
  }

  static func million(_ d: Distribution) -> [Double] {
    var rng = SplitMix64(seed: 42)
    return (0 ..< 1_000_000).map { _ in
      let u = Double(rng.next() >> 11) / Double(1 << 53)
      switch d {
      case .uniform: return u * 1000 - 500
      case .skewed: return Foundation.exp(12 * u * u * u)  // long right tail
      case .duplicates: return Double(Int(u * u * 20))  // 20 values, very unequal counts
      }
    }
  }

  /// On a million values, every quantile's rank error is within the sketch's `maximumRankError`,
  /// which is within the stated ε·n; sequentially and as 8 sketches merged in a fixed order.
  @Test(arguments: Distribution.allCases) func rankErrorOnAMillionValues(distribution: Distribution) {
    let values = Self.million(distribution)
    let sorted = values.sorted()
    let n = values.count
    let epsilon = QuantileSketch.epsilon(count: n)
    #expect(epsilon < 0.0023)
    var sequential = QuantileSketch()
    for v in values { sequential.observe(v) }
    var parts = [QuantileSketch](repeating: QuantileSketch(), count: 8)
    for (i, v) in values.enumerated() { parts[i * 8 / n].observe(v) }
    var merged = QuantileSketch()
    for p in parts { merged.merge(p) }
    var mergedAgain = QuantileSketch()
    for p in parts { mergedAgain.merge(p) }
    #expect(merged == mergedAgain, "deterministic for a fixed merge order")
    // As the profile feeds a batch's numbers: runs of 65,536 (NaN among them), sorted and
    // compacted at once; and a short run, which stays exact.
    var batched = QuantileSketch()
    for start in stride(from: 0, to: n, by: 65_536) {
      var run = Array(values[start ..< min(start + 65_536, n)])
      run.insert(.nan, at: run.count / 2)
      run.withUnsafeBufferPointer { batched.observe(contentsOf: $0) }
    }
    var short = QuantileSketch()
    Array(values[..<1000]).withUnsafeBufferPointer { short.observe(contentsOf: $0) }
    #expect(short.isExact && short.count == 1000)
    #expect(short.result.values == QuantileSketch.percents.map { values[..<1000].sorted()[QuantileSketch.targetRank(percent: $0, count: 1000) - 1] })
    for sketch in [sequential, merged, batched] {
      let r = sketch.result
      #expect(r.count == n)
      #expect(!r.isExact)
      #expect(r.maximumRankError > 0)
      #expect(Double(r.maximumRankError) <= epsilon * Double(n), "\(r.maximumRankError) vs ε·n = \(epsilon * Double(n))")
      var largest = 0
      for (p, y) in zip(QuantileSketch.percents, r.values) {
        let error = Self.rankError(y, target: QuantileSketch.targetRank(percent: p, count: n), in: sorted)
        largest = max(largest, error)
        #expect(error <= r.maximumRankError, "p\(p): rank error \(error) > \(r.maximumRankError)")
      }
      print("\(distribution): largest rank error \(largest), bound \(r.maximumRankError), ε·n \(Int(epsilon * Double(n)))")
      #expect(sketch.minimum == sorted.first && sketch.maximum == sorted.last)
      // The histogram's counts are within their stated error of the exact counts.
      let h = sketch.histogram(bins: 10)!
      #expect(h.bins.reduce(0) { $0 + $1.count } == n)
      for bin in h.bins {
        let lower = sorted.partitioningIndex { $0 >= bin.lower }
        let upper = bin.upper == sorted.last ? n : sorted.partitioningIndex { $0 >= bin.upper }
        #expect(abs(bin.count - (upper - lower)) <= h.maximumCountError)
      }
    }
  }
}

extension Array where Element == Double {
  /// The first index whose element satisfies `predicate` (which must be false, then true).
  func partitioningIndex(where predicate: (Double) -> Bool) -> Int {
    var lo = 0
    var hi = count
    while lo < hi {
      let mid = (lo + hi) / 2
      if predicate(self[mid]) { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }
}
