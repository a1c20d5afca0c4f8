import Foundation

/// A test of one column's value in each row, compiled from a rule's condition before any row is
/// read: what is measured (the value, its length, its age, whether it casts to a type) and how it
/// is compared.
struct RowTest: Sendable {
  enum Check: Sendable {
    /// The value as a number; non-numeric text fails.
    case numbers(Comparison<Double>)
    /// The value as an instant; text that is no date or timestamp fails.
    case instants(Comparison<Int64>)
    /// The value's text, with the keywords `EMPTY` and `WHITESPACES_ONLY`.
    case texts(TextComparison)
    /// The length in Unicode scalars; NULL counts as length 0 (AWS's ColumnLength).
    case lengths(Comparison<Double>)
    /// Seconds from the value to `now`; NULL fails (AWS's DataFreshness).
    case ages(Comparison<Double>, now: Int64)
    /// The whole value matches (`^(?:pattern)$`, as Deequ's DQDL evaluator anchors it); NULL fails.
    case pattern(FullMatch, negated: Bool)
    /// The value casts to one of the types (`ColumnDataType`); NULL passes: a type check says
    /// nothing of missing values, which `IsComplete` checks.
    case castable(Set<CastTarget>, negated: Bool)
  }

  var column: Int
  var format: ValueFormat
  var check: Check

  /// The test of a text value as written; `missing` when the reader found no value at all.
  func passes(text v: UnsafeBufferPointer<UInt8>, missing: Bool, scratch: inout [UInt8]) -> Bool {
    let isNull = missing || ValueParser.isNull(v)
    switch check {
    case .numbers(let comparison):
      if isNull { return comparison.nullPasses }
      guard let x = ValueParser.parse(v, format: format).number else { return false }
      return comparison.test(x)
    case .instants(let comparison):
      if isNull { return comparison.nullPasses }
      guard let t = Self.instant(ValueParser.parse(v, format: format)) else { return false }
      return comparison.test(t)
    case .texts(let comparison):
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: v)
      return comparison.test(scratch, isNull: isNull)
    case .lengths(let comparison):
      return comparison.test(Double(isNull ? 0 : TextLengths.scalarCount(v)))
    case .ages(let comparison, let now):
      guard !isNull, let t = Self.instant(ValueParser.parse(v, format: format)) else { return false }
      return comparison.test(Double(now - t) / 1_000_000)
    case .pattern(let pattern, let negated):
      guard !isNull else { return false }
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: v)
      return pattern.matches(scratch) != negated
    case .castable(let targets, let negated):
      if isNull { return true }
      let parsed = ValueParser.parse(v, format: format)
      return targets.contains { $0.accepts(parsed) } != negated
    }
  }

  static func instant(_ parsed: ParsedValue) -> Int64? {
    switch parsed {
    case .date(let days): Int64(days) * CivilTime.microsPerDay
    case .timestamp(let micros): micros
    default: nil
    }
  }

  func passes(_ c: Column, _ row: Int, scratch: inout [UInt8]) -> Bool {
    if case .text(let t) = c { return t.withValues { passes(text: $0[row], missing: t.isNull(row), scratch: &scratch) } }
    switch check {
    case .numbers(let comparison):
      if c.ruleIsNull(row) { return comparison.nullPasses }
      guard let x = c.ruleNumber(row, format: format) else { return false }
      return comparison.test(x)
    case .instants(let comparison):
      if c.ruleIsNull(row) { return comparison.nullPasses }
      guard let t = c.ruleInstant(row, format: format) else { return false }
      return comparison.test(t)
    case .texts(let comparison):
      let present = c.ruleText(row, into: &scratch)
      return comparison.test(scratch, isNull: !present || c.ruleIsNull(row))
    case .lengths(let comparison):
      let length = c.ruleIsNull(row) || !c.ruleText(row, into: &scratch) ? 0 : scratch.withUnsafeBufferPointer(TextLengths.scalarCount)
      return comparison.test(Double(length))
    case .ages(let comparison, let now):
      guard !c.ruleIsNull(row), let t = c.ruleInstant(row, format: format) else { return false }
      return comparison.test(Double(now - t) / 1_000_000)
    case .pattern(let pattern, let negated):
      guard !c.ruleIsNull(row), c.ruleText(row, into: &scratch) else { return false }
      return pattern.matches(scratch) != negated
    case .castable(let targets, let negated):
      let parsed = c.ruleParsed(row, format: format)
      if parsed == .null { return true }
      return targets.contains { $0.accepts(parsed) } != negated
    }
  }
}

