extension ValueParser {
  /// Parses a value written in a column's `format`; values in the standard form still parse, so a
  /// column may mix `31.12.2024` with ISO dates. The standard format takes the fast path.
  @inline(__always)
  static func parse(_ v: UnsafeBufferPointer<UInt8>, format: ValueFormat) -> ParsedValue {
    if format.isStandard { return parse(v) }
    let standard = parse(v)
    guard standard == .text else {
      // With thousands dots, "1.234" is 1234 and "12.3456" is malformed: such a column must not
      // take the standard reading of a dot.
      if format.thousandsSeparator == UInt8(ascii: "."), case .decimal = standard {
        return parseFormattedNumber(v, format) ?? .text
      }
      return standard
    }
    if format.hasNumberFormat, let n = parseFormattedNumber(v, format) { return n }
    if let order = format.dateOrder, let d = parseFormattedDate(v, order: order, separator: format.dateSeparator) { return d }
    return .text
  }

  /// `1.234.567,89` → 1234567.89 with thousands `.` and decimal `,`: separators are checked
  /// (groups of exactly three digits), then the digits go through the standard parser.
  static func parseFormattedNumber(_ v: UnsafeBufferPointer<UInt8>, _ format: ValueFormat) -> ParsedValue? {
    var normalized: [UInt8] = []
    normalized.reserveCapacity(v.count)
    var i = 0
    if i < v.count, v[i] == UInt8(ascii: "-") || v[i] == UInt8(ascii: "+") {
      normalized.append(v[i])
      i += 1
    }
    var groupDigits = 0
    var sawGroup = false
    var firstGroup = 0
    while i < v.count, v[i] != format.decimalSeparator {
      let b = v[i]
      if b &- 48 < 10 {
        normalized.append(b)
        groupDigits += 1
      } else if let t = format.thousandsSeparator, b == t {
        if sawGroup { guard groupDigits == 3 else { return nil } } else { firstGroup = groupDigits }
        guard groupDigits > 0, firstGroup <= 3 else { return nil }
        sawGroup = true
        groupDigits = 0
      } else {
        return nil
      }
      i += 1
    }
    if sawGroup && groupDigits != 3 { return nil }
    if i < v.count {
      normalized.append(UInt8(ascii: "."))
      i += 1
      while i < v.count {
        guard v[i] &- 48 < 10 else { return nil }
        normalized.append(v[i])
        i += 1
      }
    }
    let parsed = normalized.withUnsafeBufferPointer { parseNumber($0) }
    return parsed == .text ? nil : parsed
  }

  /// `31.12.2024`, `12/31/2024 11:30 PM`, `2024/12/31 23:30:00+01:00`: one or two digit day and
  /// month, four digit year, then optionally a time (24-hour, or 12-hour with AM/PM) and a zone.
  static func parseFormattedDate(_ v: UnsafeBufferPointer<UInt8>, order: DateOrder, separator: UInt8) -> ParsedValue? {
    var i = 0
    func number(maxDigits: Int) -> Int? {
      var value = 0
      let start = i
      while i < v.count, i - start < maxDigits, v[i] &- 48 < 10 {
        value = value * 10 + Int(v[i] - 48)
        i += 1
      }
      return i > start ? value : nil
    }
    func expect(_ b: UInt8) -> Bool {
      guard i < v.count, v[i] == b else { return false }
      i += 1
      return true
    }
    var parts: [Int] = []
    for k in 0 ..< 3 {
      let width = (order == .ymd && k == 0) || (order != .ymd && k == 2) ? 4 : 2
      guard let p = number(maxDigits: width) else { return nil }
      if width == 4 && p < 1000 { return nil }
      parts.append(p)
      if k < 2 && !expect(separator) { return nil }
    }
    let (year, month, day): (Int, Int, Int) =
      switch order {
      case .dmy: (parts[2], parts[1], parts[0])
      case .mdy: (parts[2], parts[0], parts[1])
      case .ymd: (parts[0], parts[1], parts[2])
      }
    guard month >= 1, month <= 12, day >= 1, day <= CivilTime.daysInMonth(year: year, month: month) else { return nil }
    let days = CivilTime.days(year: year, month: month, day: day)
    if i == v.count { return .date(Int32(days)) }
    guard expect(UInt8(ascii: " ")) || expect(UInt8(ascii: "T")) else { return nil }
    guard var hour = number(maxDigits: 2), expect(UInt8(ascii: ":")), let minute = number(maxDigits: 2), minute < 60 else { return nil }
    var second = 0
    var micros = 0
    if expect(UInt8(ascii: ":")) {
      guard let s = number(maxDigits: 2), s < 60 else { return nil }
      second = s
      if expect(UInt8(ascii: ".")) {
        var places = 0
        while i < v.count, v[i] &- 48 < 10 {
          if places < 6 { micros = micros * 10 + Int(v[i] - 48); places += 1 }
          i += 1
        }
        guard places > 0 else { return nil }
        while places < 6 { micros *= 10; places += 1 }
      }
    }
    // 12-hour clock: "11:30 PM", "12:05 am".
    var j = i
    while j < v.count, v[j] == UInt8(ascii: " ") { j += 1 }
    if j + 1 < v.count, v[j + 1] | 0x20 == UInt8(ascii: "m"), v[j] | 0x20 == UInt8(ascii: "a") || v[j] | 0x20 == UInt8(ascii: "p") {
      guard hour >= 1, hour <= 12 else { return nil }
      let pm = v[j] | 0x20 == UInt8(ascii: "p")
      hour = hour % 12 + (pm ? 12 : 0)
      i = j + 2
    }
    guard hour < 24 else { return nil }
    var total = Int64(days) * CivilTime.microsPerDay + Int64(hour * 3600 + minute * 60 + second) * 1_000_000 + Int64(micros)
    while i < v.count, v[i] == UInt8(ascii: " ") { i += 1 }
    if i == v.count { return .timestamp(total) }
    if v[i] == UInt8(ascii: "Z"), i + 1 == v.count { return .timestamp(total) }
    guard v[i] == UInt8(ascii: "+") || v[i] == UInt8(ascii: "-") else { return nil }
    let sign: Int64 = v[i] == UInt8(ascii: "+") ? 1 : -1
    i += 1
    guard let zh = number(maxDigits: 2) else { return nil }
    _ = expect(UInt8(ascii: ":"))
    let zm = number(maxDigits: 2) ?? 0
    guard i == v.count, zh <= 14, zm < 60 else { return nil }
    total -= sign * Int64(zh * 60 + zm) * 60_000_000
    return .timestamp(total)
  }

  static func parse(_ text: String, format: ValueFormat) -> ParsedValue {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { parse(UnsafeBufferPointer($0), format: format) }
  }
}
