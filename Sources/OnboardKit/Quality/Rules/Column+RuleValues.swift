/// A column's values as rules compare them. A value is NULL as the profile counts it: missing,
/// empty, blank, or a null token (`NA`, `N/A`, `NULL`, `null`), so `Completeness` and the NULL
/// of a condition agree. Text is read as the profile reads it (the column's number and date
/// format); typed columns give their values directly.
extension Column {
  func ruleIsNull(_ row: Int) -> Bool {
    guard case .text(let c) = self else { return isNull(row) }
    if c.isNull(row) { return true }
    return c.withValues { ValueParser.parse($0[row]) == .null }
  }

  /// The value as a number; nil when NULL or not a number.
  func ruleNumber(_ row: Int, format: ValueFormat) -> Double? {
    switch self {
    case .text(let c): return c.isNull(row) ? nil : c.withValues { ValueParser.parse($0[row], format: format).number }
    case .int64(let c): return c.isNull(row) ? nil : Double(c.values[row])
    case .decimal(let c, let scale): return c.isNull(row) ? nil : Double(c.values[row]) / ValueParser.powersOfTen[scale]
    case .double(let c): return c.isNull(row) ? nil : c.values[row]
    case .boolean, .date, .timestamp: return nil
    }
  }

  /// The value as microseconds since the epoch (a date at midnight UTC); nil when NULL or not a
  /// date or timestamp.
  func ruleInstant(_ row: Int, format: ValueFormat) -> Int64? {
    switch self {
    case .text(let c):
      guard !c.isNull(row) else { return nil }
      switch c.withValues({ ValueParser.parse($0[row], format: format) }) {
      case .date(let days): return Int64(days) * CivilTime.microsPerDay
      case .timestamp(let micros): return micros
      default: return nil
      }
    case .date(let c): return c.isNull(row) ? nil : Int64(c.values[row]) * CivilTime.microsPerDay
    case .timestamp(let c): return c.isNull(row) ? nil : c.values[row]
    default: return nil
    }
  }

  /// Replaces `out` with the value's text (as written, or as the CSV writer formats a typed
  /// value); false when the value is missing from the batch (empty `out`).
  func ruleText(_ row: Int, into out: inout [UInt8]) -> Bool {
    out.removeAll(keepingCapacity: true)
    return ValueFormatter.append(self, row: row, to: &out)
  }

  /// What `ValueParser` makes of the value (typed values as the profile reads them), for type
  /// checks.
  func ruleParsed(_ row: Int, format: ValueFormat) -> ParsedValue {
    if isNull(row) { return .null }
    guard case .text(let c) = self else { return ColumnAccumulator.parsedValue(of: self, row: row) }
    return c.withValues { ValueParser.parse($0[row], format: format) }
  }
}
