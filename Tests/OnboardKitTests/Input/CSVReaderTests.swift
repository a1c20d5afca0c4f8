import Testing

@testable import OnboardKit

/// The CSV reader through its public API only. Every test runs with the source handing out all of
/// its bytes at once, and 1, 3 and 7 bytes per read, so that records, quotes, CRLFs and the BOM
/// are split across buffer refills.
@Suite struct CSVReaderTests {
  static let chunks: [Int?] = [nil, 1, 3, 7]

  static func read(
    _ text: String, chunk: Int?, dialect: CSVDialect = CSVDialect(), batchSize: Int = 65_536
  ) throws -> ReadAll {
    let source = MemorySource(name: "t.csv", text)
    source.chunkLimit = chunk
    return try ReadAll(CSVReader(source: source, dialect: dialect, batchSize: batchSize))
  }

  static func reader(_ text: String, chunk: Int?, dialect: CSVDialect = CSVDialect()) throws -> CSVReader {
    let source = MemorySource(name: "t.csv", text)
    source.chunkLimit = chunk
    return try CSVReader(source: source, dialect: dialect)
  }

  /// The byte offset of the first occurrence of `needle` in `text`, counted by the test itself.
  static func offset(of needle: String, in text: String) -> Int {
    let hay = Array(text.utf8)
    let n = Array(needle.utf8)
    for i in 0 ... hay.count - n.count where Array(hay[i ..< i + n.count]) == n { return i }
    Issue.record("'\(needle)' is not in the text")
    return -1
  }

  // MARK: - Quoting and line ends

