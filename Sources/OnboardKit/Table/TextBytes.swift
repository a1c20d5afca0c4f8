/// Byte-level helpers for text steps: ASCII tests and case mapping, literal search, and UTF-8
/// decoding of one scalar at a time, so steps can stay on bytes and build a `String` only where
/// Unicode semantics demand one (case mapping of non-ASCII letters, regular expressions).
///
/// Values are valid UTF-8: readers quarantine records that are not.
enum TextBytes {
  static let a = UInt8(ascii: "a"), z = UInt8(ascii: "z"), upperA = UInt8(ascii: "A"), upperZ = UInt8(ascii: "Z")

  /// Whether every byte is ASCII, which makes byte-wise case mapping exact.
  @inline(__always)
  static func isASCII(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
    var any: UInt8 = 0
    for b in value { any |= b }
    return any < 0x80
  }

  @inline(__always) static func upper(_ b: UInt8) -> UInt8 { b >= a && b <= z ? b - 32 : b }
  @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= upperA && b <= upperZ ? b + 32 : b }
  @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= a && (b | 0x20) <= z }
  /// Space, tab, newline, vertical tab, form feed, carriage return.
  @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

  /// Unicode White_Space, answered without a property lookup for ASCII.
  @inline(__always)
  static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
    s.isASCII ? isWhitespace(UInt8(s.value)) : s.properties.isWhitespace
  }

  /// The scalar that starts at byte `i`, and how many bytes it takes.
  @inline(__always)
  static func scalar(in value: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: Unicode.Scalar, width: Int) {
    let b0 = value[i]
    if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
    let width = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
    guard i + width <= value.count else { return ("\u{FFFD}", 1) }
    var v = UInt32(b0) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
    for k in 1 ..< width { v = v << 6 | UInt32(value[i + k] & 0x3F) }
    return (Unicode.Scalar(v) ?? "\u{FFFD}", width)
  }

  /// Whether byte `b` starts a scalar (it is not a continuation byte).
  @inline(__always) static func startsScalar(_ b: UInt8) -> Bool { b & 0xC0 != 0x80 }

  /// The value decoded into scalars, appended to `out`.
  static func decode(_ value: UnsafeBufferPointer<UInt8>, into out: inout [Unicode.Scalar]) {
    var i = 0
    while i < value.count {
      let (s, width) = scalar(in: value, at: i)
      out.append(s)
      i += width
    }
  }

  static func encode(_ scalars: some Sequence<Unicode.Scalar>, into out: inout [UInt8]) {
    for s in scalars { UTF8.encode(s) { out.append($0) } }
  }

  /// The byte range left after removing scalars matching `drop` from both ends.
  static func trimmed(_ value: UnsafeBufferPointer<UInt8>, dropping drop: (Unicode.Scalar) -> Bool) -> Range<Int> {
    var start = 0
    while start < value.count {
      let (s, width) = scalar(in: value, at: start)
      guard drop(s) else { break }
      start += width
    }
    var end = value.count
    while end > start {
      var j = end - 1
      while j > start && !startsScalar(value[j]) { j -= 1 }
      guard drop(scalar(in: value, at: j).scalar) else { break }
      end = j
    }
    return start ..< end
  }

  /// Appends `value` to `out` with every occurrence of `pattern` (non-empty, matched byte for
  /// byte, left to right, not overlapping) replaced by `replacement`. Byte matching is exact for
  /// UTF-8: a scalar's bytes never match in the middle of another scalar.
  static func replaceAll(
    in value: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8], with replacement: [UInt8], into out: inout [UInt8]
  ) {
    let n = pattern.count
    guard n > 0, value.count >= n else {
      out.append(contentsOf: value)
      return
    }
    let first = pattern[0]
    var i = 0
    while i <= value.count - n {
      if value[i] == first && (1 ..< n).allSatisfy({ value[i + $0] == pattern[$0] }) {
        out.append(contentsOf: replacement)
        i += n
      } else {
        out.append(value[i])
        i += 1
      }
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: value[i...]))
  }
}
