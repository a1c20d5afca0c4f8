import Testing

@testable import OnboardKit

/// The merge law of DESIGN.md: observing A then B gives the same state as observing A and B apart
/// and merging. Exact statistics must be equal; sketches equal where their merge is lossless
/// (HyperLogLog registers merge by maximum) and within their stated error otherwise.
@Suite struct MergeLawTests {
  /// Splits at several points, including the empty halves.
  static let splits = [0, 1, 37, 500, 999, 1000]

  static func values(_ n: Int, seed: UInt64) -> [String] {
    var rng = SplitMix64(seed: seed)
    return (0 ..< n).map { _ in
      switch rng.next() % 10 {
      case 0: ""
      case 1: "NA"
      case 2: String(Int64(bitPattern: rng.next()) % 1_000_000)
      case 3: "\(rng.next() % 1000).\(rng.next() % 100)"
      case 4: "-\(rng.next() % 50).5"
      case 5: "2024-0\(rng.next() % 9 + 1)-1\(rng.next() % 10)"
      case 6: "2024-01-02T03:04:0\(rng.next() % 10)Z"
      case 7: ["true", "false"][Int(rng.next() % 2)]
      default: "w\(rng.next() % 40)"
      }
    }
  }

  static func observeAll<S>(_ s: inout S, _ values: ArraySlice<String>, _ observe: (inout S, String) -> Void) {
    for v in values { observe(&s, v) }
  }

  /// Runs `observe` sequentially over all values and over two halves merged; returns both.
  static func both<S: Statistic>(
    _ values: [String], split: Int, _ observe: (inout S, String) -> Void
  ) -> (sequential: S, merged: S) {
    var sequential = S()
    observeAll(&sequential, values[...], observe)
    var a = S()
    var b = S()
    observeAll(&a, values[..<split], observe)
    observeAll(&b, values[split...], observe)
    a.merge(b)
    return (sequential, a)
  }

  static func hash(_ s: String) -> UInt64 { Hashing.hash(Array(s.utf8)) }

  @Test(arguments: splits) func nullCount(split: Int) {
    let values = Self.values(1000, seed: 1)
    let (s, m) = Self.both(values, split: split) { (n: inout NullCount, v) in
      n.observe(isNull: ValueParser.parse(v) == .null, isEmpty: v.isEmpty)
    }
    #expect(s == m)
    #expect(s.rows == 1000)
    #expect(s.nulls == values.filter { $0 == "" || $0 == "NA" }.count)
    #expect(s.emptyStrings == values.filter(\.isEmpty).count)
  }

  @Test(arguments: splits) func typeTally(split: Int) {
    let (s, m) = Self.both(Self.values(1000, seed: 2), split: split) { (t: inout TypeTally, v) in t.observe(ValueParser.parse(v)) }
    #expect(s == m)
    #expect(s.result == m.result)
  }

  @Test(arguments: splits) func distinctCountExact(split: Int) {
    let values = Self.values(1000, seed: 3)
    let (s, m) = Self.both(values, split: split) { (d: inout DistinctCount, v) in d.observe(hash: Self.hash(v)) }
    #expect(s == m)
    #expect(s.result == m.result)
    #expect(s.result.count == Set(values).count)
    #expect(s.result.isExact)
  }

  /// Past the exact limit both sides switch to HyperLogLog; the registers are the maximum over the
  /// same hashes either way, so the states are equal, not just close.
  @Test(arguments: [0, 30_000, 65_536, 65_537, 100_000, 140_000]) func distinctCountPastTheLimit(split: Int) {
    var rng = SplitMix64(seed: 4)
    // 140,000 values over about 120,000 distinct hashes: repeats on both sides of the split.
    let hashes = (0 ..< 140_000).map { _ in Hashing.finalize(rng.next() % 120_000 + 1) }
    var sequential = DistinctCount()
    for h in hashes { sequential.observe(hash: h) }
    var a = DistinctCount()
    var b = DistinctCount()
    for h in hashes[..<split] { a.observe(hash: h) }
    for h in hashes[split...] { b.observe(hash: h) }
    a.merge(b)
    #expect(a == sequential)
    #expect(a.result == sequential.result)
    #expect(!a.result.isExact)
    let truth = Double(Set(hashes).count)
    #expect(abs(Double(a.result.count) - truth) / truth < 3 * HyperLogLog.standardError)
  }

  /// A merge where one side is exact and the other a sketch, in both directions.
  @Test func distinctCountMixedStates() {
    var rng = SplitMix64(seed: 5)
    let big = (0 ..< 70_000).map { _ in rng.next() }
    let small = (0 ..< 1_000).map { _ in rng.next() }
    var sequential = DistinctCount()
    for h in big + small { sequential.observe(hash: h) }
    var sketch = DistinctCount()
    for h in big { sketch.observe(hash: h) }
    var exact = DistinctCount()
    for h in small { exact.observe(hash: h) }
    var left = exact
    left.merge(sketch)
    var right = sketch
    right.merge(exact)
    #expect(left == sequential)
    #expect(right == sequential)
  }

