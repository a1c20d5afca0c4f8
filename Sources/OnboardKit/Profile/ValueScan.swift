/// One pass over a value's written bytes for the statistics of its text: its length in Unicode
/// scalars (`TextLengths`), the hash of its shape (`ValueShapes`), and the ASCII byte classes that
/// the personal-data detectors filter on (`PIITally`). Scanning once instead of three times is
/// what keeps these statistics cheap on columns with many distinct values.
struct ValueScan: Equatable {
  /// Unicode scalars (bytes that are not UTF-8 continuation bytes).
  var scalars = 0
  /// The hash of the value's shape, as `ValueShapes` defines the shape.
  var shapeHash: UInt64 = 0
  /// Bytes by `PIIBytes` class: ASCII digits, ASCII letters, anything else.
  var digits = 0, letters = 0, others = 0
  var hasAt = false, hasColon = false

  /// Per ASCII byte: its shape symbol (`A`, `a`, `9` or the byte itself) in the low 8 bits, then
  /// flags for digit, letter, `@` and `:`, so the loop has no branch per class.
  private static let ascii: [UInt32] = (0 ..< 128).map { b in
    let byte = UInt8(b)
    switch byte {
    case UInt8(ascii: "A") ... UInt8(ascii: "Z"): return UInt32(UInt8(ascii: "A")) | letterFlag
    case UInt8(ascii: "a") ... UInt8(ascii: "z"): return UInt32(UInt8(ascii: "a")) | letterFlag
    case UInt8(ascii: "0") ... UInt8(ascii: "9"): return UInt32(UInt8(ascii: "9")) | digitFlag
    case PIIBytes.at: return UInt32(byte) | atFlag
    case PIIBytes.colon: return UInt32(byte) | colonFlag
    default: return UInt32(byte)
    }
  }
  private static let digitFlag: UInt32 = 1 << 8, letterFlag: UInt32 = 1 << 9, atFlag: UInt32 = 1 << 10, colonFlag: UInt32 = 1 << 11

  private init(scalars: Int, shapeHash: UInt64, digits: Int) {
    self.scalars = scalars
    self.shapeHash = shapeHash
    self.digits = digits
    others = scalars - digits
  }

  private static func shapeHash(_ text: StaticString) -> UInt64 {
    text.withUTF8Buffer { ValueScan($0).shapeHash }
  }
  private static let integerShape = shapeHash("9"), negativeIntegerShape = shapeHash("-9")
  private static let decimalShape = shapeHash("9.9"), negativeDecimalShape = shapeHash("-9.9")
  private static let dateShape = shapeHash("9-9-9")
  private static let timestampShape = shapeHash("9-9-9A9:9:9"), spacedTimestampShape = shapeHash("9-9-9 9:9:9")

  /// The scan of a value whose kind the parser found, written in the standard format, without
  /// reading its bytes: an integer (`-12`), a decimal (`-1.5`) or a date (`2024-01-31`). Nil when
  /// the value is written otherwise (a sign `+`, say): then it must be scanned.
  @inline(__always)
  static func known(_ v: UnsafeBufferPointer<UInt8>, _ kind: ColumnAccumulator.ValueKind) -> ValueScan? {
    guard let first = v.first, let last = v.last, PIIBytes.isDigit(last) else { return nil }
    let negative = first == UInt8(ascii: "-")
    guard negative || PIIBytes.isDigit(first) else { return nil }
    let sign = negative ? 1 : 0
    switch kind {
    case .integer:
      return ValueScan(scalars: v.count, shapeHash: negative ? negativeIntegerShape : integerShape, digits: v.count - sign)
    case .decimal:
      // Digits, one point, digits: the parser's plain decimal, with a digit on both ends.
      guard PIIBytes.isDigit(v[sign]) else { return nil }
      return ValueScan(scalars: v.count, shapeHash: negative ? negativeDecimalShape : decimalShape, digits: v.count - sign - 1)
    case .date:
      guard !negative, v.count == 10, v[4] == PIIBytes.dash, v[7] == PIIBytes.dash else { return nil }
      return ValueScan(scalars: 10, shapeHash: dateShape, digits: 8)
    case .timestamp:
      // `yyyy-MM-ddTHH:mm:ss` or with a space; a fraction or a zone is scanned.
      guard !negative, v.count == 19, v[4] == PIIBytes.dash, v[7] == PIIBytes.dash, v[13] == PIIBytes.colon,
        v[16] == PIIBytes.colon, v[10] == UInt8(ascii: "T") || v[10] == PIIBytes.space
      else { return nil }
      let t = v[10] == UInt8(ascii: "T")
      var scan = ValueScan(scalars: 19, shapeHash: t ? timestampShape : spacedTimestampShape, digits: 14)
      scan.letters = t ? 1 : 0
      scan.others = 5 - scan.letters
      scan.hasColon = true
      return scan
    default:
      return nil
    }
  }

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    var scalars = 0
    var flags: UInt32 = 0
    var digits = 0, letters = 0
    let maximum = ValueShapes.maximumLength
    shapeHash = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: maximum + 2) { symbols in
      // The shape's symbols, runs collapsed: each symbol is written at `count`, which moves on only
      // when the symbol differs from the last, so the loop has no branch on it. `count` stops at
      // one past the maximum: the shape was cut.
      var count = 0
      var last: UInt32 = .max
      Self.ascii.withUnsafeBufferPointer { table in
        var i = 0
        while i < bytes.count {
          let b = bytes[i]
          let symbol: UInt32
          if b < 0x80 {
            let entry = table[Int(b)]
            digits &+= Int(entry >> 8 & 1)
            letters &+= Int(entry >> 9 & 1)
            flags |= entry
            symbol = entry & 0xFF
            i += 1
          } else {
            // Every byte of a multi-byte sequence is "other" to the ASCII detectors.
            let (scalar, next) = ValueShapes.decode(bytes, at: i)
            i = next
            symbol = ValueShapes.symbol(of: scalar)
          }
          scalars += 1
          symbols[count] = symbol
          count = Swift.min(count + (symbol != last ? 1 : 0), maximum + 1)
          last = symbol
        }
      }
      if count > maximum { symbols[maximum] = ValueShapes.ellipsis }
      return UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(symbols)[..<(count * 4)]).withMemoryRebound(
        to: UInt8.self
      ) { Hashing.hash(UnsafeBufferPointer($0)) }
    }
    self.scalars = scalars
    self.digits = digits
    self.letters = letters
    others = bytes.count - digits - letters
    hasAt = flags & Self.atFlag != 0
    hasColon = flags & Self.colonFlag != 0
  }
}
