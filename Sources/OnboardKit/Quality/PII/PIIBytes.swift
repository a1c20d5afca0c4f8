/// Byte helpers shared by the PII detectors. Values are UTF-8; every rule here is ASCII.
enum PIIBytes {
  static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
  static let space = UInt8(ascii: " "), dash = UInt8(ascii: "-"), dot = UInt8(ascii: ".")
  static let slash = UInt8(ascii: "/"), colon = UInt8(ascii: ":"), plus = UInt8(ascii: "+")
  static let at = UInt8(ascii: "@"), openParen = UInt8(ascii: "("), closeParen = UInt8(ascii: ")")

  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }
  @inline(__always) static func digit(_ b: UInt8) -> Int { Int(b &- zero) }
  @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- UInt8(ascii: "A") < 26 }
  @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- UInt8(ascii: "a") < 26 }
  @inline(__always) static func isLetter(_ b: UInt8) -> Bool { isUpper(b) || isLower(b) }
  @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
  @inline(__always) static func upper(_ b: UInt8) -> UInt8 { isLower(b) ? b - 32 : b }
  @inline(__always) static func isHex(_ b: UInt8) -> Bool {
    isDigit(b) || (b | 0x20) &- UInt8(ascii: "a") < 6
  }
  @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool { b == space || (b >= 0x09 && b <= 0x0D) }

  /// The value without leading and trailing ASCII whitespace.
  @inline(__always)
  static func trimmed(_ v: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var lo = 0
    var hi = v.count
    while lo < hi && isWhitespace(v[lo]) { lo += 1 }
    while hi > lo && isWhitespace(v[hi - 1]) { hi -= 1 }
    if lo == 0 && hi == v.count { return v }
    return UnsafeBufferPointer(rebasing: v[lo ..< hi])
  }

  /// Whether the value equals `literal` exactly.
  @inline(__always)
  static func equals(_ v: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
    guard v.count == literal.utf8CodeUnitCount else { return false }
    let p = literal.utf8Start
    for i in 0 ..< v.count where v[i] != p[i] { return false }
    return true
  }

  /// Digits of a value made of digits and `separators` only, at most `capacity` digits, with no
  /// separator at either end and no two separators in a row. Calls `body` with the digit count and
  /// the digits (values 0–9) in a stack buffer; nil when the value has any other shape.
  @inline(__always)
  static func groupedDigits<R>(
    _ v: UnsafeBufferPointer<UInt8>, separators: (UInt8) -> Bool, capacity: Int,
    _ body: (UnsafeBufferPointer<UInt8>) -> R?
  ) -> R? {
    guard let first = v.first, let last = v.last, isDigit(first), isDigit(last) else { return nil }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer -> R? in
      var n = 0
      var previousWasSeparator = false
      for b in v {
        if isDigit(b) {
          guard n < capacity else { return nil }
          buffer[n] = b &- zero
          n += 1
          previousWasSeparator = false
        } else if separators(b) && !previousWasSeparator {
          previousWasSeparator = true
        } else {
          return nil
        }
      }
      return body(UnsafeBufferPointer(rebasing: buffer[0 ..< n]))
    }
  }
}
