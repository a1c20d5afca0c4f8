import Testing

@testable import OnboardKit

/// The batch dictionary, and the profile read through it: counting each distinct value once with
/// its rows must give what counting every row gives.
@Suite struct BatchDictionaryTests {
  static func enter(_ values: [String?]) -> (dictionary: BatchDictionary, entered: Int, entries: [Int32]) {
    let column = TextColumn(values)
    var dictionary = BatchDictionary()
    let entered = column.withValues { dictionary.enter($0, validity: column.validity, rows: column.count) }
    return (dictionary, entered, dictionary.withRowEntries { Array($0.prefix(entered)) })
  }

  @Test func entriesInOrderOfFirstOccurrence() {
    let (dictionary, entered, rows) = Self.enter(["b", "a", nil, "b", "", "a", "b"])
    #expect(entered == 7)
    // "" is a value of its own (a quoted empty field); only a missing field is a null.
    #expect(dictionary.count == 3)
    #expect(rows == [0, 1, -1, 0, 2, 1, 0])
    #expect((0 ..< 3).map(dictionary.firstRow) == [0, 1, 4])
    #expect((0 ..< 3).map(dictionary.occurrences) == [3, 2, 1])
    #expect(dictionary.hash(1) == Hashing.hash(Array("a".utf8)))
  }

  /// Reused for the next column, the table holds nothing of the last one.
  @Test func reuseStartsEmpty() {
    let first = TextColumn((0 ..< 3000).map { "v\($0 % 2500)" })
    let second = TextColumn(["v1", "x", "v1"])
    var dictionary = BatchDictionary()
    _ = first.withValues { dictionary.enter($0, validity: first.validity, rows: first.count) }
    #expect(dictionary.count == 2500)
    _ = second.withValues { dictionary.enter($0, validity: second.validity, rows: second.count) }
    #expect(dictionary.count == 2)
    #expect((0 ..< 2).map(dictionary.occurrences) == [2, 1])
  }

  /// A column of nearly unique values leaves the dictionary after `probeRows` rows; one with many
  /// repeats stays in it however many distinct values it has, up to the capacity.
  @Test func uniqueColumnsLeaveEarly() {
    let unique = (0 ..< 10_000).map { "id-\($0)" }
    #expect(Self.enter(unique).entered == BatchDictionary.probeRows)
    let repeated = (0 ..< 20_000).map { "v\($0 % 3000)" }
    let (dictionary, entered, _) = Self.enter(repeated)
    #expect(entered == 20_000)
    #expect(dictionary.count == 3000)
    // Past the capacity, the rows from the first value that finds no room are left to the caller.
    let many = (0 ..< 2 * BatchDictionary.capacity + 100).map { "v\($0 / 2)" }
    let full = Self.enter(many)
    #expect(full.dictionary.count == BatchDictionary.capacity)
    #expect(full.entered == 2 * BatchDictionary.capacity)
  }

