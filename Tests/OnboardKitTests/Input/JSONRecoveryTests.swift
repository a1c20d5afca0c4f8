import Testing

@testable import OnboardKit

/// Broken JSON: what is rejected, with which location, and where reading goes on or stops.
@Suite struct JSONRecoveryTests {
  static let chunks = JSONReaderTests.chunks

  static func read(_ text: String, chunk: Int?, options: JSONOptions = .init(), batchSize: Int = 65_536) throws -> ReadAll {
    try JSONReaderTests.read(text, chunk: chunk, options: options, batchSize: batchSize)
  }

  // MARK: - JSON Lines: one bad line costs one line

  @Test(arguments: chunks) func malformedLinesAreQuarantined(chunk: Int?) throws {
    let lines = [
      #"{"a":1,"b":"x"}"#,
      #"{"a":2,"b":tru}"#,  // bad literal
      #"{"a":3,"b":"never closed}"#,  // unterminated string
      #"{"a":4} trailing"#,  // text after the object
      #"{"a":5,"b":"y"}"#,
      #"{"a":6 "b":"z"}"#,  // missing comma
      "{\"a\":7,\"b\":\"tab\there\"}",  // raw control character in a string
      #"{"a":8,"b":"\x"}"#,  // invalid escape
      #"{"a":9,"b":01}"#,  // leading zero
      #"{"a":10,"b":"ok"}"#,
      #"{"a":11,"#,  // cut short
    ]
    let text = lines.joined(separator: "\r\n") + "\r\n"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.schema.names == ["a", "b"])
    #expect(r.rows == [["1", "x"], ["5", "y"], ["10", "ok"]])
    #expect(r.origins.map(\.line) == [1, 5, 10])
    #expect(r.rejects.map(\.line) == [2, 3, 4, 6, 7, 8, 9, 11])
    #expect(r.rejects.allSatisfy { $0.code == "malformed-json" && $0.file == "t.json" && $0.step == nil })
    #expect(r.rejects.map(\.raw) == [1, 2, 3, 5, 6, 7, 8, 10].map { lines[$0] }, "raw is the line without its line end")
    let offsets = Array(text.utf8).enumerated().filter { $0.element == UInt8(ascii: "\n") }.map { $0.offset + 1 }
    #expect(r.rejects.map(\.byteOffset) == [1, 2, 3, 5, 6, 7, 8, 10].map { offsets[$0 - 1] })
    let reasons = r.rejects.map(\.reason)
    #expect(reasons[0].hasPrefix("column 12: an invalid word"), "\(reasons[0])")
    #expect(reasons[1].hasPrefix("column 12: a string opens here and is never closed"), "\(reasons[1])")
    #expect(reasons[2].hasPrefix("column 9: text after the end of the object: 't'"), "\(reasons[2])")
    #expect(reasons[3].hasPrefix("column 8: expected ',' or '}' after a value, found '\"'"), "\(reasons[3])")
    #expect(reasons[4].hasPrefix("column 16: a control character (0x9)"), "\(reasons[4])")
    #expect(reasons[5].hasPrefix("column 13: an invalid escape"), "\(reasons[5])")
    #expect(reasons[6].hasPrefix("column 13: expected ',' or '}' after a value, found '1'"), "\(reasons[6])")
    #expect(reasons[7].hasPrefix("column 9: expected a key, but the line ends"), "\(reasons[7])")
  }

  @Test(arguments: chunks) func topLevelValuesThatAreNotObjectsAreRejected(chunk: Int?) throws {
    let text = "{\"a\":1}\n[1,2]\n\"text\"\n  42\nnull\n{\"a\":2}\n"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.rows == [["1"], ["2"]])
    #expect(r.rejects.map(\.line) == [2, 3, 4, 5])
    #expect(r.rejects.map(\.reason) == [
      "column 1: expected an object, found an array", "column 1: expected an object, found a string",
      "column 3: expected an object, found a number", "column 1: expected an object, found null",
    ].map { $0 + "; the line was set aside and reading went on with the next" })
    #expect(r.rejects[2].raw == "  42")
  }

  @Test(arguments: chunks) func malformedRowsAddNoColumns(chunk: Int?) throws {
    // The schema pass takes back what a broken row taught it: no column `zz`, no struct field `q`.
    let text = "{\"a\":1,\"o\":{\"p\":1}}\n{\"a\":2,\"zz\":1,\"o\":{\"q\":2},oops}\n{\"a\":3}\n"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.schema.names == ["a", "o"])
    #expect(r.schema[1].type == .struct([Field(name: "p", type: .integer)]))
    #expect(r.rows == [["1", #"{"p":1}"#], ["3", nil]])
    #expect(r.rejects.map(\.line) == [2])
  }

  @Test(arguments: chunks) func tooDeepIsRejected(chunk: Int?) throws {
    let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
    let text = "{\"a\":1}\n{\"a\":\(deep)}\n{\"a\":2}\n"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.rows == [["1"], ["2"]])
    #expect(r.rejects.count == 1)
    #expect(r.rejects.first?.reason.contains("nested more than 256 levels") == true)
  }

  // MARK: - Arrays and concatenated values

  @Test(arguments: chunks) func brokenObjectInAnArrayIsSetAsideWhenItsEndIsClear(chunk: Int?) throws {
    let text = """
      [
        {"a": 1},
        {"a": tru, "b": [1, 2]},
        "not an object",
        {"a": 3}
      ]

      """
    let r = try Self.read(text, chunk: chunk)
    #expect(r.schema.names == ["a"])
    #expect(r.rows == [["1"], ["3"]])
    #expect(r.origins.map(\.line) == [2, 5])
    #expect(r.rejects.map(\.line) == [3, 4])
    #expect(r.rejects.map(\.raw) == [#"{"a": tru, "b": [1, 2]}"#, #""not an object""#])
    #expect(r.rejects[0].reason.hasPrefix("line 3, column 9: an invalid word"), "\(r.rejects[0].reason)")
    #expect(r.rejects[1].reason.hasPrefix("column 3: expected an object, found a string"), "\(r.rejects[1].reason)")
  }

  @Test(arguments: chunks) func brokenConcatenatedObjectIsSetAside(chunk: Int?) throws {
    let text = "{\n \"a\": 1\n}\n{\n \"a\": 2\n \"b\": 3\n}\n{\n \"a\": 4\n}\n"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.rows == [["1"], ["4"]])
    #expect(r.rejects.map(\.line) == [4])
    #expect(r.rejects.first?.reason.hasPrefix("line 6, column 2: expected ',' or '}' after a value") == true)
  }

  @Test(arguments: chunks) func unrecoverableErrorKeepsRowsBeforeItThenThrows(chunk: Int?) throws {
    // A string that never closes runs into a line break: nothing after it can be trusted.
    let text = "[\n{\"a\": 1},\n{\"a\": 2},\n{\"a\": \"oops},\n{\"a\": 4}\n]\n"
    let reader = try JSONReaderTests.reader(text, chunk: chunk, batchSize: 1)
    var rows: [String?] = []
    var thrown: (any Error)?
    do {
      while let result = try reader.next() { rows += (0 ..< result.batch.rowCount).map { result.batch.columns[0].formatted($0) } }
    } catch {
      thrown = error
    }
    #expect(rows == ["1", "2"])
    guard case .malformedDocument(let path, let line, let column, let reason) = thrown as? InputError else {
      Issue.record("expected malformedDocument, got \(String(describing: thrown))")
      return
    }
    #expect(path == "t.json")
    #expect(line == 4)
    #expect(column == 14, "the line break inside the string")
    #expect(reason.contains("control character"), "\(reason)")
    #expect(reason.contains("Rows before this point were read"))
    #expect(try reader.next() == nil)
  }

  @Test(arguments: chunks) func arrayCutShortThrowsAfterItsRows(chunk: Int?) throws {
    let reader = try JSONReaderTests.reader("[{\"a\":1},\n{\"a\":2}", chunk: chunk)
    let first = try #require(try reader.next())
    #expect(first.batch.rowCount == 2)
    #expect(throws: InputError.self) { try reader.next() }
    do {
      _ = try reader.next()
    } catch {
      Issue.record("the error is thrown once: \(error)")
    }
  }

  @Test(arguments: chunks) func textAfterTheArrayIsAnError(chunk: Int?) throws {
    let reader = try JSONReaderTests.reader("[{\"a\":1}]\n[{\"a\":2}]", chunk: chunk)
    #expect(try reader.next()?.batch.rowCount == 1)
    #expect {
      try reader.next()
    } throws: { error in
      guard case .malformedDocument(_, let line, let column, let reason) = error as? InputError else { return false }
      return line == 2 && column == 1 && reason.hasPrefix("expected nothing after the array's closing ']'")
    }
  }

  @Test(arguments: chunks) func trailingCommaIsNamed(chunk: Int?) throws {
    let reader = try JSONReaderTests.reader("[\n  {\"a\":1},\n  {\"a\":2},\n]\n", chunk: chunk)
    #expect(try reader.next()?.batch.rowCount == 2)
    #expect {
      try reader.next()
    } throws: { error in
      guard case .malformedDocument(_, let line, let column, let reason) = error as? InputError else { return false }
      return line == 4 && column == 1 && reason.contains("a comma before ']' is not allowed in JSON; remove it")
    }
  }

  @Test func malformedDocumentMessageSaysWhereAndWhat() {
    let error = InputError.malformedDocument(path: "a.json", line: 3, column: 7, reason: "expected ',' or ']' after an element, found '}'")
    #expect(error.description == "a.json:3:7: expected ',' or ']' after an element, found '}'.")
  }
}
