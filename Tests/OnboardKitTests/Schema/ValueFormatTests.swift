import Testing

@testable import OnboardKit

/// Numbers and dates written the local way: parsed with the column's format, detected from data.
struct ValueFormatTests {
  static let german = ValueFormat(decimalSeparator: UInt8(ascii: ","), thousandsSeparator: UInt8(ascii: "."))
  static let us = ValueFormat(decimalSeparator: UInt8(ascii: "."), thousandsSeparator: UInt8(ascii: ","))

  @Test(arguments: [
    ("1.234,50", ParsedValue.decimal(unscaled: 123_450, integerDigits: 4, scale: 2)),
    ("-7,5", .decimal(unscaled: -75, integerDigits: 1, scale: 1)),
    ("1.000", .integer(1000, digits: 4)),
    ("1.234.567", .integer(1_234_567, digits: 7)),
    ("12", .integer(12, digits: 2)),
    ("1.23,4", .text),  // a group of two digits is not a thousands group
    ("12.3456", .text),
  ])
  func germanNumbers(_ text: String, _ expected: ParsedValue) {
    #expect(ValueParser.parse(text, format: Self.german) == expected)
  }

  @Test(arguments: [
    ("1,234.50", ParsedValue.decimal(unscaled: 123_450, integerDigits: 4, scale: 2)),
    ("12,345,678", .integer(12_345_678, digits: 8)),
    ("1,23", .text),
  ])
  func usNumbers(_ text: String, _ expected: ParsedValue) {
    #expect(ValueParser.parse(text, format: Self.us) == expected)
  }

  static func days(_ y: Int, _ m: Int, _ d: Int) -> Int32 { Int32(CivilTime.days(year: y, month: m, day: d)) }
  static func micros(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int, _ s: Int = 0) -> Int64 {
    Int64(days(y, m, d)) * CivilTime.microsPerDay + Int64(h * 3600 + min * 60 + s) * 1_000_000
  }

  @Test func dates() {
    let dmy = ValueFormat(dateOrder: .dmy, separator: UInt8(ascii: "."))
    let mdy = ValueFormat(dateOrder: .mdy, separator: UInt8(ascii: "/"))
    #expect(ValueParser.parse("31.12.2024", format: dmy) == .date(Self.days(2024, 12, 31)))
    #expect(ValueParser.parse("1.2.2024", format: dmy) == .date(Self.days(2024, 2, 1)))
    #expect(ValueParser.parse("29.02.2023", format: dmy) == .text)
    #expect(ValueParser.parse("2024-05-06", format: dmy) == .date(Self.days(2024, 5, 6)), "ISO still reads")
    #expect(ValueParser.parse("12/31/2024 11:30 PM", format: mdy) == .timestamp(Self.micros(2024, 12, 31, 23, 30)))
    #expect(ValueParser.parse("1/2/2024 12:05 am", format: mdy) == .timestamp(Self.micros(2024, 1, 2, 0, 5)))
    #expect(ValueParser.parse("1/2/2024 13:05 PM", format: mdy) == .text)
    #expect(ValueParser.parse("31.12.2024 23:30:15+01:00", format: dmy) == .timestamp(Self.micros(2024, 12, 31, 22, 30, 15)))
    #expect(ValueParser.parse("31.12.2024 23:30:15.5Z", format: dmy) == .timestamp(Self.micros(2024, 12, 31, 23, 30, 15) + 500_000))
  }

  @Test(arguments: ["dd.MM.yyyy", "MM/dd/yyyy", "yyyy/MM/dd", "1.234,5", "1,234.5", "1234,5"])
  func patternsRoundTrip(_ pattern: String) throws {
    let format = try #require(ValueFormat(pattern: pattern))
    #expect(format.pattern == pattern)
  }

  static func formats(_ csv: String) -> [String?] {
    CSVSniffer.sniff(Array(csv.utf8), wholeFile: true).formats.map { $0?.pattern }
  }

  @Test func detectionFromData() {
    #expect(Self.formats("a;b;c\n1.234,5;31.12.2024;x\n7,25;01.02.2024;y\n") == ["1.234,5", "dd.MM.yyyy", nil])
    // A day above 12 settles the order; without one, `/` means month first.
    #expect(Self.formats("d\n13/01/2024\n02/01/2024\n") == ["dd/MM/yyyy"])
    #expect(Self.formats("d\n01/13/2024\n02/01/2024\n") == ["MM/dd/yyyy"])
    #expect(Self.formats("d\n02/01/2024\n03/01/2024\n") == ["MM/dd/yyyy"])
    // Thousands commas with a comma delimiter need quotes; the groups tell them from decimals.
    #expect(Self.formats("n,m\n\"1,234,567.5\",1\n\"12.5\",2\n") == ["1,234.5", nil])
    // Standard columns get no format.
    #expect(Self.formats("n,d\n1.5,2024-01-02\n2,2024-01-03\n") == [nil, nil])
  }

  @Test func castReadsTheColumnFormat() throws {
    let yaml = """
      cast: {columns: {amount: 'decimal(10,2)', day: date}}
      """
    let node = try RecipeNode.parse(yaml, file: "t")
    let entry = try node.entries()[0]
    let context = StepContext(reference: .init(index: 1, kind: "cast"), location: node.location, folder: ".")
    var step = try Cast(parameters: entry.value, context: context)
    let input = Schema([
      Field(name: "amount", type: .string, format: Self.german),
      Field(name: "day", type: .string, format: ValueFormat(dateOrder: .dmy, separator: UInt8(ascii: "."))),
    ])
    let output = try step.plan(input, context: context)
    #expect(output[0].format == nil && output[1].format == nil)
    let batch = Batch(
      schema: input, columns: [.text(TextColumn(["1.234,50", "oops"])), .text(TextColumn(["31.12.2024", "01.01.2025"]))],
      origins: [RowOrigin(line: 2, byteOffset: 0), RowOrigin(line: 3, byteOffset: 0)])
    var rejects = StepRejections()
    let result = step.apply(batch, rejects: &rejects)
    #expect(result.columns[0].formatted(0) == "1234.50")
    #expect(result.columns[1].formatted(0) == "2024-12-31")
    #expect(rejects.entries.map(\.row) == [1])
  }
}
