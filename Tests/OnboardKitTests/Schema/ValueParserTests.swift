import Testing

@testable import OnboardKit

/// `ValueParser.parse` recognises one raw value strictly: each case is (text, what it must parse as).
/// Day numbers and microseconds were computed by hand: 2024-01-01 is day 19,723 since 1970-01-01
/// (54 years of 365 days plus 13 leap days), so 2024-01-02 is day 19,724, i.e.
/// 19,724 × 86,400 s = 1,704,153,600 s, and 03:04:05 adds 11,045 s.
@Suite struct ValueParserTests {
  static let jan2At030405: Int64 = 1_704_164_645_000_000

  static let integers: [(String, ParsedValue)] = [
    ("0", .integer(0, digits: 1)),
    ("-5", .integer(-5, digits: 1)),
    ("+7", .integer(7, digits: 1)),
    ("-0", .integer(0, digits: 1)),
    ("42", .integer(42, digits: 2)),
    ("2147483648", .integer(2_147_483_648, digits: 10)),
    ("1234567890123456789", .integer(1_234_567_890_123_456_789, digits: 19)),
    ("9223372036854775807", .integer(Int64.max, digits: 19)),
    ("-9223372036854775808", .integer(Int64.min, digits: 19)),
    // Leading zeros mark codes, not numbers.
    ("007", .text),
    ("00", .text),
    ("-01", .text),
    ("+", .text),
    ("-", .text),
    (" 1", .integer(1, digits: 1)),
    ("  ", .null),
    ("1 ", .integer(1, digits: 1)),
    ("\t2024-01-02 ", .date(19724)),
    ("1,000", .text),
    ("12a", .text),
  ]

  static let decimals: [(String, ParsedValue)] = [
    ("12.50", .decimal(unscaled: 1250, integerDigits: 2, scale: 2)),
    ("-12.50", .decimal(unscaled: -1250, integerDigits: 2, scale: 2)),
    ("-.5", .decimal(unscaled: -5, integerDigits: 1, scale: 1)),
    (".25", .decimal(unscaled: 25, integerDigits: 1, scale: 2)),
    ("0.5", .decimal(unscaled: 5, integerDigits: 1, scale: 1)),
    ("+3.000", .decimal(unscaled: 3000, integerDigits: 1, scale: 3)),
    // 18 significant digits still fit a scaled Int64 exactly.
    ("123456789.123456789", .decimal(unscaled: 123_456_789_123_456_789, integerDigits: 9, scale: 9)),
    (".", .text),
    ("-.", .text),
    ("00.5", .text),
    ("1.2.3", .text),
    ("1.5x", .text),
  ]

  static let doubles: [(String, ParsedValue)] = [
    ("1e5", .double(100_000)),
    ("1E5", .double(100_000)),
    ("-2.5e-3", .double(-0.0025)),
    ("1.5E+2", .double(150)),
    // More than 18 significant digits: no longer exact as a scaled Int64.
    ("12345678901234567890.5", .double(Double("12345678901234567890.5")!)),
    ("0.1234567890123456789", .double(Double("0.1234567890123456789")!)),
    ("1234567890.1234567890", .double(Double("1234567890.1234567890")!)),
    ("1e", .text),
    ("e5", .text),
    ("1e400", .text),
  ]