  @Test(arguments: splits) func topValuesExact(split: Int) {
    let values = Self.values(1000, seed: 6).filter { ValueParser.parse($0) != .null }
    let cut = min(split, values.count)
    let (s, m) = Self.both(values, split: cut) { (t: inout TopValues, v) in
      let bytes = Array(v.utf8)
      bytes.withUnsafeBufferPointer { t.observe(hash: Hashing.hash($0), bytes: $0) }
    }
    #expect(s == m)
    #expect(s.top(.max).entries == m.top(.max).entries)
    #expect(s.result.maximumError == 0)
    #expect(m.result.maximumError == 0)
  }

  /// Past the capacity of 1024 values the sketch purges; sequential and merged states differ, but
  /// every reported count is at most the truth and at least the truth minus `maximumError`.
  @Test(arguments: [1, 25_000, 50_000]) func topValuesPastCapacity(split: Int) {
    var rng = SplitMix64(seed: 7)
    // Five heavy values (about 20%, 10%, 5%, 2%, 1%) among many rare ones.
    let heavy = ["h0", "h1", "h2", "h3", "h4"]
    let values: [String] = (0 ..< 50_000).map { _ in
      let r = rng.next() % 1000
      switch r {
      case 0 ..< 200: return heavy[0]
      case 200 ..< 300: return heavy[1]
      case 300 ..< 350: return heavy[2]
      case 350 ..< 370: return heavy[3]
      case 370 ..< 380: return heavy[4]
      default: return "rare\(rng.next() % 20_000)"
      }
    }
    var truth: [String: Int] = [:]
    for v in values { truth[v, default: 0] += 1 }
    let (s, m) = Self.both(values, split: split) { (t: inout TopValues, v) in
      let bytes = Array(v.utf8)
      bytes.withUnsafeBufferPointer { t.observe(hash: Hashing.hash($0), bytes: $0) }
    }
    for state in [s, m] {
      let result = state.top(.max)
      #expect(result.maximumError > 0)
      #expect(result.maximumError < truth[heavy[4]]!, "the sketch keeps values more frequent than its error")
      for entry in result.entries {
        let t = truth[entry.value]!
        #expect(entry.count <= t)
        #expect(entry.count >= t - result.maximumError)
      }
      #expect(Array(state.top(5).entries.map(\.value)) == heavy)
    }
  }

  @Test(arguments: splits) func momentsExact(split: Int) {
    let (s, m) = Self.both(Self.values(1000, seed: 8), split: split) { (mo: inout Moments, v) in
      switch ValueParser.parse(v) {
      case .integer(let i, _): mo.observe(unscaled: i, scale: 0)
      case .decimal(let u, _, let sc): mo.observe(unscaled: u, scale: sc)
      default: break
      }
    }
    #expect(s == m)
    #expect(s.result == m.result)
  }

  @Test(arguments: splits) func momentsWithDoubles(split: Int) {
    var rng = SplitMix64(seed: 9)
    let values = (0 ..< 1000).map { _ in Double(rng.next() % 1_000_000) / 7.0 - 50_000 }
    let (s, m) = Self.both(values.map { "\($0)" }, split: split) { (mo: inout Moments, v) in mo.observe(Double(v)!) }
    let a = s.result
    let b = m.result
    #expect(a.count == b.count)
    #expect(a.minimum == b.minimum && a.maximum == b.maximum)
    #expect(relativeError(a.mean!, b.mean!) < 1e-12)
    #expect(relativeError(a.sampleVariance!, b.sampleVariance!) < 1e-12)
  }

  @Test(arguments: splits) func textRange(split: Int) {
    let values = Self.values(1000, seed: 10).filter { !$0.isEmpty }
    let cut = min(split, values.count)
    let (s, m) = Self.both(values, split: cut) { (t: inout TextRange, v) in
      let bytes = Array(v.utf8)
      bytes.withUnsafeBufferPointer { t.observe($0) }
    }
    #expect(s == m)
    #expect(s.result?.minimum == values.min(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }))
    #expect(s.result?.maximum == values.max(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }))
  }

  @Test(arguments: splits) func temporalRange(split: Int) {
    let (s, m) = Self.both(Self.values(1000, seed: 11), split: split) { (t: inout TemporalRange, v) in
      switch ValueParser.parse(v) {
      case .date(let d): t.observe(micros: Int64(d) * CivilTime.microsPerDay)
      case .timestamp(let micros): t.observe(micros: micros)
      default: break
      }
    }
    #expect(s == m)
    // 2024-01-01 (day 19,723) is the earliest date the generator can write.
    #expect(s.result.map { $0.minimum >= 19_723 * CivilTime.microsPerDay } == true)
  }