/// `=`, `!=`, `in`, `not in` on text, with NULL, `EMPTY` and `WHITESPACES_ONLY` among the values.
struct TextComparison: Sendable {
  var op: DQDLCondition.Operator
  var values: Set<[UInt8]>
  var listsNull = false
  var listsEmpty = false
  var listsBlank = false
  /// `with ignoreCase = "true"`: letters compare without case (Unicode lower case, as Spark's
  /// `lower`).
  var ignoreCase = false

  func test(_ text: [UInt8], isNull: Bool) -> Bool {
    var listed = (listsNull && isNull) || (listsEmpty && text.isEmpty)
      || (listsBlank && !text.isEmpty && text.allSatisfy { $0 == 32 || $0 == 9 })
    if !listed && !isNull { listed = values.contains(ignoreCase ? Self.lowercased(text) : text) }
    let positive = op == .equal || op == .in
    if isNull && !listed { return !positive }
    return listed == positive
  }

  static func lowercased(_ text: [UInt8]) -> [UInt8] {
    if text.allSatisfy({ $0 < 0x80 }) { return text.map { $0 &- 65 < 26 ? $0 | 0x20 : $0 } }
    return Array(String(decoding: text, as: UTF8.self).lowercased().utf8)
  }
}

/// A regular expression that must match a whole value (ICU syntax, as `NSRegularExpression`).
struct FullMatch: @unchecked Sendable {
  // NSRegularExpression is immutable and documented safe to share between threads.
  let expression: NSRegularExpression
  let source: String

  init(_ pattern: String, ignoringCase: Bool = false) throws {
    source = pattern
    expression = try NSRegularExpression(pattern: "^(?:" + pattern + ")$", options: ignoringCase ? [.caseInsensitive] : [])
  }

  func matches(_ bytes: [UInt8]) -> Bool {
    let text = String(decoding: bytes, as: UTF8.self)
    return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
  }
}

/// A type of `ColumnDataType "c" = "INTEGER"`: Glue's names (Boolean, Date, Timestamp, Integer,
/// Long, Float, Double) and Deequ's `DECIMAL(p,s)`, without case. A value casts when it reads as
/// that type, strictly: `1.5` is no INTEGER (Spark would cut it to 1), `2024-02-30` no DATE.
enum CastTarget: Hashable, Sendable {
  case boolean, date, timestamp, integer, long, float, double, string
  case decimal(precision: Int, scale: Int)

  init?(_ name: String) {
    let upper = name.uppercased().replacingOccurrences(of: " ", with: "")
    switch upper {
    case "BOOLEAN": self = .boolean
    case "DATE": self = .date
    case "TIMESTAMP": self = .timestamp
    case "INTEGER", "INT": self = .integer
    case "LONG", "BIGINT": self = .long
    case "FLOAT": self = .float
    case "DOUBLE": self = .double
    case "STRING": self = .string
    default:
      guard upper.hasPrefix("DECIMAL(") && upper.hasSuffix(")") else { return nil }
      let parts = upper.dropFirst(8).dropLast().split(separator: ",")
      guard parts.count == 2, let p = Int(parts[0]), let s = Int(parts[1]), p > 0, s >= 0, s <= p, p <= 38 else { return nil }
      self = .decimal(precision: p, scale: s)
    }
  }

  /// Digits before the point, counted from the value, not from how it was written: 0.5 has none,
  /// so it fits DECIMAL(2,2) as in Spark.
  static func integerDigits(_ magnitude: UInt64) -> Int {
    var n = magnitude
    var digits = 0
    while n > 0 {
      digits += 1
      n /= 10
    }
    return digits
  }

  func accepts(_ v: ParsedValue) -> Bool {
    switch (self, v) {
    case (.string, _): true
    case (.boolean, .boolean): true
    case (.date, .date): true
    case (.timestamp, .timestamp), (.timestamp, .date): true
    case (.integer, .integer(let x, _)): x >= Int64(Int32.min) && x <= Int64(Int32.max)
    case (.long, .integer): true
    case (.float, .integer), (.float, .decimal), (.float, .double): true
    case (.double, .integer), (.double, .decimal), (.double, .double): true
    case (.decimal(let p, let s), .integer(let x, _)): Self.integerDigits(x.magnitude) <= p - s
    case (.decimal(let p, let s), .decimal(let unscaled, _, let scale)):
      Self.integerDigits(unscaled.magnitude / UInt64(ValueParser.powersOfTen[scale])) <= p - s
    default: false
    }
  }
}
