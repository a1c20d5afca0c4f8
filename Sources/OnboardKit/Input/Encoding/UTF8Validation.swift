/// Strict UTF-8 validation over raw bytes, as the Unicode Standard defines well-formed UTF-8
/// (Table 3-7): no overlong forms, no surrogates (U+D800–U+DFFF), nothing above U+10FFFF.
///
/// ```swift
/// let bad: [UInt8] = [0x61, 0xC0, 0xAF]
/// bad.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }  // 1
/// ```
public enum UTF8Validation {
  /// The offset of the first byte of the first ill-formed sequence, or `nil` when all of `bytes`
  /// is valid UTF-8. A sequence cut off by the end of `bytes` counts as ill-formed; a caller
  /// holding only the start of a file can tell that case apart with `isIncompleteSequence`.
  ///
  /// - Complexity: O(n); ASCII runs are checked eight bytes per step.
  public static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let p = bytes.baseAddress else { return nil }
    let n = bytes.count
    let raw = UnsafeRawPointer(p)
    var i = 0
    while i < n {
      // Text is mostly ASCII: skip it a machine word at a time until a byte has its top bit set.
      while i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
        i += 8
      }
      guard i < n else { break }
      let lead = p[i]
      if lead < 0x80 {
        i += 1
        continue
      }
      guard let shape = sequenceShape(lead), i + shape.length <= n else { return i }
      let second = p[i + 1]
      guard second >= shape.low && second <= shape.high else { return i }
      if shape.length >= 3 && p[i + 2] & 0xC0 != 0x80 { return i }
      if shape.length == 4 && p[i + 3] & 0xC0 != 0x80 { return i }
      i += shape.length
    }
    return nil
  }

  /// Whether `tail` is the valid start of one multi-byte sequence that the end of the data cut
  /// short (`E2 82` of `E2 82 AC`), as happens at the end of a sample taken from a larger file.
  static func isIncompleteSequence(_ tail: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let lead = tail.first, let shape = sequenceShape(lead), tail.count < shape.length else { return false }
    if tail.count >= 2 && !(tail[1] >= shape.low && tail[1] <= shape.high) { return false }
    if tail.count >= 3 && tail[2] & 0xC0 != 0x80 { return false }
    return true
  }

  /// The length of the sequence `lead` starts and the range its second byte must fall in; `nil`
  /// for a byte that starts no sequence (a continuation byte, C0/C1, which are always overlong,
  /// or F5–FF). The narrow ranges after E0, ED, F0 and F4 are what rule out overlong forms,
  /// surrogates and values above U+10FFFF, so later bytes only need the continuation check.
  @inline(__always)
  private static func sequenceShape(_ lead: UInt8) -> (length: Int, low: UInt8, high: UInt8)? {
    switch lead {
    case 0xC2 ... 0xDF: (2, 0x80, 0xBF)
    case 0xE0: (3, 0xA0, 0xBF)
    case 0xE1 ... 0xEC, 0xEE ... 0xEF: (3, 0x80, 0xBF)
    case 0xED: (3, 0x80, 0x9F)
    case 0xF0: (4, 0x90, 0xBF)
    case 0xF1 ... 0xF3: (4, 0x80, 0xBF)
    case 0xF4: (4, 0x80, 0x8F)
    default: nil
    }
  }
}
