/// The JSON token grammar (RFC 8259) over bytes, shared by the schema pass, the reading pass and
/// layout detection, so that all three agree on what is valid.
///
/// Every function reads `bytes[position ..< limit]`. When `final` is false the bytes may go on
/// after `limit` (the rest of the file is not read yet): running into `limit` mid-token throws
/// `.incomplete`, and the caller refills and scans the value again. When `final` is true (the end
/// of a JSON Lines line, or of the file) it is a syntax error. Positions are buffer indices; line
/// and column numbers are worked out by the caller, and only when it builds an error.
enum JSONTokens {
  /// Nesting deeper than this is refused, so that recursion cannot exhaust the stack.
  static let maximumDepth = 256

  static let quote = UInt8(ascii: "\"")
  static let backslash = UInt8(ascii: "\\")
  static let newline = UInt8(ascii: "\n")

  /// Space, tab, line feed, carriage return: the only whitespace JSON allows.
  @inline(__always)
  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte <= 0x20 && (UInt64(0x1_0000_2600) >> UInt64(byte)) & 1 != 0
  }

  @inline(__always)
  static func skipWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int, _ limit: Int) -> Int {
    var p = position
    while p < limit && isWhitespace(bytes[p]) { p += 1 }
    return p
  }

  /// The stop for running into `limit` while `expected` was due at `position`.
  @inline(__always)
  static func ran(out position: Int, final: Bool, expecting expected: StaticString) -> JSONStop {
    final ? .syntax(offset: position, problem: .expected(expected)) : .incomplete
  }

  // MARK: - Strings

  /// The fast path of `stringEnd`: the index after the closing quote of a string with no escape
  /// that ends before `limit`, else -1 (then `stringEnd` decides). It does not throw, so it
  /// inlines into the hot loops; the throwing functions are called only off the common path.
  @inline(__always)
  static func plainStringEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int {
    let p = nextSpecial(bytes, start, limit)
    return p < limit && bytes[p] == quote ? p + 1 : -1
  }

  /// Scans a string whose opening quote is at `start - 1`; returns the index after the closing
  /// quote and whether any escape occurred (then the text must be decoded, not copied).
  @inline(__always)
  static func stringEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int, final: Bool)
    throws(JSONStop) -> (end: Int, escaped: Bool)
  {
    var p = start
    var escaped = false
    while true {
      p = nextSpecial(bytes, p, limit)
      guard p < limit else {
        throw final ? .syntax(offset: start - 1, problem: .unterminatedString) : .incomplete
      }
      let byte = bytes[p]
      if byte == quote { return (p + 1, escaped) }
      guard byte == backslash else { throw .syntax(offset: p, problem: .controlCharacterInString) }
      escaped = true
      p = try escapeEnd(bytes, at: p, limit: limit, final: final, stringStart: start)
    }
  }

  /// The first index at or after `position` holding a quote, a backslash or a control byte.
  ///
  /// Eight bytes at a time: a byte equal to `c` is a zero byte of `w ^ c`, and the classic
  /// "has zero byte" / "has byte less than n" tests set the high bit of the lowest such byte
  /// exactly (borrows only disturb bytes above it), so the lowest set bit locates the stop.
  @inline(__always)
  static func nextSpecial(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int, _ limit: Int) -> Int {
    var p = position
    if let base = bytes.baseAddress {
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      while p + 8 <= limit {
        let w = UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
        let q = w ^ (ones &* UInt64(quote))
        let s = w ^ (ones &* UInt64(backslash))
        let hits = ((q &- ones) & ~q | (s &- ones) & ~s | (w &- ones &* 0x20) & ~w) & highs
        if hits != 0 { return p + hits.trailingZeroBitCount >> 3 }
        p += 8
      }
    }
    while p < limit {
      let byte = bytes[p]
      if byte == quote || byte == backslash || byte < 0x20 { return p }
      p += 1
    }
    return p
  }

  /// Validates the escape whose backslash is at `position`; returns the index after it.
  static func escapeEnd(
    _ bytes: UnsafeBufferPointer<UInt8>, at position: Int, limit: Int, final: Bool, stringStart: Int
  ) throws(JSONStop) -> Int {
    let unterminated = JSONStop.syntax(offset: stringStart - 1, problem: .unterminatedString)
    guard position + 1 < limit else { throw final ? unterminated : .incomplete }
    switch bytes[position + 1] {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
      UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      return position + 2
    case UInt8(ascii: "u"):
      for i in position + 2 ..< position + 6 {
        guard i < limit else { throw final ? unterminated : .incomplete }
        guard hexValue(bytes[i]) != nil else { throw .syntax(offset: position, problem: .invalidEscape) }
      }
      return position + 6
    default:
      throw .syntax(offset: position, problem: .invalidEscape)
    }
  }

  @inline(__always)
  static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0") ... UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a") ... UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A") ... UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  /// The four hex digits after `\u` at `position` (already validated by `escapeEnd`).
  static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int) -> UInt32 {
    var value: UInt32 = 0
    for i in position ..< position + 4 { value = value << 4 | (hexValue(bytes[i]) ?? 0) }
    return value
  }

  // MARK: - Numbers and literals

  /// The fast path of `numberEnd`: the end of `-?(0|[1-9][0-9]*)(.[0-9]+)?` ending before
  /// `limit`, else -1 (exponents, leading zeros, numbers at the edge of the bytes: `numberEnd`).
  @inline(__always)
  static func plainNumberEnd(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int, limit: Int, integer: inout Bool) -> Int {
    var p = position
    if bytes[p] == UInt8(ascii: "-") { p += 1 }
    let digitsStart = p
    while p < limit && bytes[p] &- UInt8(ascii: "0") < 10 { p += 1 }
    let count = p - digitsStart
    if count == 0 || (count > 1 && bytes[digitsStart] == UInt8(ascii: "0")) { return -1 }
    integer = true
    if p < limit && bytes[p] == UInt8(ascii: ".") {
      p += 1
      let fraction = p
      while p < limit && bytes[p] &- UInt8(ascii: "0") < 10 { p += 1 }
      if p == fraction { return -1 }
      integer = false
    }
    guard p < limit, bytes[p] | 0x20 != UInt8(ascii: "e") else { return -1 }
    return p
  }

  /// Scans a number at `position`; returns its end and whether it is an integer (no fraction,
  /// no exponent). The caller checks what follows it.
  @inline(__always)
  static func numberEnd(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int, limit: Int, final: Bool)
    throws(JSONStop) -> (end: Int, integer: Bool)
  {
    var p = position
    if bytes[p] == UInt8(ascii: "-") { p += 1 }
    p = try digits(bytes, p, limit, final, leadingZeroAllowed: false, number: position)
    var integer = true
    if p < limit && bytes[p] == UInt8(ascii: ".") {
      integer = false
      p = try digits(bytes, p + 1, limit, final, leadingZeroAllowed: true, number: position)
    }
    if p < limit && (bytes[p] == UInt8(ascii: "e") || bytes[p] == UInt8(ascii: "E")) {
      integer = false
      p += 1
      if p < limit && (bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-")) { p += 1 }
      p = try digits(bytes, p, limit, final, leadingZeroAllowed: true, number: position)
    }
    // More digits may follow after a refill.
    if p == limit && !final { throw .incomplete }
    return (p, integer)
  }

  /// One or more digits from `position`; a lone `0` when leading zeros are not allowed.
  @inline(__always)
  private static func digits(
    _ bytes: UnsafeBufferPointer<UInt8>, _ position: Int, _ limit: Int, _ final: Bool, leadingZeroAllowed: Bool,
    number: Int
  ) throws(JSONStop) -> Int {
    guard position < limit else { throw final ? .syntax(offset: number, problem: .invalidNumber) : .incomplete }
    let first = bytes[position]
    guard first &- UInt8(ascii: "0") < 10 else { throw .syntax(offset: number, problem: .invalidNumber) }
    if first == UInt8(ascii: "0") && !leadingZeroAllowed { return position + 1 }
    var p = position + 1
    while p < limit && bytes[p] &- UInt8(ascii: "0") < 10 { p += 1 }
    return p
  }

  /// Scans `true`, `false` or `null` at `position` (whose first byte is `t`, `f` or `n`).
  @inline(__always)
  static func literalEnd(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int, limit: Int, final: Bool)
    throws(JSONStop) -> Int
  {
    let word: StaticString =
      switch bytes[position] {
      case UInt8(ascii: "t"): "true"
      case UInt8(ascii: "f"): "false"
      default: "null"
      }
    let count = word.utf8CodeUnitCount
    for i in 1 ..< count {
      guard position + i < limit else {
        throw final ? .syntax(offset: position, problem: .invalidLiteral) : .incomplete
      }
      guard bytes[position + i] == word.utf8Start[i] else { throw .syntax(offset: position, problem: .invalidLiteral) }
    }
    return position + count
  }

  // MARK: - Whole values

  /// Skips one value of any kind, validating it; returns the index after it.
  static func skipValue(
    _ bytes: UnsafeBufferPointer<UInt8>, from position: Int, limit: Int, final: Bool, depth: Int = 0
  ) throws(JSONStop) -> Int {
    guard position < limit else { throw ran(out: position, final: final, expecting: "a value") }
    switch bytes[position] {
    case quote:
      return try stringEnd(bytes, from: position + 1, limit: limit, final: final).end
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      guard depth < maximumDepth else { throw .syntax(offset: position, problem: .tooDeep) }
      let isObject = bytes[position] == UInt8(ascii: "{")
      let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
      var p = skipWhitespace(bytes, position + 1, limit)
      guard p < limit else { throw ran(out: p, final: final, expecting: isObject ? "a key or '}'" : "a value or ']'") }
      if bytes[p] == close { return p + 1 }
      while true {
        if isObject {
          guard bytes[p] == quote else { throw .syntax(offset: p, problem: .expected("a key in double quotes")) }
          p = skipWhitespace(bytes, try stringEnd(bytes, from: p + 1, limit: limit, final: final).end, limit)
          guard p < limit else { throw ran(out: p, final: final, expecting: "':'") }
          guard bytes[p] == UInt8(ascii: ":") else { throw .syntax(offset: p, problem: .expected("':' after the key")) }
          p = skipWhitespace(bytes, p + 1, limit)
        }
        p = skipWhitespace(bytes, try skipValue(bytes, from: p, limit: limit, final: final, depth: depth + 1), limit)
        guard p < limit else { throw ran(out: p, final: final, expecting: isObject ? "',' or '}'" : "',' or ']'") }
        if bytes[p] == close { return p + 1 }
        guard bytes[p] == UInt8(ascii: ",") else {
          throw .syntax(offset: p, problem: .expected(isObject ? "',' or '}' after a value" : "',' or ']' after a value"))
        }
        p = skipWhitespace(bytes, p + 1, limit)
        guard p < limit else { throw ran(out: p, final: final, expecting: isObject ? "a key" : "a value") }
      }
    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
      return try literalEnd(bytes, from: position, limit: limit, final: final)
    case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
      return try numberEnd(bytes, from: position, limit: limit, final: final).end
    default:
      throw .syntax(offset: position, problem: .expected("a value"))
    }
  }

  /// What a value starting with `byte` is, for messages ("expected an object, found an array").
  static func kindName(startingWith byte: UInt8) -> String {
    switch byte {
    case quote: "a string"
    case UInt8(ascii: "["): "an array"
    case UInt8(ascii: "{"): "an object"
    case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
    case UInt8(ascii: "n"): "null"
    case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"): "a number"
    default: "'\(JSONProblem.printable(byte))'"
    }
  }
}

