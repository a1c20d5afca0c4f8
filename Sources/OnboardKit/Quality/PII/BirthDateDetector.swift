/// Dates of birth.
///
/// A value alone cannot say whether a date is a birth date, so the rule has two halves:
/// - **value** (this detector): a calendar date in one of the common written forms, `YYYY-MM-DD`,
///   `YYYY/MM/DD`, `YYYY.MM.DD`, `DD.MM.YYYY`, `DD/MM/YYYY`, `MM/DD/YYYY`, `DD-MM-YYYY` (day and
///   month of one or two digits, valid day of that month, leap years included), whose year lies in
///   the plausible birth-year range `birthYears` (1900–2029: people alive now, with slack);
/// - **column**: `PIISuggestion` only suggests `date_of_birth` when the column name also hints it
///   (`dob`, `birth_date`, `date_of_birth`, `geburtsdatum`, …). Without that hint a column of
///   dates (bookings, orders) is never flagged, however many of its dates fall in the range.
public enum BirthDateDetector {
  public static let birthYears = 1900 ... 2029

  public static func matches(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let (year, _, _) = date(v) else { return false }
    return birthYears.contains(year)
  }

  /// The (year, month, day) of a value in one of the forms above, or nil.
  static func date(_ v: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
    guard v.count >= 8, v.count <= 10 else { return nil }
    // Up to three digit runs and the two separators between them.
    var parts = (0, 0, 0)
    var lengths = (0, 0, 0)
    var separator: UInt8 = 0
    var part = 0
    for b in v {
      if PIIBytes.isDigit(b) {
        switch part {
        case 0: parts.0 = parts.0 * 10 + PIIBytes.digit(b); lengths.0 += 1
        case 1: parts.1 = parts.1 * 10 + PIIBytes.digit(b); lengths.1 += 1
        default: parts.2 = parts.2 * 10 + PIIBytes.digit(b); lengths.2 += 1
        }
      } else if b == PIIBytes.dash || b == PIIBytes.slash || b == PIIBytes.dot {
        guard part < 2, separator == 0 || separator == b else { return nil }
        separator = b
        part += 1
      } else {
        return nil
      }
    }
    guard part == 2, (1 ... 2).contains(lengths.1) else { return nil }
    if lengths.0 == 4 && (1 ... 2).contains(lengths.2) {
      return valid(parts.0, parts.1, parts.2) ? (parts.0, parts.1, parts.2) : nil
    }
    guard lengths.2 == 4, (1 ... 2).contains(lengths.0) else { return nil }
    if separator != PIIBytes.slash {
      return valid(parts.2, parts.1, parts.0) ? (parts.2, parts.1, parts.0) : nil
    }
    // Slashes: day first (Europe) or month first (US); either reading will do.
    if valid(parts.2, parts.1, parts.0) { return (parts.2, parts.1, parts.0) }
    if valid(parts.2, parts.0, parts.1) { return (parts.2, parts.0, parts.1) }
    return nil
  }

  static func valid(_ year: Int, _ month: Int, _ day: Int) -> Bool {
    guard year >= 1, (1 ... 12).contains(month), day >= 1 else { return false }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return day <= days
  }
}
