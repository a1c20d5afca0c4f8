/// International Bank Account Numbers (ISO 13616).
///
/// Rules: after removing single spaces between groups (the print form `DE89 3704 0044 …`), two
/// letters of a country in the IBAN registry, two check digits, and a BBAN of letters and digits
/// such that the whole has that country's length; then the ISO 7064 MOD 97-10 check: the IBAN
/// with its first four characters moved to the end, letters as 10–35, is 1 modulo 97. Lower-case
/// letters are read as upper case. Country-specific BBAN layouts are not checked.
public enum IBANDetector {
  /// Lengths by country, from the SWIFT IBAN registry (releases of 2024), including the newer
  /// members (e.g. `HN`, `LY`, `SO`, `YE`). Two-letter code → total length.
  public static let lengths: [String: Int] = [
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
    "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25,
    "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18,
    "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33,
    "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
  ]

  /// `lengths` as a 26 × 26 table indexed by the two letters, 0 for no country.
  static let table: [UInt8] = {
    var t = [UInt8](repeating: 0, count: 26 * 26)
    for (code, length) in lengths {
      let u = Array(code.utf8)
      t[Int(u[0] - UInt8(ascii: "A")) * 26 + Int(u[1] - UInt8(ascii: "A"))] = UInt8(length)
    }
    return t
  }()

  public static func matches(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    guard v.count >= 15, v.count <= 42 else { return false }
    let c0 = PIIBytes.upper(v[0])
    let c1 = PIIBytes.upper(v[1])
    guard PIIBytes.isUpper(c0), PIIBytes.isUpper(c1) else { return false }
    let expected = Int(table[Int(c0 - UInt8(ascii: "A")) * 26 + Int(c1 - UInt8(ascii: "A"))])
    guard expected > 0 else { return false }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 34) { iban -> Bool in
      var n = 0
      var previousWasSpace = false
      for b in v {
        if b == PIIBytes.space {
          guard !previousWasSpace, n > 0 else { return false }
          previousWasSpace = true
          continue
        }
        let u = PIIBytes.upper(b)
        guard PIIBytes.isAlphanumeric(u), n < expected else { return false }
        iban[n] = u
        n += 1
        previousWasSpace = false
      }
      guard n == expected, PIIBytes.isDigit(iban[2]), PIIBytes.isDigit(iban[3]) else { return false }
      var remainder = 0
      for k in 0 ..< n {
        let c = iban[(k + 4) % n]
        if PIIBytes.isDigit(c) {
          remainder = (remainder * 10 + PIIBytes.digit(c)) % 97
        } else {
          remainder = (remainder * 100 + Int(c - UInt8(ascii: "A")) + 10) % 97
        }
      }
      return remainder == 1
    }
  }
}
