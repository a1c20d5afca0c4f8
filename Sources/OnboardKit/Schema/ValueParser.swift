/// Recognises the type of one raw value from its bytes, without building a `String`.
///
/// The grammar is deliberately strict, because a guess that is too loose corrupts data:
/// - whole numbers with a leading zero (`007`) stay text: they are codes, and a number loses the zero;
/// - only `true`/`false` (any case) are booleans: `yes`/`no` and `1`/`0` stay as written unless cast;
/// - dates are ISO `yyyy-MM-dd` with a real calendar day; other date formats are for the sniffer;
/// - whole numbers too long for an `Int64` stay text: they are identifiers, not quantities;
/// - spaces and tabs around a value are ignored for its type (`" 10"` is an integer; a blank is null).
enum ValueParser {
  static let powersOfTen: [Double] = (0...22).map { p in (0 ..< p).reduce(1.0) { v, _ in v * 10 } }

  @inline(__always)
  private static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }

  /// Whether `parse(v)` is `.null`, parsing only what could be: a null is empty or blank, or a
  /// token starting with N or n.
  @inline(__always)
  static func isNull(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = v.first else { return true }
    switch first {
    case 32, 9, UInt8(ascii: "N"), UInt8(ascii: "n"): return parse(v) == .null
    default: return false
    }
  }

  static func parse(_ v: UnsafeBufferPointer<UInt8>) -> ParsedValue {
    let n = v.count
    if n == 0 { return .null }
    let first = v[0]
    // Padding (`1, Ann, 10` written after each comma) does not change what a value is; the text
    // itself keeps its spaces. One comparison per end in the common unpadded case.
    if first == 32 || first == 9 || v[n - 1] == 32 || v[n - 1] == 9 {
      var lo = 0
      var hi = n
      while lo < hi && (v[lo] == 32 || v[lo] == 9) { lo += 1 }
      while hi > lo && (v[hi - 1] == 32 || v[hi - 1] == 9) { hi -= 1 }
      if lo == hi { return .null }
      return parse(UnsafeBufferPointer(rebasing: v[lo ..< hi]))
    }
    if isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".") {
      if n == 10 || n >= 19, isDigit(first), let temporal = parseTemporal(v) { return temporal }
      return parseNumber(v)
    }
    switch n {
    case 2 where first == UInt8(ascii: "N") && v[1] == UInt8(ascii: "A"): return .null
    case 3 where first == UInt8(ascii: "N") && v[1] == UInt8(ascii: "/") && v[2] == UInt8(ascii: "A"): return .null
    case 4:
      if matches(v, "NULL") || matches(v, "null") { return .null }
      if matchesIgnoringCase(v, "true") { return .boolean(true) }
    case 5:
      if matchesIgnoringCase(v, "false") { return .boolean(false) }
    default: break
    }
    return .text
  }

  private static func matches(_ v: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
    guard v.count == word.utf8CodeUnitCount else { return false }
    let w = word.utf8Start
    for i in 0 ..< v.count where v[i] != w[i] { return false }
    return true
  }

  private static func matchesIgnoringCase(_ v: UnsafeBufferPointer<UInt8>, _ lower: StaticString) -> Bool {
    guard v.count == lower.utf8CodeUnitCount else { return false }
    let w = lower.utf8Start
    for i in 0 ..< v.count where v[i] | 0x20 != w[i] { return false }
    return true
  }

  /// Plain integers and decimals exactly; numbers with an exponent, and decimals with more than 18
  /// digits, as doubles; whole numbers beyond `Int64` as text (see `ParsedValue.integer`).
  static func parseNumber(_ v: UnsafeBufferPointer<UInt8>) -> ParsedValue {
    let n = v.count
    var i = 0
    var negative = false
    if v[0] == UInt8(ascii: "-") || v[0] == UInt8(ascii: "+") {
      negative = v[0] == UInt8(ascii: "-")
      i = 1
    }
    let intStart = i
    var mantissa: UInt64 = 0
    while i < n, isDigit(v[i]) {
      mantissa = mantissa &* 10 &+ UInt64(v[i] &- 48)
      i += 1
    }
    let intDigits = i - intStart
    if intDigits > 1 && v[intStart] == UInt8(ascii: "0") { return .text }
    if i == n {
      guard intDigits > 0 else { return .text }
      if intDigits > 18 { return intDigits <= 19 ? integerOrDouble(v) : .text }
      return .integer(negative ? -Int64(mantissa) : Int64(mantissa), digits: intDigits)
    }
    var scale = 0
    if v[i] == UInt8(ascii: ".") {
      i += 1
      while i < n, isDigit(v[i]) {
        mantissa = mantissa &* 10 &+ UInt64(v[i] &- 48)
        scale += 1
        i += 1
      }
      if intDigits == 0 && scale == 0 { return .text }
      if i == n {
        if intDigits + scale > DataType.maximumDecimalPrecision { return parseDouble(v) }
        let unscaled = negative ? -Int64(mantissa) : Int64(mantissa)
        return .decimal(unscaled: unscaled, integerDigits: max(intDigits, 1), scale: scale)
      }
    }
    if v[i] == UInt8(ascii: "e") || v[i] == UInt8(ascii: "E"), intDigits + scale > 0 {
      return parseDouble(v)
    }
    return .text
  }

  private static func integerOrDouble(_ v: UnsafeBufferPointer<UInt8>) -> ParsedValue {
    let s = String(decoding: v, as: UTF8.self)
    if let exact = Int64(s) { return .integer(exact, digits: 19) }
    return .text
  }

  private static func parseDouble(_ v: UnsafeBufferPointer<UInt8>) -> ParsedValue {
    // Rare path (exponents, long mantissas): the standard library's correctly rounded parser.
    guard let d = Double(String(decoding: v, as: UTF8.self)), d.isFinite else { return .text }
    return .double(d)
  }

  @inline(__always)
  private static func digits(_ v: UnsafeBufferPointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
    var value = 0
    for i in at ..< at + count {
      let d = v[i] &- 48
      guard d < 10 else { return nil }
      value = value * 10 + Int(d)
    }
    return value
  }

  /// ISO dates and timestamps; `nil` when the bytes are not one.
  static func parseTemporal(_ v: UnsafeBufferPointer<UInt8>) -> ParsedValue? {
    let n = v.count
    guard n >= 10, v[4] == UInt8(ascii: "-"), v[7] == UInt8(ascii: "-"),
      let year = digits(v, 0, 4), let month = digits(v, 5, 2), let day = digits(v, 8, 2),
      month >= 1, month <= 12, day >= 1, day <= CivilTime.daysInMonth(year: year, month: month)
    else { return nil }
    let days = CivilTime.days(year: year, month: month, day: day)
    if n == 10 { return .date(Int32(days)) }
    guard n >= 19, v[10] == UInt8(ascii: "T") || v[10] == UInt8(ascii: " "),
      v[13] == UInt8(ascii: ":"), v[16] == UInt8(ascii: ":"),
      let hour = digits(v, 11, 2), let minute = digits(v, 14, 2), let second = digits(v, 17, 2),
      hour < 24, minute < 60, second < 60
    else { return nil }
    var micros = Int64(days) * CivilTime.microsPerDay
      + Int64(hour * 3600 + minute * 60 + second) * 1_000_000
    var i = 19
    if i < n, v[i] == UInt8(ascii: ".") {
      i += 1
      var fraction: Int64 = 0
      var places = 0
      while i < n, isDigit(v[i]) {
        if places < 6 {
          fraction = fraction * 10 + Int64(v[i] - 48)
          places += 1
        }
        i += 1
      }
      guard places > 0 else { return nil }
      while places < 6 {
        fraction *= 10
        places += 1
      }
      micros += fraction
    }
    if i == n { return .timestamp(micros) }
    if v[i] == UInt8(ascii: "Z"), i + 1 == n { return .timestamp(micros) }
    guard v[i] == UInt8(ascii: "+") || v[i] == UInt8(ascii: "-") else { return nil }
    let sign: Int64 = v[i] == UInt8(ascii: "+") ? 1 : -1
    let rest = n - i - 1
    let offsetMinutes: Int
    if rest == 5, v[i + 3] == UInt8(ascii: ":"), let h = digits(v, i + 1, 2), let m = digits(v, i + 4, 2) {
      offsetMinutes = h * 60 + m
    } else if rest == 4, let h = digits(v, i + 1, 2), let m = digits(v, i + 3, 2) {
      offsetMinutes = h * 60 + m
    } else if rest == 2, let h = digits(v, i + 1, 2) {
      offsetMinutes = h * 60
    } else {
      return nil
    }
    return .timestamp(micros - sign * Int64(offsetMinutes) * 60_000_000)
  }
}

extension ValueParser {
  /// Convenience for tests and edges.
  static func parse(_ text: String) -> ParsedValue {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { parse(UnsafeBufferPointer($0)) }
  }
}
