import Testing

@testable import OnboardKit

/// Dialect detection from a file's first lines; settings the user gave win and are marked as set.
@Suite struct CSVSnifferTests {
  static func sniff(_ text: String, _ overrides: CSVSniffer.Overrides = .init()) -> CSVSniffer.Result {
    CSVSniffer.sniff(Array(text.utf8), overrides: overrides)
  }

  @Test(arguments: [
    ("a,b,c\n1,2,3\n4,5,6\n", ","), ("a;b;c\n1,5;2;3\n", ";"), ("a\tb\n1\t2\n", "\t"), ("a|b\n1|2\n", "|"),
    ("A11 6 A34\nA12 48 A32\n", " "), ("\"x, y\";b\n\"1,2\";3\n", ";"),
  ])
  func delimiter(_ text: String, _ expected: String) {
    let r = Self.sniff(text)
    #expect(r.delimiter == CSVSniffer.Setting(value: UInt8(ascii: Unicode.Scalar(expected)!), detected: true))
    #expect(r.dialect.delimiter == r.delimiter.value)
  }

  @Test(arguments: [
    ("name,age\nann,30\n", true), ("1,2\n3,4\n", false), ("ann,30\nbob,40\n", false), ("id,,x\n1,2,3\n", true),
    ("\u{FEFF}name,city\nann,paris\n", true),
  ])
  func header(_ text: String, _ expected: Bool) {
    #expect(Self.sniff(text).header == CSVSniffer.Setting(value: expected, detected: true))
  }

  @Test func overridesWin() {
    let r = Self.sniff("a,b\n1,2\n", CSVSniffer.Overrides(delimiter: UInt8(ascii: ";"), quote: .some(nil), header: false, columnNames: ["x"]))
    #expect(r.delimiter == CSVSniffer.Setting(value: UInt8(ascii: ";"), detected: false))
    #expect(r.header == CSVSniffer.Setting(value: false, detected: false))
    #expect(r.dialect.quote == nil)
    #expect(r.dialect.columnNames == ["x"])
  }

  @Test(arguments: [("tab", "\t"), ("\\t", "\t"), ("space", " "), ("comma", ","), ("semicolon", ";"), ("pipe", "|"), ("#", "#")])
  func delimiterNames(_ name: String, _ byte: String) throws {
    #expect(try CSVDialect.delimiter(named: name) == UInt8(ascii: Unicode.Scalar(byte)!))
  }

  @Test func invalidDelimiterAndQuote() throws {
    #expect(throws: InputError.self) { try CSVDialect.delimiter(named: "ab") }
    #expect(throws: InputError.self) { try CSVDialect.delimiter(named: "\n") }
    #expect(throws: InputError.self) { try CSVDialect.quote(named: "''") }
    #expect(try CSVDialect.quote(named: "none") == nil)
    #expect(try CSVDialect.quote(named: "'") == UInt8(ascii: "'"))
  }
}
