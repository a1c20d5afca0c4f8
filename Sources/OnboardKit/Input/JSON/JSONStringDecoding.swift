/// Somewhere decoded bytes go, piece by piece: a column builder, or a scratch buffer for keys.
protocol JSONPieceSink {
  mutating func appendPiece(_ piece: UnsafeBufferPointer<UInt8>)
}

extension TextColumnBuilder: JSONPieceSink {}

/// A growable byte buffer for the rare slow paths (keys with escapes).
struct JSONScratch: JSONPieceSink {
  var bytes: [UInt8] = []

  mutating func appendPiece(_ piece: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: piece) }
}

/// Decoding of string escapes into UTF-8, for strings `JSONTokens.stringEnd` found to hold one.
enum JSONStringDecoding {
  /// Appends the text of `bytes[start ..< end]` (between the quotes, escapes already validated).
  ///
  /// With `canonical` false the text is decoded: `\u00e9` becomes `é`, a surrogate pair becomes
  /// one 4-byte character, a lone surrogate becomes U+FFFD (it has no UTF-8 form). With
  /// `canonical` true the result is still a JSON string body in its one canonical spelling:
  /// only `"`, `\` and control characters are escaped (as `\"`, `\\`, `\n`, `\t`, `\r`, `\b`,
  /// `\f` or `\u001f`), `\/` and every other `\u` escape become the character itself.
  static func decode<Sink: JSONPieceSink>(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, canonical: Bool, into out: inout Sink
  ) {
    var run = start
    var p = start
    while p < end {
      guard bytes[p] == JSONTokens.backslash else {
        p += 1
        continue
      }
      out.appendPiece(UnsafeBufferPointer(rebasing: bytes[run ..< p]))
      let escape = bytes[p + 1]
      p += 2
      switch escape {
      case UInt8(ascii: "u"):
        var scalar = JSONTokens.hex4(bytes, p)
        p += 4
        if scalar & 0xFC00 == 0xD800 {
          // A high surrogate pairs with an immediately following `\uDC00`...`\uDFFF`.
          if p + 6 <= end && bytes[p] == JSONTokens.backslash && bytes[p + 1] == UInt8(ascii: "u") {
            let low = JSONTokens.hex4(bytes, p + 2)
            if low & 0xFC00 == 0xDC00 {
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
              p += 6
            } else {
              scalar = 0xFFFD
            }
          } else {
            scalar = 0xFFFD
          }
        } else if scalar & 0xFC00 == 0xDC00 {
          scalar = 0xFFFD
        }
        appendScalar(scalar, canonical: canonical, into: &out)
      case UInt8(ascii: "b"): appendScalar(0x08, canonical: canonical, into: &out)
      case UInt8(ascii: "f"): appendScalar(0x0C, canonical: canonical, into: &out)
      case UInt8(ascii: "n"): appendScalar(0x0A, canonical: canonical, into: &out)
      case UInt8(ascii: "r"): appendScalar(0x0D, canonical: canonical, into: &out)
      case UInt8(ascii: "t"): appendScalar(0x09, canonical: canonical, into: &out)
      default: appendScalar(UInt32(escape), canonical: canonical, into: &out)  // " \ /
      }
      run = p
    }
    out.appendPiece(UnsafeBufferPointer(rebasing: bytes[run ..< end]))
  }

  /// Appends one Unicode scalar as UTF-8, or as its canonical escape inside JSON text.
  static func appendScalar<Sink: JSONPieceSink>(_ scalar: UInt32, canonical: Bool, into out: inout Sink) {
    var encoded: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &encoded) { raw in
      var count = 0
      func put(_ byte: UInt8) {
        raw[count] = byte
        count += 1
      }
      if canonical && (scalar < 0x20 || scalar == 0x22 || scalar == 0x5C) {
        put(JSONTokens.backslash)
        switch scalar {
        case 0x22: put(UInt8(ascii: "\""))
        case 0x5C: put(UInt8(ascii: "\\"))
        case 0x08: put(UInt8(ascii: "b"))
        case 0x0C: put(UInt8(ascii: "f"))
        case 0x0A: put(UInt8(ascii: "n"))
        case 0x0D: put(UInt8(ascii: "r"))
        case 0x09: put(UInt8(ascii: "t"))
        default:
          let hex = Array("0123456789abcdef".utf8)
          for byte in [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(scalar >> 4)], hex[Int(scalar & 15)]] {
            put(byte)
          }
        }
      } else if scalar < 0x80 {
        put(UInt8(scalar))
      } else if scalar < 0x800 {
        put(UInt8(0xC0 | scalar >> 6))
        put(UInt8(0x80 | scalar & 0x3F))
      } else if scalar < 0x10000 {
        put(UInt8(0xE0 | scalar >> 12))
        put(UInt8(0x80 | scalar >> 6 & 0x3F))
        put(UInt8(0x80 | scalar & 0x3F))
      } else {
        put(UInt8(0xF0 | scalar >> 18))
        put(UInt8(0x80 | scalar >> 12 & 0x3F))
        put(UInt8(0x80 | scalar >> 6 & 0x3F))
        put(UInt8(0x80 | scalar & 0x3F))
      }
      out.appendPiece(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[..<count]))
    }
  }
}
