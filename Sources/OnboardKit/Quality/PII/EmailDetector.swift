/// E-mail addresses: a pragmatic subset of RFC 5322 `addr-spec`, as people and forms write them.
///
/// - Local part: a dot-atom of 1–64 bytes: `atext` (letters, digits and ``!#$%&'*+/=?^_`{|}~-``)
///   in runs separated by single dots, no dot at either end. Non-ASCII bytes are allowed (RFC 6531).
///   Quoted local parts (`"a b"@x.org`) and comments are not recognised.
/// - Domain: 2 or more labels of 1–63 bytes, letters, digits, hyphens (or non-ASCII), no hyphen at
///   either end of a label, at most 253 bytes; the last label (the TLD) is at least 2 letters or
///   an `xn--` punycode label. Address literals (`user@[192.0.2.1]`) are not recognised.
/// - Exactly one `@`; at most 254 bytes in all (RFC 5321 path limit).
public enum EmailDetector {
  public static func matches(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = v.count
    guard n >= 6, n <= 254 else { return false }
    var atIndex = -1
    for i in 0 ..< n where v[i] == PIIBytes.at {
      guard atIndex < 0 else { return false }
      atIndex = i
    }
    guard atIndex >= 1, atIndex <= 64, n - atIndex - 1 >= 4 else { return false }
    return localPart(UnsafeBufferPointer(rebasing: v[0 ..< atIndex]))
      && domain(UnsafeBufferPointer(rebasing: v[(atIndex + 1)...]))
  }

  @inline(__always)
  static func isAtext(_ b: UInt8) -> Bool {
    if PIIBytes.isAlphanumeric(b) || b >= 0x80 { return true }
    switch b {
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
      UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="),
      UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "{"),
      UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "-"):
      return true
    default:
      return false
    }
  }

  static func localPart(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    var runLength = 0
    for b in v {
      if b == PIIBytes.dot {
        guard runLength > 0 else { return false }
        runLength = 0
      } else if isAtext(b) {
        runLength += 1
      } else {
        return false
      }
    }
    return runLength > 0
  }

  static func domain(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    guard v.count <= 253 else { return false }
    var labels = 0
    var start = 0
    var i = 0
    while i <= v.count {
      if i == v.count || v[i] == PIIBytes.dot {
        let length = i - start
        guard length >= 1, length <= 63, v[start] != PIIBytes.dash, v[i - 1] != PIIBytes.dash else { return false }
        labels += 1
        if i == v.count { return labels >= 2 && topLevel(UnsafeBufferPointer(rebasing: v[start ..< i])) }
        start = i + 1
      } else if !(PIIBytes.isAlphanumeric(v[i]) || v[i] == PIIBytes.dash || v[i] >= 0x80) {
        return false
      }
      i += 1
    }
    return false
  }

  static func topLevel(_ label: UnsafeBufferPointer<UInt8>) -> Bool {
    if label.count >= 5, (label[0] | 0x20) == UInt8(ascii: "x"), (label[1] | 0x20) == UInt8(ascii: "n"),
      label[2] == PIIBytes.dash, label[3] == PIIBytes.dash
    {
      return true
    }
    return label.count >= 2 && label.allSatisfy { PIIBytes.isLetter($0) || $0 >= 0x80 }
  }
}
