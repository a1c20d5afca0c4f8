import CLibXML2
import Foundation
import Testing

@testable import OnboardKit

/// Hostile and broken XML: refused or quarantined, never expanded, never a crash.
@Suite struct XMLSafetyTests {
  static let chunks: [Int?] = [nil, 3]

  static func reader(_ text: String, chunk: Int? = nil, options: XMLOptions = .init(), batchSize: Int = 65_536)
    throws -> XMLReader
  {
    try XMLReader(
      open: {
        let source = MemorySource(name: "t.xml", text)
        source.chunkLimit = chunk
        return source
      }, name: "t.xml", options: options, batchSize: batchSize)
  }

  /// The error `body` throws, or a recorded issue.
  static func error(_ body: () throws -> Void) -> InputError? {
    do {
      try body()
      Issue.record("expected an error")
    } catch let error as InputError {
      return error
    } catch {
      Issue.record("unexpected error \(error)")
    }
    return nil
  }

  // MARK: - Refused documents

  static let billionLaughs = """
    <?xml version="1.0"?>
    <!DOCTYPE lolz [
     <!ENTITY lol "lol">
     <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
     <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
     <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
     <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
     <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
     <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
     <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
     <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
    ]>
    <lolz><row><v>&lol9;</v></row><row><v>&lol9;</v></row></lolz>
    """

  @Test(arguments: chunks) func billionLaughsIsRefusedFast(chunk: Int?) throws {
    for options in [XMLOptions(), XMLOptions(rowTag: "row")] {
      let clock = ContinuousClock()
      let start = clock.now
      let error = Self.error { _ = try Self.reader(Self.billionLaughs, chunk: chunk, options: options) }
      #expect(clock.now - start < .seconds(1))
      guard case .unsafeDocument(let path, let line, let reason) = error else {
        Issue.record("expected unsafeDocument, got \(String(describing: error))")
        continue
      }
      #expect(path == "t.xml")
      #expect(line == 2)
      #expect(reason.contains("DOCTYPE"))
      #expect(error?.description.contains("t.xml:2: refused") == true)
    }
  }

  /// The first line of the local file that external entities aim at, to prove it never leaks.
  static let secret: String = {
    let text = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? ""
    return String(text.split(separator: "\n").first ?? "root:x:0:0")
  }()

  @Test(arguments: chunks) func externalEntitiesAreRefused(chunk: Int?) throws {
    let documents = [
      // A general external entity, used in content.
      "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<r><row><v>&xxe;</v></row></r>",
      // An external DTD.
      "<!DOCTYPE r SYSTEM \"file:///etc/passwd\"><r><row><v>x</v></row></r>",
      // A parameter entity that pulls the file into the DTD itself.
      "<!DOCTYPE r [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><r><row><v>x</v></row></r>",
      // A lowercase declaration is no way around the check.
      "<!doctype r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><r><row>&xxe;</row></r>",
    ]
    for document in documents {
      var outputs: [String] = []
      do {
        let reader = try Self.reader(document, chunk: chunk)
        let all = try ReadAll(reader)
        outputs += all.rows.flatMap { $0.compactMap { $0 } } + all.rejects.flatMap { [$0.raw, $0.reason] }
        Issue.record("expected a refusal for \(document)")
      } catch let error as InputError {
        outputs.append(error.description)
        guard case .unsafeDocument = error else {
          Issue.record("expected unsafeDocument, got \(error)")
          continue
        }
      }
      #expect(!outputs.joined().contains(Self.secret))
    }
  }

  @Test func anyDoctypeIsRefused() throws {
    let error = Self.error { _ = try Self.reader("<!-- a comment -->\n\n<!DOCTYPE html>\n<r><x>1</x></r>") }
    #expect(error == .unsafeDocument(path: "t.xml", line: 3, reason: XMLSafety.dtdReason))
  }