  @Test(arguments: chunks) func rfc4180Quoting(chunk: Int?) throws {
    let text = "a,b,c\n\"x \"\"q\"\" y\",\"1,2\",\"line1\r\nline2\"\n\"p\nq\",plain,\"\"\"\"\n"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.schema.names == ["a", "b", "c"])
    #expect(r.rows == [["x \"q\" y", "1,2", "line1\r\nline2"], ["p\nq", "plain", "\""]])
    // Record 1 starts on line 2 and holds one line feed, so record 2 starts on line 4.
    #expect(r.origins.map(\.line) == [2, 4])
    #expect(r.origins.map(\.byteOffset) == [6, Self.offset(of: "\"p\nq\"", in: text)])
    #expect(r.rejects.isEmpty)
  }

  @Test(arguments: chunks) func quotedFieldsKeepEveryByte(chunk: Int?) throws {
    let text = "k,v\n\"  padded  \",\"a\rb\"\n\"é,ü\",\"tab\there\"\n"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.rows == [["  padded  ", "a\rb"], ["é,ü", "tab\there"]])
    #expect(r.origins.map(\.line) == [2, 3])
  }

  @Test(arguments: chunks) func lineEnds(chunk: Int?) throws {
    let lf = try Self.read("a,b\n1,2\n3,4\n", chunk: chunk)
    let crlf = try Self.read("a,b\r\n1,2\r\n3,4\r\n", chunk: chunk)
    let mixed = try Self.read("a,b\r\n1,2\n3,4\r\n", chunk: chunk)
    for r in [lf, crlf, mixed] {
      #expect(r.schema.names == ["a", "b"])
      #expect(r.rows == [["1", "2"], ["3", "4"]])
      #expect(r.origins.map(\.line) == [2, 3])
    }
    #expect(lf.origins.map(\.byteOffset) == [4, 8])
    #expect(crlf.origins.map(\.byteOffset) == [5, 10])
    #expect(mixed.origins.map(\.byteOffset) == [5, 9])
  }

  @Test(arguments: chunks) func byteOrderMarkIsNotPartOfTheFirstName(chunk: Int?) throws {
    let text = "\u{FEFF}id,name\n1,x\n"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.schema.names == ["id", "name"])
    #expect(r.rows == [["1", "x"]])
    // Offsets count the file's bytes, BOM included.
    #expect(r.origins == [RowOrigin(line: 2, byteOffset: 3 + 8)])
  }

  @Test(arguments: chunks) func byteOrderMarkWithoutHeader(chunk: Int?) throws {
    let r = try Self.read("\u{FEFF}1,x\n2,y", chunk: chunk, dialect: CSVDialect(delimiter: UInt8(ascii: ","), header: false))
    #expect(r.schema.names == ["column_1", "column_2"])
    #expect(r.rows == [["1", "x"], ["2", "y"]])
    #expect(r.origins == [RowOrigin(line: 1, byteOffset: 3), RowOrigin(line: 2, byteOffset: 7)])
  }

  @Test(arguments: chunks) func noTrailingNewline(chunk: Int?) throws {
    let plain = try Self.read("a,b\n1,2\n3,4", chunk: chunk)
    #expect(plain.rows == [["1", "2"], ["3", "4"]])
    let quoted = try Self.read("a,b\n1,2\n\"3\",\"4\"", chunk: chunk)
    #expect(quoted.rows == [["1", "2"], ["3", "4"]])
    let emptyLast = try Self.read("a,b\n1,", chunk: chunk)
    #expect(emptyLast.rows == [["1", nil]])
    let crOnly = try Self.read("a,b\n1,2\r", chunk: chunk)
    #expect(crOnly.rows == [["1", "2"]])
  }

  @Test(arguments: chunks) func blankLinesAreSkipped(chunk: Int?) throws {
    let text = "a,b\n\n1,2\n\r\n\n3,4\n\n"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.rows == [["1", "2"], ["3", "4"]])
    #expect(r.origins.map(\.line) == [3, 6])
    #expect(r.origins.map(\.byteOffset) == [5, 12])
    #expect(r.rejects.isEmpty)
  }

  @Test(arguments: chunks) func headerOnlyGivesNoRows(chunk: Int?) throws {
    let r = try Self.read("a,b\n", chunk: chunk)
    #expect(r.schema.names == ["a", "b"])
    #expect(r.rows.isEmpty)
    #expect(r.batchSizes.isEmpty)
  }

  @Test(arguments: chunks) func emptySourceIsAnError(chunk: Int?) throws {
    #expect(throws: InputError.empty(path: "t.csv")) { try Self.reader("", chunk: chunk) }
    #expect(throws: InputError.empty(path: "t.csv")) { try Self.reader("\u{FEFF}", chunk: chunk) }
  }

  // MARK: - Column names

  @Test(arguments: chunks) func explicitNamesReplaceTheHeader(chunk: Int?) throws {
    var dialect = CSVDialect()
    dialect.columnNames = ["x", "y"]
    let r = try Self.read("a,b\n1,2\n", chunk: chunk, dialect: dialect)
    #expect(r.schema.names == ["x", "y"])
    #expect(r.rows == [["1", "2"]])
    #expect(r.origins.map(\.line) == [2])
  }

  @Test(arguments: chunks) func explicitNamesNameAHeaderlessFile(chunk: Int?) throws {
    let dialect = CSVDialect(delimiter: UInt8(ascii: ","), header: false, columnNames: ["x", "y"])
    let r = try Self.read("a,b\n1,2\n", chunk: chunk, dialect: dialect)
    #expect(r.schema.names == ["x", "y"])
    #expect(r.rows == [["a", "b"], ["1", "2"]])
    #expect(r.origins == [RowOrigin(line: 1, byteOffset: 0), RowOrigin(line: 2, byteOffset: 4)])
  }

  @Test(arguments: chunks) func explicitNamesMustMatchTheHeader(chunk: Int?) throws {
    var dialect = CSVDialect()
    dialect.columnNames = ["x", "y", "z"]
    #expect(throws: InputError.columnCountMismatch(path: "t.csv", expected: 3, found: 2)) {
      try Self.reader("a,b\n1,2\n", chunk: chunk, dialect: dialect)
    }
  }

  @Test(arguments: chunks) func generatedNames(chunk: Int?) throws {
    let r = try Self.read("1,2,3\n4,5,6\n", chunk: chunk, dialect: CSVDialect(delimiter: UInt8(ascii: ","), header: false))
    #expect(r.schema.names == ["column_1", "column_2", "column_3"])
    #expect(r.rows == [["1", "2", "3"], ["4", "5", "6"]])
    #expect(r.schema.fields.allSatisfy { $0.type == .string })
  }

  @Test(arguments: chunks) func duplicateAndEmptyNamesAreMadeUnique(chunk: Int?) throws {
    let r = try Self.read("a,a,,b, a ,a_2\n1,2,3,4,5,6\n", chunk: chunk)
    #expect(r.schema.names == ["a", "a_2", "column_3", "b", "a_3", "a_2_2"])
    #expect(r.rows == [["1", "2", "3", "4", "5", "6"]])
  }

  @Test(arguments: chunks) func quotedHeaderNames(chunk: Int?) throws {
    let r = try Self.read("\"first, name\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,2,3\n", chunk: chunk)
    #expect(r.schema.names == ["first, name", "say \"hi\"", "two\nlines"])
    // The header took lines 1 and 2.
    #expect(r.origins.map(\.line) == [3])
  }

  // MARK: - Delimiters and nulls

  @Test(arguments: chunks) func spaceDelimiter(chunk: Int?) throws {
    let dialect = CSVDialect(delimiter: UInt8(ascii: " "), header: false)
    let r = try Self.read("A11 6 A34\nA12 48 \"A 32\"\n", chunk: chunk, dialect: dialect)
    #expect(r.rows == [["A11", "6", "A34"], ["A12", "48", "A 32"]])
  }

  @Test(arguments: chunks) func tabDelimiter(chunk: Int?) throws {
    let dialect = CSVDialect(delimiter: UInt8(ascii: "\t"), header: true)
    let r = try Self.read("a\tb\n1,5\tx y\n\t\"\"\n", chunk: chunk, dialect: dialect)
    #expect(r.schema.names == ["a", "b"])
    #expect(r.rows == [["1,5", "x y"], [nil, ""]])
  }

  @Test(arguments: chunks) func semicolonDelimiter(chunk: Int?) throws {
    let dialect = CSVDialect(delimiter: UInt8(ascii: ";"), header: true)
    let r = try Self.read("a;b;c\n1,5;\"x;y\";\n", chunk: chunk, dialect: dialect)
    #expect(r.rows == [["1,5", "x;y", nil]])
  }

  @Test(arguments: chunks) func quotesOffReadsQuotesAsText(chunk: Int?) throws {
    let dialect = CSVDialect(delimiter: UInt8(ascii: ","), quote: nil, header: true)
    let r = try Self.read("a,b\n\"x,y\"\n", chunk: chunk, dialect: dialect)
    #expect(r.rows == [["\"x", "y\""]])
  }

  @Test(arguments: chunks) func unquotedEmptyIsNullQuotedEmptyIsAnEmptyString(chunk: Int?) throws {
    let r = try Self.read("a,b,c\n,\"\",x\n\"\",,\n", chunk: chunk)
    #expect(r.rows == [[nil, "", "x"], ["", nil, nil]])
    let reader = try Self.reader("a,b,c\n,\"\",x\n", chunk: chunk)
    let batch = try #require(try reader.next()).batch
    guard case .text(let a) = batch.columns[0], case .text(let b) = batch.columns[1] else {
      Issue.record("the reader gives text columns")
      return
    }
    #expect(a.isNull(0))
    #expect(!b.isNull(0))
    #expect(b.string(0) == "")
  }

  // MARK: - Batches

  @Test(arguments: chunks) func smallBatches(chunk: Int?) throws {
    let text = "n,sq\n1,1\n2,4\n\n3,9\n\"4\",16\n5,25\n"
    let r = try Self.read(text, chunk: chunk, batchSize: 2)
    #expect(r.batchSizes == [2, 2, 1])
    #expect(r.rows == [["1", "1"], ["2", "4"], ["3", "9"], ["4", "16"], ["5", "25"]])
    #expect(r.origins.map(\.line) == [2, 3, 5, 6, 7])
    #expect(r.origins.map(\.byteOffset) == ["1,1", "2,4", "3,9", "\"4\"", "5,25"].map { Self.offset(of: $0, in: text) })
  }

  @Test(arguments: chunks) func batchesEndingExactlyAtTheEnd(chunk: Int?) throws {
    let r = try Self.read("n\n1\n2\n3\n4\n", chunk: chunk, batchSize: 2)
    #expect(r.batchSizes == [2, 2])
    #expect(r.rows == [["1"], ["2"], ["3"], ["4"]])
  }

  // MARK: - Malformed rows

  @Test(arguments: chunks) func malformedRowsAreRejectedAndGoodRowsAroundThemSurvive(chunk: Int?) throws {
    let text =
      "h1,h2,h3\n"  // line 1
      + "1,2,3\n"  // line 2: good
      + "4,5\n"  // line 3: too few
      + "\"multi\nline\",7,8\n"  // lines 4-5: good
      + "9,10,11,12\n"  // line 6: too many
      + "\"ab\"c,1,2\n"  // line 7: text after the closing quote
      + "13,14,15\r\n"  // line 8: good
      + "16,17\r\n"  // line 9: too few (CRLF)
      + "\"p\nq\",1\n"  // lines 10-11: too few, with a newline inside
      + "20,21,22\n"  // line 12: good
    let r = try Self.read(text, chunk: chunk, batchSize: 2)
    #expect(r.rows == [["1", "2", "3"], ["multi\nline", "7", "8"], ["13", "14", "15"], ["20", "21", "22"]])
    #expect(r.origins.map(\.line) == [2, 4, 8, 12])
    #expect(r.origins.map(\.byteOffset) == ["1,2,3", "\"multi", "13,14", "20,21"].map { Self.offset(of: $0, in: text) })
    #expect(r.rejects.map(\.code) == ["wrong-field-count", "wrong-field-count", "text-after-quote", "wrong-field-count", "wrong-field-count"])
    #expect(r.rejects.map(\.line) == [3, 6, 7, 9, 10])
    #expect(r.rejects.map(\.raw) == ["4,5", "9,10,11,12", "\"ab\"c,1,2", "16,17", "\"p\nq\",1"])
    #expect(r.rejects.map(\.byteOffset) == ["4,5", "9,10", "\"ab\"", "16,17", "\"p\nq"].map { Self.offset(of: $0, in: text) })
    #expect(r.rejects.allSatisfy { $0.file == "t.csv" && $0.step == nil })
    #expect(r.rejects[0].reason == "expected 3 fields, found 2")
    #expect(r.rejects[1].reason == "expected 3 fields, found 4")
    #expect(r.rejects[2].reason.contains("closing quote"))
  }

  @Test(arguments: chunks) func unterminatedQuoteReadsOnFromTheNextLine(chunk: Int?) throws {
    // Any later quote would close the field, so an unterminated quote is one with no quote after it.
    let text = "a,b\n1,2\n\"open,3\n4,five\n6,7\n"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.rows == [["1", "2"], ["4", "five"], ["6", "7"]])
    #expect(r.origins.map(\.line) == [2, 4, 5])
    #expect(r.origins.map(\.byteOffset) == [4, 16, 23])
    #expect(r.rejects.count == 1)
    #expect(r.rejects.first?.code == "unterminated-quote")
    #expect(r.rejects.first?.line == 3)
    #expect(r.rejects.first?.byteOffset == 8)
    #expect(r.rejects.first?.raw == "\"open,3")
  }

  @Test(arguments: chunks) func unterminatedQuoteOnTheLastLine(chunk: Int?) throws {
    let text = "a,b\n1,2\n3,\"never closed"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.rows == [["1", "2"]])
    #expect(r.rejects.map(\.code) == ["unterminated-quote"])
    #expect(r.rejects.map(\.line) == [3])
    #expect(r.rejects.map(\.byteOffset) == [8])
    #expect(r.rejects.map(\.raw) == ["3,\"never closed"])
  }

  @Test(arguments: chunks) func onlyMalformedRows(chunk: Int?) throws {
    let r = try Self.read("a,b\n1\n2\n", chunk: chunk)
    #expect(r.rows.isEmpty)
    #expect(r.rejects.map(\.line) == [2, 3])
    #expect(r.rejects.map(\.raw) == ["1", "2"])
  }

  // MARK: - Many random records

  /// Random fields of delimiters, quotes, CR, LF and multi-byte text, written by a test-side RFC 4180
  /// writer: the reader gives back every value, null or empty as written, with the right line numbers.
  @Test(arguments: chunks) func randomRecordsRoundTrip(chunk: Int?) throws {
    var rng = SplitMix64(seed: 4180)
    let pieces = ["a", "b", "7", ",", "\"", "\n", "\r\n", "\r", " ", "é", "€", "x\"y", ";"]
    let columns = 4
    var expected: [[String?]] = []
    var lines: [Int] = []
    var text = "c1,c2,c3,c4\n"
    var line = 2
    for _ in 0 ..< 500 {
      var row: [String?] = []
      var fields: [String] = []
      for _ in 0 ..< columns {
        switch rng.next() % 8 {
        case 0:
          row.append(nil)
          fields.append("")
        case 1:
          row.append("")
          fields.append("\"\"")
        default:
          var v = ""
          for _ in 0 ..< Int(rng.next() % 5) + 1 { v += pieces[Int(rng.next() % UInt64(pieces.count))] }
          row.append(v)
          let special = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
          fields.append(special ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v)
        }
      }
      // A record of one null field would be a blank line; the generator has four columns.
      expected.append(row)
      lines.append(line)
      let record = fields.joined(separator: ",")
      line += 1 + record.utf8.filter { $0 == UInt8(ascii: "\n") }.count
      text += record + (rng.next() % 2 == 0 ? "\n" : "\r\n")
    }
    let r = try Self.read(text, chunk: chunk, batchSize: 64)
    #expect(r.rejects.isEmpty)
    #expect(r.rows.count == expected.count)
    #expect(r.rows == expected)
    #expect(r.origins.map(\.line) == lines)
    #expect(r.batchSizes == Array(repeating: 64, count: 7) + [52])
  }

  @Test func fileSourceReadsTheSameAsMemory() throws {
    let folder = try TemporaryFolder()
    let text = "a,b\n1,\"x\ny\"\n2,3\n"
    let url = try folder.write("f.csv", text)
    let fromFile = try ReadAll(CSVReader(source: FileSource(path: url.path), dialect: CSVDialect(), batchSize: 1))
    let fromMemory = try Self.read(text, chunk: nil, batchSize: 1)
    #expect(fromFile.rows == fromMemory.rows)
    #expect(fromFile.origins == fromMemory.origins)
    #expect(fromFile.rows == [["1", "x\ny"], ["2", "3"]])
    #expect(throws: InputError.self) { try FileSource(path: folder.file("missing.csv").path) }
    #expect(throws: InputError.self) { try FileSource(path: folder.path) }
  }
}
