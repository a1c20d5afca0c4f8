/// The shapes of text values with their counts: each Unicode scalar maps to a symbol — an
/// uppercase letter to `A`, a lowercase letter to `a`, another letter (no case, as in CJK) to `a`,
/// a decimal digit to `9`, anything else to itself — and runs of the same symbol collapse to one:
/// "AB-123" → "A-9", "Müller" → "Aa", "2024-01-31" → "9-9-9", "a  b" → "a a". Shapes longer than
/// `maximumLength` symbols are cut there and end with "…". (Python's `isupper`, `islower`,
/// `isalpha`, `isdecimal` give the same classes on the scalars we test.)
///
/// The counts are kept as `TopValues` keeps values: exact while there are at most 1,024 shapes,
/// then the frequent-items sketch with its stated `maximumError`.
public struct ValueShapes: Statistic, Equatable {
  public static let maximumLength = 32
  private var shapes = TopValues()

  public init() {}

  @inline(__always)
  public mutating func observe(_ bytes: UnsafeBufferPointer<UInt8>, occurrences: Int = 1) {
    observe(bytes, scan: ValueScan(bytes), occurrences: occurrences)
  }

  /// Counts the shape of `bytes`, whose scan is `scan`: the shape itself is written out only the
  /// first time its hash is seen.
  @inline(__always)
  mutating func observe(_ bytes: UnsafeBufferPointer<UInt8>, scan: ValueScan, occurrences: Int) {
    guard !shapes.increment(hash: scan.shapeHash, occurrences: occurrences) else { return }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4 * Self.maximumLength + 4) { buffer in
      let n = Self.shape(of: bytes, into: buffer)
      shapes.observe(hash: scan.shapeHash, bytes: UnsafeBufferPointer(rebasing: buffer[..<n]), occurrences: occurrences)
    }
  }

  /// "…", the last symbol of a shape cut at `maximumLength`.
  static let ellipsis: UInt32 = 0x2026

  /// The symbol of a scalar: `A` (uppercase letter), `a` (other letter), `9` (decimal digit), or itself.
  @inline(__always)
  static func symbol(of scalar: UInt32) -> UInt32 {
    switch scalar {
    case 0x41 ... 0x5A: return 0x41
    case 0x61 ... 0x7A: return 0x61
    case 0x30 ... 0x39: return 0x39
    case 0 ..< 0x80: return scalar
    default:
      let properties = Unicode.Scalar(scalar).map(\.properties)
      if properties?.isUppercase == true { return 0x41 }
      if properties?.isLowercase == true || properties?.isAlphabetic == true { return 0x61 }
      if properties?.numericType == .decimal { return 0x39 }
      return scalar
    }
  }

  /// Writes the shape's UTF-8 bytes into `out` (at least 4·maximumLength + 4 bytes); returns the length.
  static func shape(of bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
    var length = 0
    var symbols = 0
    var last: UInt32 = .max
    var i = 0
    while i < bytes.count {
      var scalar: UInt32
      let b = bytes[i]
      if b < 0x80 {
        scalar = UInt32(b)
        i += 1
      } else {
        (scalar, i) = decode(bytes, at: i)
      }
      let symbol = Self.symbol(of: scalar)
      if symbol == last { continue }
      if symbols == maximumLength {
        for byte: UInt8 in [0xE2, 0x80, 0xA6] { out[length] = byte; length += 1 }  // "…"
        return length
      }
      last = symbol
      symbols += 1
      length += encode(symbol, into: out, at: length)
    }
    return length
  }

  /// Decodes the UTF-8 sequence at `i`: the scalar and the next index; U+FFFD for a malformed one.
  @inline(__always)
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
    let b = bytes[i]
    let (extra, initial): (Int, UInt32) =
      b & 0xE0 == 0xC0 ? (1, UInt32(b & 0x1F)) : b & 0xF0 == 0xE0 ? (2, UInt32(b & 0x0F)) : b & 0xF8 == 0xF0 ? (3, UInt32(b & 0x07)) : (0, 0)
    guard extra > 0 else { return (0xFFFD, i + 1) }
    var scalar = initial
    for j in 1 ... extra {
      guard i + j < bytes.count, bytes[i + j] & 0xC0 == 0x80 else { return (0xFFFD, i + 1) }
      scalar = scalar << 6 | UInt32(bytes[i + j] & 0x3F)
    }
    return (scalar, i + extra + 1)
  }

  @inline(__always)
  static func encode(_ scalar: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
    switch scalar {
    case 0 ..< 0x80:
      out[start] = UInt8(scalar)
      return 1
    case 0x80 ..< 0x800:
      out[start] = UInt8(0xC0 | scalar >> 6)
      out[start + 1] = UInt8(0x80 | scalar & 0x3F)
      return 2
    case 0x800 ..< 0x10000:
      out[start] = UInt8(0xE0 | scalar >> 12)
      out[start + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
      out[start + 2] = UInt8(0x80 | scalar & 0x3F)
      return 3
    default:
      out[start] = UInt8(0xF0 | scalar >> 18)
      out[start + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
      out[start + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
      out[start + 3] = UInt8(0x80 | scalar & 0x3F)
      return 4
    }
  }

  public mutating func merge(_ other: ValueShapes) { shapes.merge(other.shapes) }

  /// The `k` most frequent shapes, most frequent first, with the sketch's maximum error.
  public func top(_ k: Int) -> TopValues.Result { shapes.top(k) }

  public var result: TopValues.Result { shapes.top(10) }
}
