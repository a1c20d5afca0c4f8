import Testing

@testable import OnboardKit

/// The sniffer's phases one by one, and the reader honouring what they found.
struct CSVSnifferPhaseTests {
  static func sniff(_ text: String, _ overrides: CSVSniffer.Overrides = .init()) -> CSVSniffer.Result {
    CSVSniffer.sniff(Array(text.utf8), wholeFile: true, overrides: overrides)
  }

  static func read(_ text: String) throws -> ReadAll {
    let dialect = sniff(text).dialect
    return try ReadAll(CSVReader(source: MemorySource(text), dialect: dialect))
  }

  @Test(arguments: [
    ("a\nb\n", LineEnding.lf), ("a\r\nb\r\n", .crlf), ("a\rb\r", .cr), ("a\r\nb\nc\r\n", .mixed), ("abc", .none),
  ])
  func lineEndings(_ text: String, _ expected: LineEnding) {
    #expect(Self.sniff(text).lineEnding.value == expected)
  }

  @Test func preambleLinesAreSkipped() throws {
    let text = "Loan export\ngenerated 2024-05-01 by core banking\n\nid;amount;date\n1;10.5;2024-01-02\n2;7;2024-01-03\n3;8;2024-01-04\n"
    let r = Self.sniff(text)
    #expect(r.delimiter.value == UInt8(ascii: ";"))
    #expect(r.skipRows.value == 3)
    #expect(r.skipRows.detected)
    #expect(r.header.value)
    let read = try Self.read(text)
    #expect(read.schema.names == ["id", "amount", "date"])
    #expect(read.rows.count == 3)
    #expect(read.origins.first?.line == 5)
    #expect(read.rejects.isEmpty)
  }

  @Test func commentLinesAreSkippedAnywhere() throws {
    let text = "# exported by tool 1.2\nx,y\n1,2\n# a note in the middle\n3,4\n"
    let r = Self.sniff(text)
    #expect(r.comment.value == UInt8(ascii: "#"))
    let read = try Self.read(text)
    #expect(read.schema.names == ["x", "y"])
    #expect(read.rows == [["1", "2"], ["3", "4"]])
    #expect(read.origins.map(\.line) == [3, 5])
  }

  @Test func noCommentMarkerWhenNoLineStartsWithOne() {
    #expect(Self.sniff("x,y\n1,2\n3,4\n").comment.value == nil)
  }

  @Test func backslashEscapedQuotes() throws {
    let text = "id,quote\n1,\"she said \\\"hi\\\", twice\"\n2,\"plain\"\n3,\"a \\\\ b\"\n"
    let r = Self.sniff(text)
    #expect(r.escape.value == UInt8(ascii: "\\"))
    let read = try Self.read(text)
    #expect(read.rows == [["1", "she said \"hi\", twice"], ["2", "plain"], ["3", "a \\ b"]])
  }

  @Test func singleQuotes() throws {
    let text = "id,name\n1,'Smith, Anna'\n2,'Lee, Bo'\n"
    #expect(Self.sniff(text).quote.value == UInt8(ascii: "'"))
    #expect(try Self.read(text).rows == [["1", "Smith, Anna"], ["2", "Lee, Bo"]])
  }

  @Test func doubledQuotesStayTheDefault() {
    let r = Self.sniff("a,b\n\"x \"\"y\"\"\",2\n")
    #expect(r.quote.value == UInt8(ascii: "\""))
    #expect(r.escape.value == nil)
  }

  @Test(arguments: [
    // A typed body under a text first row: a header.
    ("name,amount\nann,3.5\nbob,4\n", true),
    // The first row has the body's types: data.
    ("2024-01-01,5\n2024-01-02,6\n", false),
    // A header of numbers-as-names over text is still told apart by the text column.
    ("code,2024\nA1,x\nB2,y\n", true),
    // All text, first row distinct and non-empty: a header is the better bet.
    ("city,country\nParis,France\nRome,Italy\n", true),
    // All text but the first row repeats a value: not names.
    ("a,a\nb,c\n", false),
  ])
  func headerByTypes(_ text: String, _ expected: Bool) {
    #expect(Self.sniff(text).header.value == expected)
  }

  @Test func setSettingsAreMarkedAsSet() {
    let r = Self.sniff("a;b\n1;2\n", .init(delimiter: UInt8(ascii: ","), escape: .some(nil), comment: .some(nil), skipRows: 0, header: false))
    #expect(r.delimiter == .init(value: UInt8(ascii: ","), detected: false))
    #expect(!r.escape.detected && !r.comment.detected && !r.skipRows.detected && !r.header.detected)
    #expect(r.quote.detected)
  }

  /// Values that start or end with the dialect's own (doubled) quote, beside timestamps full of
  /// colons: the comma reading is right, not a `:` reading with 3 columns.
  @Test func doubledQuotesAtValueEdgesDoNotMisleadTheDelimiter() throws {
    var text = "id,employer,updated_at,note\n"
    for i in 0 ..< 30 {
      text += "\(i),\"\"\"Acme\"\" Ltd, branch \(i)\",2024-01-0\(i % 9 + 1)T10:1\(i % 10):00,\"says \"\"hi\"\"\"\n"
    }
    let r = Self.sniff(text)
    #expect(r.delimiter.value == UInt8(ascii: ","))
    #expect(r.quote.value == UInt8(ascii: "\""))
    #expect(r.header.value)
    let read = try Self.read(text)
    #expect(read.schema.names == ["id", "employer", "updated_at", "note"])
    #expect(read.rows.first == ["0", "\"Acme\" Ltd, branch 0", "2024-01-01T10:10:00", "says \"hi\""])
    #expect(read.rejects.isEmpty)
  }
}
