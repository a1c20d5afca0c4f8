import Foundation
import Testing

@testable import OnboardKit

/// Encoding names, detection from a sample, and transcoding to UTF-8 with every read split.
@Suite struct EncodingTests {
  static let chunks: [Int?] = [nil, 1, 3, 7]
  static let outputSizes = [1, 2, 3, 5, 4096]
  /// ASCII, two-, three- and four-byte characters (the last a surrogate pair in UTF-16).
  static let text = "id,name\n1,café €\n2,😀 done\n3,日本\n"

  static func utf16(_ text: String, bigEndian: Bool, bom: Bool = false) -> [UInt8] {
    units(Array(text.utf16), bigEndian: bigEndian, bom: bom)
  }

  static func units(_ units: [UInt16], bigEndian: Bool, bom: Bool = false) -> [UInt8] {
    let all: [UInt16] = (bom ? [0xFEFF] : []) + units
    return all.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
  }

  static func transcode(
    _ bytes: [UInt8], _ encoding: TextEncoding, chunk: Int? = nil, outputSize: Int = 4096, skipBOM: Bool = true
  ) throws -> (text: [UInt8], source: TranscodingSource) {
    let inner = MemorySource(name: "t.csv", bytes: bytes)
    inner.chunkLimit = chunk
    let source = TranscodingSource(inner, encoding: encoding, skipByteOrderMark: skipBOM)
    return (try TestGzip.drain(source, bufferSize: outputSize), source)
  }

  // MARK: - Names

  @Test(arguments: [
    ("utf8", TextEncoding.utf8), ("UTF-8", .utf8), ("utf_8", .utf8), ("utf-8-sig", .utf8),
    ("utf-16le", .utf16LE), ("UTF16LE", .utf16LE), ("utf-16be", .utf16BE), ("UTF_16BE", .utf16BE),
    ("latin1", .latin1), ("Latin-1", .latin1), ("ISO-8859-1", .latin1), ("iso8859-1", .latin1), ("iso_8859_1", .latin1),
    ("cp1252", .windows1252), ("windows-1252", .windows1252), ("Windows1252", .windows1252), ("win-1252", .windows1252),
  ])
  func namesInCommonSpellings(name: String, expected: TextEncoding) {
    #expect(TextEncoding(name: name) == expected)
  }

