/// Telephone numbers.
///
/// Rules, on digits with the separators space, `-`, `.`, `/` (single, between digits) and one
/// pair of parentheses around a group:
/// - **E.164**: `+`, then 8–15 digits, the first not 0 (`+49 30 1234567`, `+1-212-555-0123`,
///   `+44 (0)20 7946 0958`, where a `(0)` trunk digit is not counted);
/// - **international prefix**: `00`, then 8–15 digits, the first not 0, with at least one separator;
/// - **national, trunk prefix**: a leading `0` (or `(0`), then 6–12 more digits, with at least one
///   separator (`030 1234567`, `0151-12345678`, `(030) 123 45 67`, `06 12 34 56 78`);
/// - **North American (NANP)**: 10 digits grouped 3-3-4 (`212-555-0123`, `(212) 555-0123`), or
///   11 grouped 1-3-3-4 with a leading 1; area code and exchange start with 2–9.
///
/// To avoid flagging plain integers and amounts, a value without `+` must have a separator: runs of
/// bare digits are never phone numbers (a zero-padded id looks exactly like a national number), and
/// decimal commas never appear. Values that read as a calendar date (`01.02.1990`) are rejected.
public enum PhoneDetector {
  public static func matches(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = v.count
    guard n >= 8, n <= 24 else { return false }
    let international = v[0] == PIIBytes.plus
    var i = international ? 1 : 0
    // Sizes of the digit groups, 5 bits each, the first group lowest; at most 8 groups.
    var sizes: UInt64 = 0
    var groupCount = 0
    var digits = 0
    var separators = 0
    var sawParen = false
    var inParen = false
    var trunkInParen = false
    var previous: UInt8 = 0
    var leading = (first: -1, second: -1, third: -1)
    while i < n {
      let b = v[i]
      if PIIBytes.isDigit(b) {
        if !PIIBytes.isDigit(previous) {
          guard groupCount < 8 else { return false }
          groupCount += 1
        }
        sizes += 1 << UInt64(5 * (groupCount - 1))
        let d = PIIBytes.digit(b)
        switch digits {
        case 0: leading.first = d
        case 1: leading.second = d
        case 2: leading.third = d
        default: break
        }
        digits += 1
        guard digits <= 17 else { return false }
      } else if b == PIIBytes.openParen {
        guard !sawParen, !PIIBytes.isDigit(previous) else { return false }
        sawParen = true
        inParen = true
        separators += 1
      } else if b == PIIBytes.closeParen {
        guard inParen, PIIBytes.isDigit(previous) else { return false }
        inParen = false
        separators += 1
        // `+44 (0)20 …`: a trunk 0 in parentheses is not dialled from abroad.
        if international && groupCount >= 2 && (sizes >> UInt64(5 * (groupCount - 1))) & 31 == 1 && v[i - 1] == PIIBytes.zero {
          trunkInParen = true
        }
      } else if b == PIIBytes.space || b == PIIBytes.dash || b == PIIBytes.dot || b == PIIBytes.slash {
        guard PIIBytes.isDigit(previous) || previous == PIIBytes.closeParen else { return false }
        separators += 1
      } else {
        return false
      }
      previous = b
      i += 1
    }
    guard !inParen, PIIBytes.isDigit(previous), digits >= 7 else { return false }
    if international {
      return leading.first != 0 && (8 ... 15).contains(trunkInParen ? digits - 1 : digits)
    }
    guard separators > 0, BirthDateDetector.date(v) == nil else { return false }
    if leading.first == 0 && leading.second == 0 {
      return leading.third != 0 && (10 ... 17).contains(digits)
    }
    if leading.first == 0 { return (7 ... 13).contains(digits) }
    let sizes334: UInt64 = 3 | 3 << 5 | 4 << 10
    if digits == 10 && groupCount == 3 && sizes == sizes334 {
      return leading.first >= 2 && nanpExchange(v, skip: 3)
    }
    if digits == 11 && groupCount == 4 && sizes == 1 | sizes334 << 5 && leading.first == 1 {
      return leading.second >= 2 && nanpExchange(v, skip: 4)
    }
    return false
  }

  /// Whether the NANP exchange (the digit after `skip` digits) is 2–9.
  static func nanpExchange(_ v: UnsafeBufferPointer<UInt8>, skip: Int) -> Bool {
    var seen = 0
    for b in v where PIIBytes.isDigit(b) {
      if seen == skip { return PIIBytes.digit(b) >= 2 }
      seen += 1
    }
    return false
  }
}
