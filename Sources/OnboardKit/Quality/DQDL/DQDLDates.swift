/// The date and time literals of DQDL's lexer: `DATE` (`"2024-01-31"`), `TIME` (`"9:30 AM"`,
/// `"11:05 PM"`) and `MIL_TIME` (`"21:45"`). A quoted string of that shape is such a literal.
enum DQDLDates {
  /// Days since 1970-01-01 of `YYYY-MM-DD`, or nil when `text` is not a valid date of that shape.
  static func days(_ text: String) -> Int? {
    let b = Array(text.utf8)
    guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
      let y = number(b[0 ..< 4]), let m = number(b[5 ..< 7]), let d = number(b[8 ..< 10]),
      (1 ... 12).contains(m), (1 ... CivilTime.daysInMonth(year: y, month: m)).contains(d)
    else { return nil }
    return CivilTime.days(year: y, month: m, day: d)
  }

  /// Minutes after midnight of `h:mm AM`, `hh:mm PM` or `HH:mm`, or nil.
  static func minutes(_ text: String) -> Int? {
    let parts = text.split(separator: " ")
    guard (1 ... 2).contains(parts.count) else { return nil }
    let clock = Array(parts[0].utf8)
    guard let colon = clock.firstIndex(of: UInt8(ascii: ":")), (1 ... 2).contains(colon), clock.count == colon + 3,
      var hour = number(clock[..<colon]), let minute = number(clock[(colon + 1)...]), minute < 60
    else { return nil }
    if parts.count == 2 {
      guard (1 ... 12).contains(hour), parts[1] == "AM" || parts[1] == "PM" else { return nil }
      hour = hour % 12 + (parts[1] == "PM" ? 12 : 0)
    } else {
      guard colon == 2, hour < 24 else { return nil }
    }
    return hour * 60 + minute
  }

  private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
    var n = 0
    for d in digits {
      guard (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(d) else { return nil }
      n = n * 10 + Int(d - UInt8(ascii: "0"))
    }
    return digits.isEmpty ? nil : n
  }
}
