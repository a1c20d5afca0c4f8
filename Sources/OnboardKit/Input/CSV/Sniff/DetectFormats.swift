extension CSVSniffer {
  static let numberFormatCandidates: [ValueFormat] = [
    ValueFormat(decimalSeparator: UInt8(ascii: ","), thousandsSeparator: nil),
    ValueFormat(decimalSeparator: UInt8(ascii: ","), thousandsSeparator: UInt8(ascii: ".")),
    ValueFormat(decimalSeparator: UInt8(ascii: ","), thousandsSeparator: UInt8(ascii: " ")),
    ValueFormat(decimalSeparator: UInt8(ascii: "."), thousandsSeparator: UInt8(ascii: ",")),
    ValueFormat(decimalSeparator: UInt8(ascii: "."), thousandsSeparator: UInt8(ascii: " ")),
    ValueFormat(decimalSeparator: UInt8(ascii: "."), thousandsSeparator: UInt8(ascii: "'")),
  ]

  static let dateFormatCandidates: [ValueFormat] = [UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "-")].flatMap { sep in
    [DateOrder.dmy, .mdy, .ymd].map { ValueFormat(dateOrder: $0, separator: sep) }
  }

  /// Per column, the way numbers or dates are written when it is not the standard one: the
  /// candidate under which every non-null sample value reads as a number (or a date), where the
  /// standard reading leaves some as text. Ambiguity is settled by the data first (a day above 12,
  /// a group of other than three digits after a comma), then by convention: with `;` as the
  /// delimiter a comma is a decimal comma (European exports); `dd/MM` and `MM/dd` that the data
  /// cannot tell apart are read `MM/dd/yyyy` with `/`, `dd.MM.yyyy` with `.` and `-`.
  static func detectFormats(_ body: [[String]], columns: Int, delimiter: UInt8) -> [ValueFormat?] {
    (0 ..< columns).map { column in
      let values = body.compactMap { $0.count == columns ? $0[column] : nil }.filter { ValueParser.parse($0) != .null }
      guard !values.isEmpty, values.contains(where: { ValueParser.parse($0) == .text }) else { return nil }
      let numbers = numberFormatCandidates.filter { f in values.allSatisfy { isNumber(ValueParser.parse($0, format: f)) } }
      if !numbers.isEmpty { return pickNumberFormat(numbers, delimiter: delimiter) }
      let dates = dateFormatCandidates.filter { f in values.allSatisfy { isTemporal(ValueParser.parse($0, format: f)) } }
      if !dates.isEmpty { return pickDateFormat(dates) }
      return nil
    }
  }

  private static func pickNumberFormat(_ fits: [ValueFormat], delimiter: UInt8) -> ValueFormat {
    // Fewer separators that explain the data beat more: a decimal comma alone before one with dots.
    let commaDecimal = fits.filter { $0.decimalSeparator == UInt8(ascii: ",") }
    let dotDecimal = fits.filter { $0.decimalSeparator == UInt8(ascii: ".") }
    if commaDecimal.isEmpty { return dotDecimal[0] }
    if dotDecimal.isEmpty { return commaDecimal[0] }
    return delimiter == UInt8(ascii: ";") ? commaDecimal[0] : dotDecimal[0]
  }

  private static func pickDateFormat(_ fits: [ValueFormat]) -> ValueFormat {
    if fits.count == 1 { return fits[0] }
    let separator = fits[0].dateSeparator
    let preferred: DateOrder = separator == UInt8(ascii: "/") ? .mdy : .dmy
    return fits.first { $0.dateOrder == preferred } ?? fits[0]
  }

  private static func isNumber(_ v: ParsedValue) -> Bool {
    switch v {
    case .integer, .decimal, .double: true
    default: false
    }
  }

  private static func isTemporal(_ v: ParsedValue) -> Bool {
    switch v {
    case .date, .timestamp: true
    default: false
    }
  }
}