  @Test func undeclaredEntityIsMalformedAndNotExpanded() throws {
    // Without a DTD no entity can be declared: `&xxe;` is a well-formedness error, quarantined.
    let all = try ReadAll(Self.reader("<r><x><v>1</v></x><x><v>&xxe;</v></x></r>"))
    #expect(all.rows == [["1"]])
    #expect(all.rejects.count == 1)
    #expect(all.rejects.first?.code == "malformed-xml")
    #expect(all.rejects.first?.reason.contains("xxe") == true)
  }

  @Test func parserOptionsAreSafe() {
    #expect(XMLSafety.parserOptions & Int32(XML_PARSE_NONET.rawValue) != 0)
    for option in XMLSafety.forbiddenOptions {
      #expect(XMLSafety.parserOptions & Int32(option.rawValue) == 0, "option \(option.rawValue) must not be set")
    }
  }

  @Test(arguments: chunks) func nestingPastTheLimitIsRefused(chunk: Int?) throws {
    var options = XMLOptions()
    options.maxDepth = 4
    let error = Self.error { _ = try Self.reader("<a>\n<b><c><d>\n  <e>deep</e></d></c></b></a>", chunk: chunk, options: options) }
    #expect(error == InputError.malformedDocument(path: "t.xml", line: 3, column: 3, reason: Self.depthReason(4)))
    // libxml2's own limit (256) is never reached: ours comes first with our wording.
    let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
    let deepError = Self.error { _ = try Self.reader(deep, chunk: chunk) }
    #expect(deepError == InputError.malformedDocument(path: "t.xml", line: 1, column: 256 * 3 + 1, reason: Self.depthReason(256)))
  }

  static func depthReason(_ limit: Int) -> String {
    guard case .malformedDocument(_, _, _, let reason) = XMLSafety.error(for: .tooDeep(line: 1, column: 1, limit: limit), path: "")
    else { return "" }
    return reason
  }

  @Test func utf16IsRefusedAsAnEncodingProblem() throws {
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in "<r><x>1</x></r>".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let error = Self.error {
      _ = try XMLReader(open: { MemorySource(name: "t.xml", bytes: bytes) }, name: "t.xml")
    }
    #expect(error == .invalidEncoding(path: "t.xml", encoding: "utf-8", byteOffset: 0))
  }

  // MARK: - Broken documents

  static let brokenMidway = """
    <root>
      <item><a>1</a></item>
      <item><a>2</a></item>
      <item><a>3</b></item>
      <item><a>4</a></item>
    </root>
    """

  @Test(arguments: chunks) func malformedMidDocumentKeepsEarlierRows(chunk: Int?) throws {
    for batchSize in [1, 65_536] {
      let all = try ReadAll(Self.reader(Self.brokenMidway, chunk: chunk, batchSize: batchSize))
      #expect(all.schema.names == ["a"])
      #expect(all.rows == [["1"], ["2"]])
      #expect(all.origins.map(\.line) == [2, 3])
      #expect(all.rejects.count == 1)
      let reject = try #require(all.rejects.first)
      #expect(reject.code == "malformed-xml")
      #expect(reject.file == "t.xml")
      #expect(reject.line == 4)
      #expect(reject.byteOffset == XMLReaderTests.offset(of: "<item><a>3", in: Self.brokenMidway))
      #expect(reject.raw.hasPrefix("<item><a>3</b>"))
      #expect(reject.reason.contains("line 4"))
      #expect(reject.reason.contains("rest of the document could not be read"))
    }
  }