  static func textBatch(_ columns: [[String?]], firstLine: Int) -> Batch {
    let schema = Schema(columns.indices.map { Field(name: "c\($0)", type: .string) })
    let rows = columns.first?.count ?? 0
    return Batch(
      schema: schema, columns: columns.map { .text(TextColumn($0)) },
      origins: (0 ..< rows).map { RowOrigin(line: firstLine + $0, byteOffset: 0) })
  }

  static func batches(count: Int, rows: Int, seed: UInt64) -> [Batch] {
    (0 ..< count).map { b in
      let mixed = Self.values(rows, seed: seed &+ UInt64(b))
      let ints = Self.values(rows * 3, seed: seed &+ 100 &+ UInt64(b)).compactMap { v -> String? in
        if case .integer = ValueParser.parse(v) { return v }
        return nil
      }
      let intColumn = (0 ..< rows).map { i in ints.isEmpty ? nil : ints[i % ints.count] }
      return textBatch([mixed.map { $0 }, intColumn], firstLine: b * rows + 2)
    }
  }

  @Test(arguments: [0, 1, 2, 5]) func columnAccumulator(split: Int) {
    let batches = Self.batches(count: 5, rows: 400, seed: 12)
    var sequential = ColumnAccumulator()
    for b in batches { sequential.observe(b.columns[0]) }
    var a = ColumnAccumulator()
    var b = ColumnAccumulator()
    for x in batches[..<split] { a.observe(x.columns[0]) }
    for x in batches[split...] { b.observe(x.columns[0]) }
    a.merge(b)
    let field = Field(name: "c0", type: .string)
    #expect(
      Self.rounded(ColumnProfile(field: field, accumulator: a, sensitive: false))
        == Self.rounded(ColumnProfile(field: field, accumulator: sequential, sensitive: false)))
  }

  /// Floating-point moments merged in another order may differ in the last bits: 12 digits agree.
  static func rounded(_ x: Double?) -> Double? { x.map { Double(String(format: "%.12g", $0))! } }

  static func rounded(_ c: ColumnProfile) -> ColumnProfile {
    var c = c
    (c.mean, c.standardDeviation, c.populationStandardDeviation) = (rounded(c.mean), rounded(c.standardDeviation), rounded(c.populationStandardDeviation))
    (c.skewness, c.kurtosis) = (rounded(c.skewness), rounded(c.kurtosis))
    return c
  }

  static func rounded(_ p: TableProfile) -> TableProfile {
    var p = p
    p.columns = p.columns.map(rounded)
    p.correlations = p.correlations?.map { c in
      var c = c
      c.pearson = rounded(c.pearson)!
      return c
    }
    return p
  }

  @Test(arguments: [0, 1, 3, 6]) func profileAccumulator(split: Int) throws {
    let batches = Self.batches(count: 6, rows: 300, seed: 13)
    var sequential = ProfileAccumulator(schema: batches[0].schema)
    for b in batches { sequential.observe(b) }
    var a = ProfileAccumulator(schema: batches[0].schema)
    var b = ProfileAccumulator(schema: batches[0].schema)
    for x in batches[..<split] { a.observe(x) }
    for x in batches[split...] { b.observe(x) }
    a.merge(b)
    #expect(Self.rounded(a.result()) == Self.rounded(sequential.result()))
    #expect(Self.rounded(a.result(sensitive: ["c1"])) == Self.rounded(sequential.result(sensitive: ["c1"])))
    let profile = sequential.result()
    #expect(profile.rows == 1800)
    #expect(profile["c1"]?.inferredType == .integer)
  }

  /// Typed columns (what steps hand to the profiler) merge the same way.
  @Test func typedColumns() {
    let ints = Column.int64(TypedColumn([1, nil, -7, 40, 1], zero: 0))
    let decimals = Column.decimal(TypedColumn([125, -5, nil, 1000], zero: 0), scale: 2)
    let dates = Column.date(TypedColumn([19_723, nil, 0], zero: 0))
    for column in [ints, decimals, dates] {
      var sequential = ColumnAccumulator()
      sequential.observe(column)
      sequential.observe(column)
      var a = ColumnAccumulator()
      a.observe(column)
      a.merge(a)
      let field = Field(name: "c", type: .string)
      #expect(
        Self.rounded(ColumnProfile(field: field, accumulator: a, sensitive: false))
          == Self.rounded(ColumnProfile(field: field, accumulator: sequential, sensitive: false)))
    }
  }
}
