import Testing

@testable import OnboardKit

/// Typed values are written as canonical text that reads back to the same value.
@Suite struct ValueFormatterTests {
  static func text(_ column: Column, _ row: Int = 0) -> String? { column.formatted(row) }

  @Test(arguments: [
    (Int64(1250), 2, "12.50"), (-1250, 2, "-12.50"), (-5, 2, "-0.05"), (5, 1, "0.5"), (0, 3, "0.000"), (7, 0, "7"), (Int64.min, 18, "-9.223372036854775808"),
    (999_999_999_999_999_999, 18, "0.999999999999999999"),
  ])
  func decimals(_ unscaled: Int64, _ scale: Int, _ expected: String) {
    #expect(Self.text(.decimal(TypedColumn([unscaled], zero: 0), scale: scale)) == expected)
  }

  @Test(arguments: [(Int64(0), "0"), (-42, "-42"), (Int64.max, "9223372036854775807"), (Int64.min, "-9223372036854775808")])
  func integers(_ value: Int64, _ expected: String) {
    #expect(Self.text(.int64(TypedColumn([value], zero: 0))) == expected)
  }

  @Test(arguments: [(Int32(0), "1970-01-01"), (-1, "1969-12-31"), (19_782, "2024-02-29"), (11_016, "2000-02-29"), (-719_468, "0000-03-01")])
  func dates(_ days: Int32, _ expected: String) {
    #expect(Self.text(.date(TypedColumn([days], zero: 0))) == expected)
  }

  @Test(arguments: [
    (Int64(0), "1970-01-01 00:00:00"), (-1, "1969-12-31 23:59:59.999999"), (1_704_164_645_000_000, "2024-01-02 03:04:05"),
    (1_704_164_645_123_456, "2024-01-02 03:04:05.123456"), (1_704_164_645_000_010, "2024-01-02 03:04:05.000010"),
  ])
  func timestamps(_ micros: Int64, _ expected: String) {
    #expect(Self.text(.timestamp(TypedColumn([micros], zero: 0))) == expected)
  }

  @Test(arguments: [(100_000.0, "100000"), (0.1, "0.1"), (-2.5, "-2.5"), (1e20, "1e+20"), (.nan, "NaN"), (-.infinity, "-Infinity")])
  func doubles(_ value: Double, _ expected: String) {
    #expect(Self.text(.double(TypedColumn([value], zero: 0))) == expected)
  }

  @Test func booleansAndNulls() {
    let column = Column.boolean(TypedColumn([true, nil, false], zero: false))
    #expect((0 ..< 3).map { Self.text(column, $0) } == ["true", nil, "false"])
    #expect(column.isNull(1) && !column.isNull(0))
    let text = Column.text(TextColumn(["", nil, "x"]))
    #expect((0 ..< 3).map { Self.text(text, $0) } == ["", nil, "x"])
  }

  /// Random dates, timestamps and decimals survive format → parse unchanged.
  @Test func roundTripThroughTheParser() {
    var rng = SplitMix64(seed: 31)
    for _ in 0 ..< 5_000 {
      let days = Int32(Int64(rng.next() % 200_000) - 100_000)
      #expect(ValueParser.parse(Self.text(.date(TypedColumn([days], zero: 0)))!) == .date(days))
      let micros = Int64(bitPattern: rng.next() % 8_000_000_000_000_000) - 4_000_000_000_000_000
      #expect(ValueParser.parse(Self.text(.timestamp(TypedColumn([micros], zero: 0)))!) == .timestamp(micros))
      let unscaled = Int64(bitPattern: rng.next() % 2_000_000_000) - 1_000_000_000
      let scale = Int(rng.next() % 6) + 1
      let parsed = ValueParser.parse(Self.text(.decimal(TypedColumn([unscaled], zero: 0), scale: scale))!)
      guard case .decimal(let u, _, let s) = parsed else {
        Issue.record("\(unscaled) scale \(scale) did not read back as a decimal: \(parsed)")
        continue
      }
      #expect(u == unscaled && s == scale)
    }
  }

  @Test func filteredKeepsValuesAndNulls() {
    let columns: [Column] = [
      .text(TextColumn(["a", nil, "", "d"])), .int64(TypedColumn([1, 2, nil, 4], zero: 0)),
      .decimal(TypedColumn([10, nil, 30, 40], zero: 0), scale: 1),
    ]
    let keep = [true, true, true, false]
    let batch = Batch(
      schema: Schema([Field(name: "t", type: .string), Field(name: "i", type: .bigint), Field(name: "d", type: .decimal(precision: 3, scale: 1))]),
      columns: columns, origins: (0 ..< 4).map { RowOrigin(line: $0 + 2, byteOffset: $0 * 10) })
    let kept = batch.filtered(keep)
    #expect(kept.rowCount == 3)
    #expect(kept.origins.map(\.line) == [2, 3, 4])
    #expect((0 ..< 3).map { r in kept.columns.map { $0.formatted(r) } } == [["a", "1", "1.0"], [nil, "2", nil], ["", nil, "3.0"]])
    #expect(kept.rowJSON(1) == #"{"t": null, "i": "2", "d": null}"#)
  }
}
