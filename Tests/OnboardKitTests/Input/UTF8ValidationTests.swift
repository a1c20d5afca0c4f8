import Testing

@testable import OnboardKit

/// Strict UTF-8 validation: the well-formed table of the Unicode Standard, the eight-byte ASCII
/// fast path at every alignment, and agreement with Swift's own decoder on random bytes.
@Suite struct UTF8ValidationTests {
  static func firstInvalid(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
  }

  @Test(arguments: [
    ("empty", [], nil),
    ("ASCII", Array("id,name\n1,ada\n".utf8), nil),
    ("2-byte é", [0x61, 0xC3, 0xA9], nil),
    ("3-byte €", [0xE2, 0x82, 0xAC], nil),
    ("4-byte 😀", [0xF0, 0x9F, 0x98, 0x80], nil),
    ("U+10FFFF", [0xF4, 0x8F, 0xBF, 0xBF], nil),
    ("U+FFFF", [0xEF, 0xBF, 0xBF], nil),
    ("U+E000 after the surrogates", [0xEE, 0x80, 0x80], nil),
    ("overlong slash C0 AF", [0x61, 0xC0, 0xAF], 1),
    ("overlong C1 BF", [0xC1, 0xBF], 0),
    ("overlong 3-byte E0 80 AF", [0xE0, 0x80, 0xAF], 0),
    ("overlong 4-byte F0 80 80 AF", [0xF0, 0x80, 0x80, 0xAF], 0),
    ("surrogate ED A0 80", [0x61, 0x62, 0xED, 0xA0, 0x80], 2),
    ("surrogate ED BF BF", [0xED, 0xBF, 0xBF], 0),
    ("above U+10FFFF F4 90 80 80", [0xF4, 0x90, 0x80, 0x80], 0),
    ("F5 lead", [0xF5, 0x80, 0x80, 0x80], 0),
    ("FF", [0x61, 0xFF], 1),
    ("stray continuation", [0x61, 0x80, 0x61], 1),
    ("bad continuation", [0xC3, 0x28], 0),
    ("bad third byte", [0xE2, 0x82, 0x28], 0),
    ("bad fourth byte", [0xF0, 0x9F, 0x98, 0x28], 0),
    ("truncated 2-byte", [0x61, 0xC3], 1),
    ("truncated 3-byte", [0x61, 0x62, 0xE2, 0x82], 2),
    ("truncated 4-byte", [0xF0, 0x9F, 0x98], 0),
  ] as [(String, [UInt8], Int?)])
  func wellFormedTable(label: String, bytes: [UInt8], expected: Int?) {
    #expect(Self.firstInvalid(bytes) == expected, "\(label)")
  }

  @Test func everyAlignmentOfTheASCIIFastPath() {
    for length in 1 ... 24 {
      #expect(Self.firstInvalid([UInt8](repeating: 0x61, count: length)) == nil)
      for position in 0 ..< length {
        var bytes = [UInt8](repeating: 0x61, count: length)
        bytes[position] = 0xFF
        #expect(Self.firstInvalid(bytes) == position, "length \(length), bad byte at \(position)")
        if position + 2 <= length {
          bytes[position] = 0xC3
          bytes[position + 1] = 0xA9
          #expect(Self.firstInvalid(bytes) == nil, "é at \(position) of \(length)")
        }
      }
    }
  }

  @Test func incompleteSequences() {
    func incomplete(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { UTF8Validation.isIncompleteSequence($0) } }
    #expect(incomplete([0xC3]))
    #expect(incomplete([0xE2, 0x82]))
    #expect(incomplete([0xF0, 0x9F, 0x98]))
    #expect(!incomplete([]))
    #expect(!incomplete([0x61]))
    #expect(!incomplete([0xE2, 0x82, 0xAC]), "complete")
    #expect(!incomplete([0xED, 0xA0]), "the start of a surrogate")
    #expect(!incomplete([0xF4, 0x90]), "the start of a value above U+10FFFF")
    #expect(!incomplete([0xC0]), "an overlong lead")
  }

  /// Where Swift's decoder finds its first error: the bytes of the scalars it decoded before it.
  static func swiftFirstInvalid(_ bytes: [UInt8]) -> Int? {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var offset = 0
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): offset += UTF8.width(scalar)
      case .emptyInput: return nil
      case .error: return offset
      }
    }
  }

  @Test func agreesWithSwiftsDecoderOnRandomBytes() {
    var random = SplitMix64(seed: 2024)
    // Pieces that make near-misses likely: valid characters of each length, leads, continuations.
    let pieces: [[UInt8]] = [
      Array("a".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8), Array("\u{10FFFF}".utf8),
      [0x80], [0xBF], [0xC2], [0xE0], [0xED], [0xF0], [0xF4], [0xA0], [0x90], [0x8F], [0xFF], [0xC0],
    ]
    var invalid = 0
    for _ in 0 ..< 5_000 {
      var bytes: [UInt8] = []
      for _ in 0 ..< Int.random(in: 0 ... 12, using: &random) {
        if Bool.random(using: &random) {
          bytes += pieces[Int.random(in: 0 ..< pieces.count, using: &random)]
        } else {
          bytes.append(UInt8.random(in: 0 ... 255, using: &random))
        }
      }
      let expected = Self.swiftFirstInvalid(bytes)
      if expected != nil { invalid += 1 }
      #expect(Self.firstInvalid(bytes) == expected, "\(bytes.map { String($0, radix: 16) })")
      #expect((String(validating: bytes, as: UTF8.self) == nil) == (expected != nil))
    }
    #expect(invalid > 500 && invalid < 4_900, "both outcomes are exercised")
  }
}