  /// Broken far past libxml2's 512-byte parse chunks and 4 KiB reads, where the rows just before
  /// the error were parsed in the same chunk as the error; and (8,000 rows) past the 64 KiB
  /// before the error from which the second reading feeds libxml2 token by token.
  @Test(arguments: [(500, nil), (500, 3), (8000, nil), (8000, 7)] as [(Int, Int?)])
  func malformedRowInALargeDocumentKeepsEveryEarlierRow(rows: Int, chunk: Int?) throws {
    var text = "<root>\n"
    for i in 0 ..< rows { text += "<item><a>\(i)</a></item>\n" }
    text += "<item><a>oops</a><a></item>\n"
    for i in 0 ..< 10 { text += "<item><a>\(i)</a></item>\n" }
    text += "</root>\n"
    let all = try ReadAll(Self.reader(text, chunk: chunk, batchSize: 64))
    #expect(all.schema.names == ["a"])
    #expect(all.schema[0].type == .string, "the broken row (two `a`) leaves no array in the schema")
    #expect(all.rows.count == rows)
    #expect(all.rows.last == ["\(rows - 1)"])
    #expect(all.rejects.count == 1)
    #expect(all.rejects.first?.line == rows + 2)
    #expect(all.rejects.first?.raw.hasPrefix("<item><a>oops</a><a></item>") == true)
  }

  @Test(arguments: chunks) func malformedBetweenRows(chunk: Int?) throws {
    let text = "<root>\n<item><a>1</a></item>\n<item a=\"1\" a=\"2\"><a>2</a></item>\n</root>"
    let all = try ReadAll(Self.reader(text, chunk: chunk))
    #expect(all.rows == [["1"]])
    let reject = try #require(all.rejects.first)
    #expect(reject.line == 3)
    #expect(reject.raw.hasPrefix("<item a=\"1\" a=\"2\">"))
    #expect(reject.byteOffset == XMLReaderTests.offset(of: "<item a=", in: text))
    #expect(reject.reason.contains("redefined"))
  }

  @Test(arguments: chunks) func truncatedDocument(chunk: Int?) throws {
    let text = "<root><item><a>1</a></item><item><a>2</a></item><item><a>3"
    let all = try ReadAll(Self.reader(text, chunk: chunk))
    #expect(all.rows == [["1"], ["2"]])
    #expect(all.rejects.count == 1)
    #expect(all.rejects.first?.raw == "<item><a>3")
  }

  @Test(arguments: chunks) func contentAfterTheRoot(chunk: Int?) throws {
    let text = "<root><item><a>1</a></item></root>\n<root><item><a>2</a></item></root>\n"
    let all = try ReadAll(Self.reader(text, chunk: chunk))
    #expect(all.rows == [["1"]])
    #expect(all.rejects.count == 1)
    #expect(all.rejects.first?.line == 2)
  }

  @Test(arguments: chunks) func notXMLIsAMalformedDocument(chunk: Int?) throws {
    let error = Self.error { _ = try Self.reader("id,name\n1,Ada\n", chunk: chunk) }
    guard case .malformedDocument(let path, let line, let column, let reason) = error else {
      Issue.record("expected malformedDocument, got \(String(describing: error))")
      return
    }
    #expect(path == "t.xml")
    #expect(line == 1)
    #expect(column == 1)
    #expect(reason.contains("not XML"))
  }

  @Test func brokenBeforeTheFirstRowIsAMalformedDocument() throws {
    let error = Self.error { _ = try Self.reader("<root>\n  <<item/>\n</root>") }
    guard case .malformedDocument(_, let line, _, _) = error else {
      Issue.record("expected malformedDocument, got \(String(describing: error))")
      return
    }
    #expect(line == 2)
  }

  @Test func emptyInput() throws {
    for text in ["", "  \n\t", "\u{FEFF}"] {
      #expect(Self.error { _ = try Self.reader(text) } == .empty(path: "t.xml"))
    }
  }

  @Test func sourceErrorsPassThrough() throws {
    final class Failing: ByteSource {
      let name = "failing.xml"
      var calls = 0
      func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        calls += 1
        if calls > 1 { throw InputError.cannotRead(path: name, reason: "disk on fire") }
        let text = Array("<r><x>1</x>".utf8)
        buffer.copyBytes(from: text)
        return text.count
      }
    }
    let error = Self.error { _ = try XMLReader(open: { Failing() }, name: "failing.xml") }
    #expect(error == .cannotRead(path: "failing.xml", reason: "disk on fire"))
  }
}
