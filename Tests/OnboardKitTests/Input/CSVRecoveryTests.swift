import Testing

@testable import OnboardKit

/// A quote that never closes must not swallow the file: past `maxRecordBytes` the record's first
/// line is quarantined and reading goes on, so later rows survive.
@Test(arguments: [nil, 5, 64] as [Int?])
func unclosedQuotePastTheRecordLimitQuarantinesOneLine(chunk: Int?) throws {
  var text = "a,b\n1,2\n3,\"never closed\n"
  for i in 0 ..< 50 { text += "\(i),row\(i)\n" }
  let source = MemorySource(name: "big.csv", text)
  source.chunkLimit = chunk
  var dialect = CSVDialect()
  dialect.maxRecordBytes = 128
  let read = try ReadAll(CSVReader(source: source, dialect: dialect, batchSize: 16))
  #expect(read.rejects.count == 1)
  #expect(read.rejects.first?.code == "record-too-long")
  #expect(read.rejects.first?.line == 3)
  #expect(read.rejects.first?.raw == "3,\"never closed")
  #expect(read.rejects.first?.byteOffset == 8)
  // Rows before and after the broken line are all there.
  #expect(read.rows.count == 51)
  #expect(read.rows.first == ["1", "2"])
  #expect(read.rows.last == ["49", "row49"])
  #expect(read.origins.last?.line == 53)
}

/// A single line longer than the limit with no line break at all is an error, not an endless buffer.
@Test func lineWithoutEndPastTheLimitIsAnError() throws {
  let source = MemorySource(name: "one-line.csv", "a\n" + String(repeating: "x", count: 500) + "\n1\n")
  source.chunkLimit = 10
  var dialect = CSVDialect()
  dialect.maxRecordBytes = 100
  let reader = try CSVReader(source: source, dialect: dialect)
  #expect(throws: InputError.recordTooLong(path: "one-line.csv", line: 2, limit: 100)) { _ = try reader.next() }
}

/// A record with bytes that are not UTF-8 (in a file read as UTF-8) is quarantined with the byte,
/// and the records around it are read.
@Test(arguments: [nil, 3] as [Int?])
func invalidUTF8RecordIsQuarantined(chunk: Int?) throws {
  let bytes: [UInt8] = Array("a,b\n1,ok\n2,caf".utf8) + [0xE9] + Array("\n3,fine\n".utf8)
  let source = MemorySource(name: "mixed.csv", bytes: bytes)
  source.chunkLimit = chunk
  let read = try ReadAll(CSVReader(source: source, dialect: CSVDialect()))
  #expect(read.rows == [["1", "ok"], ["3", "fine"]])
  #expect(read.rejects.map(\.code) == ["invalid-utf8"])
  #expect(read.rejects.first?.line == 3)
  #expect(read.rejects.first?.reason.contains("byte 6 of the record (0xE9)") == true)
}

/// The field search decides when a record needs the UTF-8 check: a stray byte is caught wherever
/// it sits (a long field read by words, a quoted field, after a backslash escape), and valid
/// multi-byte text passes.
@Test(arguments: [
  (Array("x,\"ab".utf8) + [0xFF] + Array("cd\"\n".utf8), "\""),
  (Array("x,abcdefghijkl".utf8) + [0xC3] + Array("mnopqrstuv\n".utf8), "\""),
  (Array("x,\"a\\".utf8) + [0x80] + Array("b\"\n".utf8), "\\"),
] as [([UInt8], String)])
func invalidUTF8FoundAnywhereInTheRecord(record: [UInt8], escape: String) throws {
  let bytes = Array("a,b\n1,caf\u{E9} \u{1F600} long enough\n".utf8) + record + Array("3,fine\n".utf8)
  var dialect = CSVDialect()
  dialect.escape = UInt8(ascii: Unicode.Scalar(escape)!)
  let read = try ReadAll(CSVReader(source: MemorySource(name: "mixed.csv", bytes: bytes), dialect: dialect))
  #expect(read.rows == [["1", "caf\u{E9} \u{1F600} long enough"], ["3", "fine"]])
  #expect(read.rejects.map(\.code) == ["invalid-utf8"])
  #expect(read.rejects.first?.line == 3)
}

/// A stray byte right after a backslash escape is caught too, where the field search stops at the
/// escape at the end of a word and steps over the escaped byte without reading it.
@Test func invalidUTF8AfterAnEscape() throws {
  let bytes = Array("a,b\n1,x\n2,\"abcdefg\\".utf8) + [0x80] + Array("\"\n3,\n".utf8)
  var dialect = CSVDialect()
  dialect.escape = UInt8(ascii: "\\")
  let read = try ReadAll(CSVReader(source: MemorySource(name: "escaped.csv", bytes: bytes), dialect: dialect))
  #expect(read.rejects.map(\.code) == ["invalid-utf8"])
  #expect(read.rejects.first?.line == 3)
}