  static let temporals: [(String, ParsedValue)] = [
    ("1970-01-01", .date(0)),
    ("1969-12-31", .date(-1)),
    ("2000-02-29", .date(11_016)),
    ("2024-02-29", .date(19_782)),
    ("2023-02-29", .text),
    ("1900-02-29", .text),
    ("2024-13-01", .text),
    ("2024-00-10", .text),
    ("2024-04-31", .text),
    ("2024-1-02", .text),
    ("2024-01-02T03:04:05", .timestamp(jan2At030405)),
    ("2024-01-02 03:04:05", .timestamp(jan2At030405)),
    ("2024-01-02T03:04:05.123456", .timestamp(jan2At030405 + 123_456)),
    ("2024-01-02T03:04:05.1", .timestamp(jan2At030405 + 100_000)),
    // Digits past microseconds are cut, not rounded.
    ("2024-01-02T03:04:05.1234569", .timestamp(jan2At030405 + 123_456)),
    ("2024-01-02T03:04:05Z", .timestamp(jan2At030405)),
    ("2024-01-02T03:04:05.5Z", .timestamp(jan2At030405 + 500_000)),
    // An offset east of UTC means an earlier UTC instant: 03:04:05+02:00 is 01:04:05Z.
    ("2024-01-02T03:04:05+02:00", .timestamp(jan2At030405 - 7_200_000_000)),
    ("2024-01-02T03:04:05+0200", .timestamp(jan2At030405 - 7_200_000_000)),
    ("2024-01-02T03:04:05+02", .timestamp(jan2At030405 - 7_200_000_000)),
    ("2024-01-02T03:04:05-05:30", .timestamp(jan2At030405 + 19_800_000_000)),
    // Across midnight: 00:30:00+01:00 on Jan 1 is 23:30:00Z on Dec 31.
    ("2024-01-01T00:30:00+01:00", .timestamp((19_723 * 86_400 + 1_800 - 3_600) * 1_000_000)),
    ("2024-01-02T24:00:00", .text),
    ("2024-01-02T03:60:00", .text),
    ("2024-01-02T03:04:05.", .text),
    ("2024-01-02T03:04:05X", .text),
    ("2024-01-02T03:04", .text),
  ]

  static let booleansAndNulls: [(String, ParsedValue)] = [
    ("true", .boolean(true)),
    ("TRUE", .boolean(true)),
    ("True", .boolean(true)),
    ("false", .boolean(false)),
    ("FALSE", .boolean(false)),
    ("yes", .text),
    ("no", .text),
    ("t", .text),
    ("truth", .text),
    ("", .null),
    ("NA", .null),
    ("N/A", .null),
    ("NULL", .null),
    ("null", .null),
    ("Null", .text),
    ("na", .text),
    ("NaN", .text),
    ("A11", .text),
    ("grüße", .text),
  ]

  @Test(arguments: integers) func integer(_ text: String, _ expected: ParsedValue) {
    #expect(ValueParser.parse(text) == expected)
  }

  @Test(arguments: decimals) func decimal(_ text: String, _ expected: ParsedValue) {
    #expect(ValueParser.parse(text) == expected)
  }

  @Test(arguments: doubles) func double(_ text: String, _ expected: ParsedValue) {
    #expect(ValueParser.parse(text) == expected)
  }

  @Test(arguments: temporals) func dateAndTimestamp(_ text: String, _ expected: ParsedValue) {
    #expect(ValueParser.parse(text) == expected)
  }

  @Test(arguments: booleansAndNulls) func booleanAndNull(_ text: String, _ expected: ParsedValue) {
    #expect(ValueParser.parse(text) == expected)
  }

  /// A whole number too long for an `Int64` stays text (`ParsedValue.integer`): such digit strings
  /// are identifiers (account numbers, card numbers), and a double would lose their digits.
  /// DuckDB and pandas read them as numbers here; we choose not to.
  @Test(arguments: ["9223372036854775808", "12345678901234567890", "-99999999999999999999"])
  func wholeNumberBeyondInt64IsText(_ text: String) {
    #expect(ValueParser.parse(text) == .text)
  }

  /// The largest and smallest `Int64` are still integers.
  @Test func int64BoundsAreIntegers() {
    #expect(ValueParser.parse("9223372036854775807") == .integer(Int64.max, digits: 19))
    #expect(ValueParser.parse("-9223372036854775807") == .integer(-Int64.max, digits: 19))
  }

  @Test func numberGivesTheValue() {
    #expect(ValueParser.parse("12.50").number == 12.5)
    #expect(ValueParser.parse("-.5").number == -0.5)
    #expect(ValueParser.parse("-5").number == -5)
    #expect(ValueParser.parse("1e5").number == 100_000)
    #expect(ValueParser.parse("2024-02-29").number == nil)
    #expect(ValueParser.parse("abc").number == nil)
  }
}
