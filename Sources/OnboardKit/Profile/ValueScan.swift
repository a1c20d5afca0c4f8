/// One pass over a value's written bytes for the statistics of its text: its length in Unicode
/// scalars (`TextLengths`), the hash of its shape (`ValueShapes`), and the ASCII byte classes that
/// the personal-data detectors filter on (`PIITally`). Scanning once instead of three times is
/// what keeps these statistics cheap on columns with many distinct values.
struct ValueScan {
  /// Unicode scalars (bytes that are not UTF-8 continuation bytes).
  var scalars = 0
  /// The hash of the value's shape, as `ValueShapes` defines the shape.
  var shapeHash: UInt64 = 0
  /// Bytes by `PIIBytes` class: ASCII digits, ASCII letters, anything else.
  var digits = 0, letters = 0, others = 0
  var hasAt = false, hasColon = false

  private static let seed: UInt64 = 0x243f_6a88_85a3_08d3

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
    default:
      return nil
    }
  }

  @inline(__always)
  static func mix(_ h: UInt64, _ symbol: UInt32) -> UInt64 { (h ^ UInt64(symbol)) &* 0x0000_0100_0000_01b3 }

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    var h = Self.seed
    var symbols = 0
    var last: UInt32 = .max
    var truncated = false
    var digits = 0, letters = 0
    var hasAt = false, hasColon = false
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      let symbol: UInt32
      if b < 0x80 {
        // Classes by arithmetic, not a table: no global to reach per value, and no branch per class.
        let isDigit = b &- UInt8(ascii: "0") < 10
        let isUpper = b &- UInt8(ascii: "A") < 26
        let isLower = b &- UInt8(ascii: "a") < 26
        digits &+= isDigit ? 1 : 0
        letters &+= isUpper || isLower ? 1 : 0
        hasAt = hasAt || b == PIIBytes.at
        hasColon = hasColon || b == PIIBytes.colon
        symbol = isDigit ? 0x39 : isUpper ? 0x41 : isLower ? 0x61 : UInt32(b)
        i += 1
      } else {
        // Every byte of a multi-byte sequence is "other" to the ASCII detectors.
        let (scalar, next) = ValueShapes.decode(bytes, at: i)
        i = next
        symbol = ValueShapes.symbol(of: scalar)
      }
      scalars += 1
      if symbol == last || truncated { continue }
      if symbols == ValueShapes.maximumLength {
        h = Self.mix(h, ValueShapes.ellipsis)
        truncated = true
        continue
      }
      last = symbol
      symbols += 1
      h = Self.mix(h, symbol)
    }
    self.digits = digits
    self.letters = letters
    others = bytes.count - digits - letters
    self.hasAt = hasAt
    self.hasColon = hasColon
    shapeHash = Hashing.finalize(h)
  }
}
