import Testing

@testable import OnboardKit

/// The type a column's values resolve to, by `TypeTally`'s ordered rule.
@Suite struct TypeTallyTests {
  static func decide(_ values: [String]) -> TypeDecision {
    var tally = TypeTally()
    for v in values { tally.observe(ValueParser.parse(v)) }
    return tally.result
  }

  static let cases: [(String, [String], DataType, Bool)] = [
    ("all ints", ["1", "-2", "300", "2147483647", "-2147483648"], .integer, false),
    ("one above Int32.max", ["1", "2147483648", "3"], .bigint, false),
    ("one below Int32.min", ["-2147483649", "0"], .bigint, false),
    ("ints and decimals", ["12", "3.5", "-100.25"], .decimal(precision: 5, scale: 2), false),
    // Precision is the widest integer part plus the widest fraction, even from different values.
    ("digits from different values", ["123456", "0.001"], .decimal(precision: 9, scale: 3), false),
    ("decimal with leading point", ["-.5", ".25"], .decimal(precision: 3, scale: 2), false),
    ("with an exponent", ["1", "2.5", "1e3"], .double, false),
    ("decimals beyond 18 digits", ["1234567890.12345678", "12345678901.1"], .double, false),
    ("dates", ["2024-01-01", "2024-02-29"], .date, false),
    ("dates and timestamps", ["2024-01-01", "2024-01-02T03:04:05Z"], .timestamp, false),
    ("booleans", ["true", "FALSE", "True"], .boolean, false),
    ("numbers and text", ["1", "2", "x"], .string, false),
    ("a code with a leading zero", ["10", "007"], .string, false),
    ("numbers and dates", ["1", "2024-01-01"], .string, false),
    ("booleans and numbers", ["true", "1"], .string, false),
    ("ints with nulls", ["1", "", "NA", "3"], .integer, true),
    ("decimals with nulls", ["N/A", "1.5"], .decimal(precision: 2, scale: 1), true),
    ("all null", ["", "NULL", "null", "NA"], .string, true),
    ("nothing", [], .string, false),
  ]

  @Test(arguments: cases) func decision(_ title: String, _ values: [String], _ type: DataType, _ nullable: Bool) {
    let decision = Self.decide(values)
    #expect(decision.type == type, "\(title)")
    #expect(decision.nullable == nullable, "\(title)")
  }

  @Test func countsAndReason() {
    var tally = TypeTally()
    for v in ["1", "2", "", "x", "2.5", "2024-01-01", "true", "1e3", "2024-01-01 10:00:00", "99999999999"] {
      tally.observe(ValueParser.parse(v))
    }
    #expect(tally.nulls == 1)
    #expect(tally.integers == 3)
    #expect(tally.wideIntegers == 1)
    #expect(tally.decimals == 1)
    #expect(tally.doubles == 1)
    #expect(tally.dates == 1)
    #expect(tally.timestamps == 1)
    #expect(tally.booleans == 1)
    #expect(tally.texts == 1)
    #expect(tally.values == 9)
    #expect(tally.integerDigits == 11)
    #expect(tally.scale == 1)
    #expect(tally.result.type == .string)
    #expect(tally.result.reason == "1 of 9 values are text")
  }

  @Test func reasonsNameTheCounts() {
    #expect(Self.decide(["1", "2"]).reason == "all 2 values are integers within the 32-bit range")
    #expect(Self.decide(["", ""]).reason == "no values (all 2 are null)")
    #expect(Self.decide(["1", "4294967296"]).reason == "all 2 values are integers; 1 outside the 32-bit range")
  }

  @Test func mergeEqualsSequential() {
    let a = ["1", "", "2.25", "2024-01-01"]
    let b = ["123456789012", "x", "NA", "1e3", "true"]
    var sequential = TypeTally()
    for v in a + b { sequential.observe(ValueParser.parse(v)) }
    var left = TypeTally()
    var right = TypeTally()
    for v in a { left.observe(ValueParser.parse(v)) }
    for v in b { right.observe(ValueParser.parse(v)) }
    left.merge(right)
    #expect(left == sequential)
  }
}
