/// Finds the first of three bytes in a buffer eight bytes at a time (SWAR: SIMD within a 64-bit
/// register), for the CSV scanner's search for the end of a field.
///
/// For each wanted byte `b`, `x = word ^ (b * 0x01…01)` has a zero byte exactly where `word` holds
/// `b`, and `(x - 0x01…01) & ~x & 0x80…80` flags a zero byte's high bit. A borrow can flag a byte
/// above a true zero too, but never one below it, so the lowest flag is always the first match.
/// Bytes are loaded little-endian: byte `i` of the buffer is bits `8i ..< 8i + 8`.
struct ByteFinder {
  private let a: UInt64, b: UInt64, c: UInt64
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let highs: UInt64 = 0x8080_8080_8080_8080

  init(_ a: UInt8, _ b: UInt8, _ c: UInt8) {
    self.a = Self.ones &* UInt64(a)
    self.b = Self.ones &* UInt64(b)
    self.c = Self.ones &* UInt64(c)
  }

  @inline(__always)
  private static func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x }

  /// High bits flagging the bytes of `word` that may equal a wanted byte; the lowest is exact.
  @inline(__always)
  func flags(_ word: UInt64) -> UInt64 {
    (Self.zeroBytes(word ^ a) | Self.zeroBytes(word ^ b) | Self.zeroBytes(word ^ c)) & Self.highs
  }

  /// The index of the first wanted byte in `bytes[from ..< to]`, or `to` when there is none.
  /// Every byte read on the way (whole words may run past the match) is or-ed into `seen`, whose
  /// high bits then tell whether any of them was outside ASCII.
  @inline(__always)
  func first(in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int, seen: inout UInt64) -> Int {
    guard let base = bytes.baseAddress else { return to }
    let raw = UnsafeRawPointer(base)
    var i = from
    while i + 8 <= to {
      let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      seen |= word
      let found = flags(word)
      if found != 0 { return i + found.trailingZeroBitCount >> 3 }
      i += 8
    }
    let (a, b, c) = (UInt8(truncatingIfNeeded: a), UInt8(truncatingIfNeeded: b), UInt8(truncatingIfNeeded: c))
    while i < to {
      let byte = base[i]
      seen |= UInt64(byte)
      if byte == a || byte == b || byte == c { return i }
      i += 1
    }
    return to
  }

  /// The high bit of each byte of a word: `seen & ByteFinder.nonASCII == 0` when all were ASCII.
  static let nonASCII = highs
}
