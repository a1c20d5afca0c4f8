import Testing

@testable import OnboardKit

/// What a column's profile reports, per inferred type, and what it hides for sensitive columns.
@Suite struct ColumnProfileTests {
  static func profile(_ values: [String?], sensitive: Bool = false) -> ColumnProfile {
    let batch = Batch(
      schema: Schema([Field(name: "c", type: .string)]), columns: [.text(TextColumn(values))],
      origins: values.indices.map { RowOrigin(line: $0 + 2, byteOffset: 0) })
    var accumulator = ProfileAccumulator(schema: batch.schema)
    accumulator.observe(batch)
    return accumulator.result(sensitive: sensitive ? ["c"] : [])["c"]!
  }

  @Test func integers() {
    let p = Self.profile(["3", nil, "-1", "NA", "", "3"])
    #expect(p.inferredType == .integer)
    #expect(p.rows == 6)
    #expect(p.nulls == 3)
    // The missing field and the empty one both have no bytes; the `NA` token is a null but not empty.
    #expect(p.emptyStrings == 2)
    #expect(p.completeness == 0.5)
    #expect(p.distinct == 2)
    #expect(p.minimum == .integer(-1))
    #expect(p.maximum == .integer(3))
    #expect(p.sum == 5)
    #expect(p.topValues == [TopValues.Entry(value: "3", count: 2), TopValues.Entry(value: "-1", count: 1)])
    #expect(p.topValuesMaximumError == nil)
    #expect(p.distinctStandardError == nil)
  }

  @Test func decimalsDatesTimestampsBooleansText() {
    let d = Self.profile(["1.50", "-0.25", "10"])
    #expect(d.inferredType == .decimal(precision: 4, scale: 2))
    #expect(d.minimum == .number(-0.25))
    #expect(d.maximum == .number(10))
    #expect(d.mean == 11.25 / 3)

    let dates = Self.profile(["2024-02-29", "1969-12-31", "2000-01-01"])
    #expect(dates.inferredType == .date)
    #expect(dates.minimum == .string("1969-12-31"))
    #expect(dates.maximum == .string("2024-02-29"))
    #expect(dates.mean == nil)

    let times = Self.profile(["2024-01-02T03:04:05+02:00", "2024-01-02", "2024-01-02 00:00:00.5"])
    #expect(times.inferredType == .timestamp)
    #expect(times.minimum == .string("2024-01-02 00:00:00"))
    #expect(times.maximum == .string("2024-01-02 01:04:05"))

    let booleans = Self.profile(["true", "False", "TRUE"])
    #expect(booleans.inferredType == .boolean)
    #expect(booleans.minimum == .string("False"))
    #expect(booleans.maximum == .string("true"))

    let text = Self.profile(["b", "é", "a", "B"])
    #expect(text.inferredType == .string)
    #expect(text.minimum == .string("B"))
    #expect(text.maximum == .string("é"))
    #expect(text.sum == nil)
  }

  @Test func sensitiveColumnsShowNoValues() {
    let p = Self.profile(["30", "41", "30"], sensitive: true)
    #expect(p.sensitive)
    #expect(p.topValues == nil)
    #expect(p.minimum == nil)
    #expect(p.maximum == nil)
    // Aggregates are not row values and stay.
    #expect(p.distinct == 2)
    #expect(p.mean == 101.0 / 3)
  }

  /// Minimum and maximum of a bigint column are whole numbers: they must not pass through `Double`.
  @Test func bigintRangeIsExact() {
    let p = Self.profile(["9007199254740993", "9007199254740995", "-9007199254740993"])
    #expect(p.inferredType == .bigint)
    #expect(p.minimum == .integer(-9_007_199_254_740_993))
    #expect(p.maximum == .integer(9_007_199_254_740_995))
  }

  /// `Int64.max` becomes 2^63 as a `Double`, and `Int64(2^63)` traps: profiling must not crash.
  @Test func int64MaxDoesNotCrashTheProfile() async {
    await #expect(processExitsWith: .success) {
      let p = ColumnProfileTests.profile(["1", "9223372036854775807"])
      precondition(p.maximum == .integer(Int64.max))
    }
  }
}