  @Test func unknownAndAmbiguousNames() {
    for name in ["utf-16", "utf-32", "ascii?", "shift_jis", ""] { #expect(TextEncoding(name: name) == nil, "\(name)") }
    for encoding in TextEncoding.allCases { #expect(TextEncoding(name: encoding.rawValue) == encoding) }
  }

  // MARK: - Detection

  struct DetectionCase: Sendable, CustomTestStringConvertible {
    var label: String
    var bytes: [UInt8]
    var whole = true
    var encoding: TextEncoding
    var bomLength = 0
    var reason: String
    var testDescription: String { label }
  }

  static let detectionCases: [DetectionCase] = [
    DetectionCase(
      label: "UTF-8 BOM", bytes: [0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8), encoding: .utf8, bomLength: 3,
      reason: "the file starts with a UTF-8 byte order mark (EF BB BF)"),
    DetectionCase(
      label: "UTF-16LE BOM", bytes: utf16("a,b\n", bigEndian: false, bom: true), encoding: .utf16LE, bomLength: 2,
      reason: "the file starts with a UTF-16LE byte order mark (FF FE)"),
    DetectionCase(
      label: "UTF-16BE BOM", bytes: utf16("a,b\n", bigEndian: true, bom: true), encoding: .utf16BE, bomLength: 2,
      reason: "the file starts with a UTF-16BE byte order mark (FE FF)"),
    DetectionCase(
      label: "UTF-16LE without BOM", bytes: utf16(text, bigEndian: false), encoding: .utf16LE,
      reason: "there is no byte order mark, but 27 of 32 byte pairs have a zero second byte, as ASCII text in UTF-16LE does"),
    DetectionCase(
      label: "UTF-16BE without BOM, sample cut mid-unit", bytes: Array(utf16(text, bigEndian: true).dropLast()), whole: false,
      encoding: .utf16BE,
      reason: "there is no byte order mark, but 26 of 31 byte pairs have a zero first byte, as ASCII text in UTF-16BE does"),
    DetectionCase(
      label: "ASCII", bytes: Array("id,name\n1,ada\n".utf8), encoding: .utf8,
      reason: "all bytes are ASCII, which reads the same in every supported encoding; read as UTF-8"),
    DetectionCase(label: "UTF-8", bytes: Array(text.utf8), encoding: .utf8, reason: "the bytes are valid UTF-8"),
    DetectionCase(
      label: "UTF-8 cut by the sample", bytes: Array("price,€".utf8.dropLast()), whole: false, encoding: .utf8,
      reason: "the bytes are valid UTF-8 (the sample ends inside a character at offset 6)"),
    DetectionCase(
      label: "UTF-8 cut at the end of the file", bytes: Array("price,€".utf8.dropLast()), encoding: .windows1252,
      reason: "the bytes are not valid UTF-8 (first at offset 6); read as Windows-1252"),
    DetectionCase(
      label: "Latin-1 café", bytes: Array("name\ncaf".utf8) + [0xE9, 0x0A], encoding: .windows1252,
      reason: "the bytes are not valid UTF-8 (first at offset 8); read as Windows-1252"),
    DetectionCase(
      label: "Windows-1252 euro", bytes: Array("price\n".utf8) + [0x80, 0x35, 0x0A], encoding: .windows1252,
      reason: "the bytes are not valid UTF-8 (first at offset 6); read as Windows-1252"),
    DetectionCase(
      label: "byte undefined in Windows-1252", bytes: [0x61, 0xE9, 0x62, 0x9D], encoding: .latin1,
      reason: "the bytes are not valid UTF-8 (first at offset 1) and byte 0x9D at offset 3 is undefined in Windows-1252; read as Latin-1"),
    DetectionCase(
      label: "a whole file of odd length is not UTF-16", bytes: [0x61, 0, 0x62, 0, 0x63], encoding: .utf8,
      reason: "all bytes are ASCII, which reads the same in every supported encoding; read as UTF-8"),
    DetectionCase(label: "empty", bytes: [], encoding: .utf8, reason: "there are no bytes to look at; read as UTF-8"),
  ]

  @Test(arguments: detectionCases)
  func detection(_ c: DetectionCase) {
    let result = EncodingDetection.detect(c.bytes, sampleIsWholeFile: c.whole)
    #expect(result == EncodingDetection.Result(encoding: c.encoding, bomLength: c.bomLength, reason: c.reason))
  }

  @Test func utf16OfOtherScriptsIsStillFoundByItsDelimiters() {
    // Greek and Cyrillic have no zero bytes; the commas, digits and line ends do.
    let text = (1 ... 20).map { "\($0),Αθήνα,Москва\n" }.joined()
    #expect(EncodingDetection.detect(Self.utf16(text, bigEndian: false), sampleIsWholeFile: true).encoding == .utf16LE)
    #expect(EncodingDetection.detect(Self.utf16(text, bigEndian: true), sampleIsWholeFile: true).encoding == .utf16BE)
  }

  // MARK: - Transcoding

  @Test(arguments: chunks, outputSizes)
  func utf16BothByteOrdersWithAndWithoutBOM(chunk: Int?, outputSize: Int) throws {
    for (bigEndian, encoding) in [(false, TextEncoding.utf16LE), (true, .utf16BE)] {
      for bom in [false, true] {
        let bytes = Self.utf16(Self.text, bigEndian: bigEndian, bom: bom)
        let r = try Self.transcode(bytes, encoding, chunk: chunk, outputSize: outputSize)
        #expect(r.text == Array(Self.text.utf8), "\(encoding) bom: \(bom)")
        #expect(r.source.replacements == 0)
        #expect(r.source.firstReplacementOffset == nil)
      }
    }
  }

  @Test func byteOrderMarkKeptWhenAsked() throws {
    let r = try Self.transcode(Self.utf16("a", bigEndian: false, bom: true), .utf16LE, skipBOM: false)
    #expect(r.text == [0xEF, 0xBB, 0xBF, 0x61])
  }

  @Test(arguments: chunks)
  func utf8PassesThroughWithoutItsBOM(chunk: Int?) throws {
    let r = try Self.transcode([0xEF, 0xBB, 0xBF] + Array(Self.text.utf8), .utf8, chunk: chunk, outputSize: 3)
    #expect(r.text == Array(Self.text.utf8))
    // A file shorter than a mark, and one that starts like a mark but is not one.
    #expect(try Self.transcode([0xEF], .utf8, chunk: chunk).text == [0xEF])
    #expect(try Self.transcode([0xEF, 0xBB, 0x61], .utf8, chunk: chunk).text == [0xEF, 0xBB, 0x61])
  }

  @Test(arguments: chunks, outputSizes)
  func unpairedSurrogatesAreReplacedAndCounted(chunk: Int?, outputSize: Int) throws {
    // A lone high surrogate before ASCII, a lone low one, a valid pair, and a high one at the end.
    let units: [UInt16] = [0x61, 0xD800, 0x62, 0xDC00, 0x63, 0xD83D, 0xDE00, 0xD83D]
    for (bigEndian, encoding) in [(false, TextEncoding.utf16LE), (true, .utf16BE)] {
      let r = try Self.transcode(Self.units(units, bigEndian: bigEndian, bom: true), encoding, chunk: chunk, outputSize: outputSize)
      #expect(String(decoding: r.text, as: UTF8.self) == "a\u{FFFD}b\u{FFFD}c😀\u{FFFD}")
      #expect(r.source.replacements == 3)
      #expect(r.source.firstReplacementOffset == 4, "offsets count the byte order mark")
    }
  }

  @Test(arguments: chunks)
  func oddByteAtTheEndIsReplaced(chunk: Int?) throws {
    let r = try Self.transcode([0x61, 0x00, 0x62], .utf16LE, chunk: chunk, outputSize: 1)
    #expect(String(decoding: r.text, as: UTF8.self) == "a\u{FFFD}")
    #expect(r.source.replacements == 1)
    #expect(r.source.firstReplacementOffset == 2)
  }

  @Test func utf16MatchesSwiftsDecoderOnRandomUnits() throws {
    var random = SplitMix64(seed: 7)
    for round in 0 ..< 300 {
      let count = Int.random(in: 0 ... 40, using: &random)
      let units: [UInt16] = (0 ..< count).map { _ in
        switch Int.random(in: 0 ..< 6, using: &random) {
        case 0: UInt16.random(in: 0xD800 ... 0xDBFF, using: &random)
        case 1: UInt16.random(in: 0xDC00 ... 0xDFFF, using: &random)
        case 2: UInt16.random(in: 0x80 ... 0xFFFF, using: &random)
        default: UInt16.random(in: 0x20 ... 0x7E, using: &random)
        }
      }
      let expected = String(decoding: units, as: UTF16.self)
      let chunk = Self.chunks[round % Self.chunks.count]
      let outputSize = Self.outputSizes[round % Self.outputSizes.count]
      for (bigEndian, encoding) in [(false, TextEncoding.utf16LE), (true, .utf16BE)] {
        let r = try Self.transcode(Self.units(units, bigEndian: bigEndian), encoding, chunk: chunk, outputSize: outputSize)
        #expect(r.text == Array(expected.utf8), "units \(units)")
        #expect(r.source.replacements == expected.unicodeScalars.filter { $0 == "\u{FFFD}" }.count)
      }
    }
  }

  @Test(arguments: chunks)
  func latin1Cafe(chunk: Int?) throws {
    let r = try Self.transcode(Array("caf".utf8) + [0xE9], .latin1, chunk: chunk, outputSize: 1)
    #expect(String(decoding: r.text, as: UTF8.self) == "café")
  }

  @Test(arguments: chunks)
  func windows1252Euro(chunk: Int?) throws {
    let r = try Self.transcode([0x80, 0x35, 0x20, 0x93, 0x71, 0x94], .windows1252, chunk: chunk, outputSize: 2)
    #expect(String(decoding: r.text, as: UTF8.self) == "€5 “q”")
  }

  @Test func latin1IsTheFirst256CodePoints() throws {
    let r = try Self.transcode(Array(0 ... 255), .latin1)
    #expect(String(decoding: r.text, as: UTF8.self).unicodeScalars.map(\.value) == Array(0 ... 255))
  }

  @Test func windows1252AgreesWithFoundation() throws {
    // Foundation leaves the five undefined bytes undecodable; WHATWG maps them to C1 controls.
    let r = try Self.transcode(Array(0 ... 255), .windows1252)
    let scalars = String(decoding: r.text, as: UTF8.self).unicodeScalars.map(\.value)
    #expect(scalars.count == 256)
    for byte in 0 ... 255 where scalars.count == 256 {
      if EncodingDetection.undefinedInWindows1252.contains(UInt8(byte)) {
        #expect(scalars[byte] == UInt32(byte))
      } else {
        let expected = String(bytes: [UInt8(byte)], encoding: .windowsCP1252)?.unicodeScalars.first?.value
        #expect(scalars[byte] == expected, "byte \(byte)")
      }
    }
  }

  @Test func largeInputStreamsThroughSmallBuffers() throws {
    // More than the 64 KiB input buffer, with a surrogate pair straddling many read boundaries.
    let line = "row,😀,é\n"
    let text = String(repeating: line, count: 12_000)
    let r = try Self.transcode(Self.utf16(text, bigEndian: false, bom: true), .utf16LE, chunk: 65_537, outputSize: 10_001)
    #expect(r.text == Array(text.utf8))
  }
}