/// Why scanning a value stopped before its end.
enum JSONStop: Error {
  /// The bytes ran out mid-value; more may follow after a refill.
  case incomplete
  /// Not valid JSON at buffer index `offset`.
  case syntax(offset: Int, problem: JSONProblem)
}

/// A syntax problem, rendered into a reject reason or an error together with its location.
enum JSONProblem: Sendable {
  case expected(StaticString)
  case unterminatedString
  case controlCharacterInString
  case invalidEscape
  case invalidNumber
  case invalidLiteral
  case tooDeep
  case trailingText
  case notAnObject

  /// The problem in words; `found` is the byte at the offset, `nil` when the input ended there,
  /// and `end` names what ended ("the line", "the file").
  func describe(found: UInt8?, end: String) -> String {
    let seen = found.map { "'\(JSONProblem.printable($0))'" } ?? "\(end) ends"
    switch self {
    case .expected(let what):
      return found == nil ? "expected \(what), but \(end) ends" : "expected \(what), found \(seen)"
    case .unterminatedString:
      return "a string opens here and is never closed"
    case .controlCharacterInString:
      return "a control character (\(found.map(JSONProblem.printable) ?? "?")) inside a string; it must be escaped, e.g. \\n or \\t"
    case .invalidEscape:
      return "an invalid escape in a string; only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX are JSON"
    case .invalidNumber:
      return "an invalid number (JSON numbers look like -12, 0.5 or 1e-3)"
    case .invalidLiteral:
      return "an invalid word; only true, false and null are JSON literals (strings need double quotes)"
    case .tooDeep:
      return "values are nested more than \(JSONTokens.maximumDepth) levels deep"
    case .trailingText:
      return "text after the end of the object: \(seen)"
    case .notAnObject:
      return found.map { "expected an object, found \(JSONTokens.kindName(startingWith: $0))" } ?? "expected an object"
    }
  }

  /// A byte as it can be shown in a message: itself when printable ASCII, else its hex code.
  static func printable(_ byte: UInt8) -> String {
    byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "0x" + String(byte, radix: 16, uppercase: true)
  }
}
