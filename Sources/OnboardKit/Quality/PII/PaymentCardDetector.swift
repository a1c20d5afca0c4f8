/// Payment card numbers (PANs).
///
/// Rules: 13–19 digits, optionally in groups separated by single spaces or hyphens
/// (`4111 1111 1111 1111`, `3782-822463-10005`); an issuer prefix (IIN) of a known scheme with a
/// length that scheme issues (table below); and the Luhn check digit (ISO/IEC 7812-1).
public enum PaymentCardDetector {
  /// One scheme's prefixes: numbers whose first `digits` digits lie in `low ... high`, with an
  /// allowed length in `lengths`.
  struct Range: Sendable {
    var digits: Int
    var low: Int
    var high: Int
    var lengths: ClosedRange<Int>
    var exactly: [Int]? = nil
  }

  /// Issuer prefixes and lengths (ISO/IEC 7812 ranges as the schemes publish them).
  static let ranges: [Range] = [
    Range(digits: 1, low: 4, high: 4, lengths: 13 ... 19, exactly: [13, 16, 19]),  // Visa
    Range(digits: 2, low: 51, high: 55, lengths: 16 ... 16),  // Mastercard
    Range(digits: 4, low: 2221, high: 2720, lengths: 16 ... 16),  // Mastercard 2-series
    Range(digits: 2, low: 34, high: 34, lengths: 15 ... 15),  // American Express
    Range(digits: 2, low: 37, high: 37, lengths: 15 ... 15),  // American Express
    Range(digits: 3, low: 300, high: 305, lengths: 14 ... 19),  // Diners Club
    Range(digits: 2, low: 36, high: 36, lengths: 14 ... 19),  // Diners Club International
    Range(digits: 2, low: 38, high: 39, lengths: 14 ... 19),  // Diners Club
    Range(digits: 4, low: 3095, high: 3095, lengths: 16 ... 19),  // Diners Club
    Range(digits: 4, low: 3528, high: 3589, lengths: 16 ... 19),  // JCB
    Range(digits: 4, low: 6011, high: 6011, lengths: 16 ... 19),  // Discover
    Range(digits: 3, low: 644, high: 649, lengths: 16 ... 19),  // Discover
    Range(digits: 2, low: 65, high: 65, lengths: 16 ... 19),  // Discover / RuPay
    Range(digits: 2, low: 62, high: 62, lengths: 16 ... 19),  // UnionPay (incl. Discover co-brand 622126–622925)
    Range(digits: 4, low: 2200, high: 2204, lengths: 16 ... 19),  // Mir
    Range(digits: 2, low: 50, high: 50, lengths: 13 ... 19),  // Maestro
    Range(digits: 2, low: 56, high: 58, lengths: 13 ... 19),  // Maestro
    Range(digits: 2, low: 67, high: 67, lengths: 13 ... 19),  // Maestro
    Range(digits: 3, low: 639, high: 639, lengths: 13 ... 19),  // Maestro
    Range(digits: 2, low: 60, high: 60, lengths: 16 ... 16),  // RuPay
  ]

  public static func matches(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    guard v.count >= 13, v.count <= 23 else { return false }
    return PIIBytes.groupedDigits(v, separators: { $0 == PIIBytes.space || $0 == PIIBytes.dash }, capacity: 19) {
      digits -> Bool in
      let n = digits.count
      guard n >= 13, hasIssuerPrefix(digits) else { return false }
      return luhn(digits)
    } ?? false
  }

  /// Whether the digits (values 0–9) start with a known issuer prefix at an allowed length.
  static func hasIssuerPrefix(_ d: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = d.count
    for r in ranges where r.lengths.contains(n) {
      if let exactly = r.exactly, !exactly.contains(n) { continue }
      var prefix = 0
      for k in 0 ..< r.digits { prefix = prefix * 10 + Int(d[k]) }
      if prefix >= r.low && prefix <= r.high { return true }
    }
    return false
  }

  /// The Luhn (mod 10) check over digits 0–9, the check digit last.
  public static func luhn(_ d: UnsafeBufferPointer<UInt8>) -> Bool {
    var sum = 0
    var double = false
    for k in stride(from: d.count - 1, through: 0, by: -1) {
      var x = Int(d[k])
      if double {
        x *= 2
        if x > 9 { x -= 9 }
      }
      sum += x
      double.toggle()
    }
    return sum % 10 == 0
  }
}
