import Testing

@testable import OnboardKit

/// Most frequent values: exact below the capacity, a frequent-items sketch above it.
@Suite struct TopValuesTests {
  static func observe(_ values: [String], into t: inout TopValues) {
    for v in values {
      let bytes = Array(v.utf8)
      bytes.withUnsafeBufferPointer { t.observe(hash: Hashing.hash($0), bytes: $0) }
    }
  }

  static func entries(_ pairs: [(String, Int)]) -> [TopValues.Entry] {
    pairs.map { TopValues.Entry(value: $0.0, count: $0.1) }
  }

  @Test func exactCountsOrderedByCountThenValue() {
    var t = TopValues()
    Self.observe(["b", "a", "c", "b", "d", "c", "a", "c", "b", "c", "a", "c", ""], into: &t)
    let r = t.result
    #expect(r.entries == Self.entries([("c", 5), ("a", 3), ("b", 3), ("", 1), ("d", 1)]))
    #expect(r.maximumError == 0)
    #expect(t.top(2).entries == Self.entries([("c", 5), ("a", 3)]))
  }

  @Test func resultIsTheTopTen() {
    var t = TopValues()
    // Value "v<k>" appears k times, k = 1...30.
    Self.observe((1 ... 30).flatMap { k in Array(repeating: "v\(k)", count: k) }, into: &t)
    #expect(t.result.entries == Self.entries((21 ... 30).reversed().map { ("v\($0)", $0) }))
    #expect(t.top(.max).entries.count == 30)
    #expect(t.result.maximumError == 0)
  }

  @Test func exactUpToJustBelowTheCapacity() {
    var t = TopValues()
    let values = (0 ..< TopValues.capacity - 1).map { "u\($0)" }
    Self.observe(values + ["u5", "u5", "u7"], into: &t)
    #expect(t.result.maximumError == 0)
    #expect(t.top(.max).entries.count == TopValues.capacity - 1)
    #expect(t.top(2).entries == Self.entries([("u5", 3), ("u7", 2)]))
  }

  /// One value seen 2,000 times among 100,000 values seen once: the sketch keeps it, with a
  /// count that is never too high and at most `maximumError` too low.
  @Test func heavyHitterAmongManyUniques() throws {
    var rng = SplitMix64(seed: 77)
    var values = (0 ..< 100_000).map { "unique-\($0)" }
    values += Array(repeating: "heavy", count: 2_000)
    values.shuffle(using: &rng)
    var t = TopValues()
    Self.observe(values, into: &t)
    let r = t.result
    #expect(r.maximumError > 0)
    let top = try #require(r.entries.first)
    #expect(top.value == "heavy")
    #expect(top.count <= 2_000)
    #expect(top.count >= 2_000 - r.maximumError, "error \(r.maximumError)")
    // Every other tracked value was seen once: its reported count cannot exceed that.
    #expect(r.entries.dropFirst().allSatisfy { $0.count <= 1 })
  }

  @Test func stateIsBoundedByTheCapacity() {
    var t = TopValues()
    Self.observe((0 ..< 20_000).map { "x\($0)" }, into: &t)
    #expect(t.top(.max).entries.count < TopValues.capacity)
  }
}