  /// One batch where the dictionary stops after `probeRows` rows (the rest is read row by row)
  /// against small batches that the dictionary takes whole: the exact statistics, the invalid
  /// values with their row numbers and the duplicate rows agree.
  @Test func dictionaryAndRowsAgree() throws {
    var rng = SplitMix64(seed: 7)
    let rows = 12_000
    // Unique at first (so the dictionary stops), then few values with nulls, null tokens, text.
    let mixed: [String?] = (0 ..< rows).map { i in
      if i < 5000 { return String(100_000 + i) }
      switch rng.next() % 8 {
      case 0: return nil
      case 1: return "NA"
      case 2: return "oops"
      default: return String(rng.next() % 40)
      }
    }
    let small: [String?] = (0 ..< rows).map { _ in String(rng.next() % 5) }
    let schema = Schema([Field(name: "mixed", type: .string), Field(name: "small", type: .string)])
    let domains = [try ColumnDomain(column: "mixed", type: .integer), nil]
    func profile(batchRows: Int) -> TableProfile {
      var accumulator = ProfileAccumulator(schema: schema, domains: domains)
      for start in stride(from: 0, to: rows, by: batchRows) {
        let end = min(start + batchRows, rows)
        accumulator.observe(MergeLawTests.textBatch([Array(mixed[start ..< end]), Array(small[start ..< end])], firstLine: start + 2))
      }
      return accumulator.result()
    }
    let whole = profile(batchRows: rows)
    let pieces = profile(batchRows: 1000)
    for (a, b) in zip(whole.columns, pieces.columns) {
      #expect(a.rows == b.rows)
      #expect(a.nulls == b.nulls)
      #expect(a.emptyStrings == b.emptyStrings)
      #expect(a.distinct == b.distinct)
      #expect(a.minimum == b.minimum)
      #expect(a.maximum == b.maximum)
      #expect(a.sum == b.sum)
      #expect(a.inferredType == b.inferredType)
      #expect(a.zeros == b.zeros)
      #expect(a.lengths == b.lengths)
      #expect(a.entropy == b.entropy)
      #expect(a.invalid == b.invalid)
      #expect(a.correctness == b.correctness)
    }
    let mixedProfile = try #require(whole["mixed"])
    #expect(mixedProfile.nulls == mixed.filter { $0 == nil || $0 == "NA" }.count)
    #expect(mixedProfile.invalid?.invalid == mixed.filter { $0 == "oops" }.count)
    #expect(mixedProfile.distinct == Set(mixed.compactMap { $0 }.filter { $0 != "NA" }).count)
    #expect(whole.duplicateRows == pieces.duplicateRows)
  }
}

/// Observing a value with a count equals observing it that many times.
@Suite struct WeightedObservationTests {
  @Test func moments() {
    var weighted = Moments()
    var repeated = Moments()
    for (value, scale, count) in [(125, 2, 3), (-7, 0, 5), (40, 1, 1), (9_000_000_000, 0, 2)] as [(Int64, Int, Int)] {
      weighted.observe(unscaled: value, scale: scale, occurrences: count)
      for _ in 0 ..< count { repeated.observe(unscaled: value, scale: scale) }
    }
    #expect(weighted == repeated)
    // Floating values: West's weighted update agrees with Welford's to rounding.
    var weightedDoubles = Moments()
    var repeatedDoubles = Moments()
    for (value, count) in [(1.5e10, 4), (-2.25, 3), (3.0e-3, 7)] {
      weightedDoubles.observe(value, occurrences: count)
      for _ in 0 ..< count { repeatedDoubles.observe(value) }
    }
    let (w, r) = (weightedDoubles.result, repeatedDoubles.result)
    #expect(w.count == r.count)
    #expect(abs(w.mean! - r.mean!) <= 1e-12 * abs(r.mean!))
    #expect(abs(w.sampleVariance! - r.sampleVariance!) <= 1e-12 * r.sampleVariance!)
  }

  @Test func countsAndTypes() {
    let values: [(String, Int)] = [("12", 3), ("NA", 2), ("x", 4), ("2024-01-31", 1), ("3.25", 2), ("99999999999", 2)]
    var types = (TypeTally(), TypeTally())
    var nulls = (NullCount(), NullCount())
    var distinct = (DistinctCount(), DistinctCount())
    for (text, count) in values {
      let parsed = ValueParser.parse(text)
      let bytes = Array(text.utf8)
      let hash = Hashing.hash(bytes)
      types.0.observe(parsed, occurrences: count)
      nulls.0.observe(isNull: parsed == .null, isEmpty: bytes.isEmpty, occurrences: count)
      distinct.0.observe(hash: hash, occurrences: count)
      for _ in 0 ..< count {
        types.1.observe(parsed)
        nulls.1.observe(isNull: parsed == .null, isEmpty: bytes.isEmpty)
        distinct.1.observe(hash: hash)
      }
    }
    #expect(types.0 == types.1)
    #expect(types.0.integers == 5 && types.0.wideIntegers == 2)
    #expect(nulls.0 == nulls.1)
    #expect(nulls.0.result.nulls == 2)
    #expect(distinct.0 == distinct.1)
    #expect(distinct.0.occurrences?.sorted() == [1, 2, 2, 2, 3, 4])
  }
}
