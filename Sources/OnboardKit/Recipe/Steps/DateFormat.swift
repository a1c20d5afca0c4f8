/// Writes a date or timestamp column, formatted, to a new column:
/// `date_format: {source_column: signed, target_column: signed_text, date_time_format: 'dd.mm.yyyy'}`.
///
/// DataBrew's DATE_FORMAT function, with DataBrew's tokens, in which `mm` is the month and `MM`
/// the minute: the reverse of Java's and ICU's patterns.
///
/// | token | writes | example |
/// |---|---|---|
/// | `yyyy` | year, 4 digits | 2024 |
/// | `yy` | year, last 2 digits | 24 |
/// | `mm` | month, 2 digits | 02 |
/// | `month` | month's full English name | February |
/// | `dd` | day of the month, 2 digits | 29 |
/// | `HH` | hour 00–23 | 13 |
/// | `MM` | minute, 2 digits | 05 |
/// | `SS` | second, 2 digits | 09 |
///
/// Anything else is written as it stands (`-`, `/`, `.`, `:`, spaces, `*`). The default format is
/// `yyyy-mm-dd HH:MM:SS`. Dates are read as ISO or in the column's detected date format; a date
/// has time 00:00:00. Text that is not a date is quarantined; nulls give null. DataBrew's `value`
/// (a constant instead of a column) is not supported.
public struct DateFormat: Step {
  public static let kind = "date_format"
  public static let summary = "Write a date column, formatted with DataBrew's tokens (mm month, MM minute), to a new column."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column of dates or timestamps"),
    (name: "target_column", doc: "the new column; must not exist yet"),
    (name: "date_time_format", doc: "tokens yyyy yy mm month dd HH MM SS, other text literal (default `yyyy-mm-dd HH:MM:SS`)"),
  ]
  public static let databrewOperation: String? = "DATE_FORMAT"

  enum Token: Equatable, Sendable {
    case year4, year2, month, monthName, day, hour, minute, second
    case literal([UInt8])
  }

  private static let tokens: [(String, Token)] = [
    ("month", .monthName), ("yyyy", .year4), ("yy", .year2), ("mm", .month), ("dd", .day), ("HH", .hour), ("MM", .minute),
    ("SS", .second),
  ]

  private var source: ColumnParameter
  private var target: ColumnParameter
  private var format: [Token]
  private var index = 0
  private var field = Field(name: "", type: .string)

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "target_column", "date_time_format", "function_step_type"],
      required: ["source_column", "target_column"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    target = try ColumnParameter(f, "target_column", context: context)
    let pattern = try f["date_time_format"]?.string() ?? "yyyy-mm-dd HH:MM:SS"
    format = DateFormat.tokenize(pattern)
    guard format.contains(where: { if case .literal = $0 { false } else { true } }) else {
      throw context.error(
        "invalid-parameter", "date_time_format '\(pattern)' has no date or time token", at: f["date_time_format"]?.location,
        fix: "use yyyy, yy, mm (month), month, dd, HH, MM (minute) or SS, such as 'dd.mm.yyyy'")
    }
  }

  /// The pattern as tokens, longest first at each place; other characters are literal.
  static func tokenize(_ pattern: String) -> [Token] {
    var result: [Token] = []
    var rest = Substring(pattern)
    outer: while !rest.isEmpty {
      for (spelling, token) in tokens where rest.hasPrefix(spelling) {
        result.append(token)
        rest = rest.dropFirst(spelling.count)
        continue outer
      }
      let literal = Array(String(rest.removeFirst()).utf8)
      if case .literal(let previous) = result.last {
        result[result.count - 1] = .literal(previous + literal)
      } else {
        result.append(.literal(literal))
      }
    }
    return result
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    field = try target.newField(in: input, context: context)
    var output = input
    output.append(field)
    return output
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    batch.computingText(from: index, appending: field, code: "not-a-date", rejects: &rejects) { parsed, raw, out in
      guard let date = StepDate(parsed) else { return .refused(notADate(raw, column: source.name)) }
      for token in format { DateFormat.write(token, date, to: &out) }
      return .written
    }
  }

  private static func write(_ token: Token, _ date: StepDate, to out: inout [UInt8]) {
    func padded(_ value: Int, _ width: Int) {
      let digits = Array(String(value).utf8)
      for _ in digits.count ..< max(width, digits.count) { out.append(UInt8(ascii: "0")) }
      out.append(contentsOf: digits)
    }
    switch token {
    case .year4: padded(date.year, 4)
    case .year2: padded((date.year % 100 + 100) % 100, 2)
    case .month: padded(date.month, 2)
    case .monthName: out.append(contentsOf: StepDate.monthNames[date.month - 1].utf8)
    case .day: padded(date.day, 2)
    case .hour: padded(date.hour, 2)
    case .minute: padded(date.minute, 2)
    case .second: padded(date.second, 2)
    case .literal(let bytes): out.append(contentsOf: bytes)
    }
  }

  public static let examples = [
    StepExample(
      "mm is the month, MM the minute", yaml: "date_format: {source_column: at, target_column: at_text, date_time_format: 'dd.mm.yyyy HH:MM'}",
      input: ExampleTable(["at"], [["2024-02-29 13:05:09"], ["2024-03-01"], [nil]]),
      output: ExampleTable(["at", "at_text"], [["2024-02-29 13:05:09", "29.02.2024 13:05"], ["2024-03-01", "01.03.2024 00:00"], [nil, nil]])),
    StepExample(
      "Month names and the default format", yaml: "date_format: {source_column: d, target_column: long, date_time_format: 'month dd, yyyy'}",
      input: ExampleTable(["d"], [["1999-12-31"], ["not a date"]]),
      output: ExampleTable(["d", "long"], [["1999-12-31", "December 31, 1999"]]), rejectedRows: [1]),
    StepExample(
      "The default is yyyy-mm-dd HH:MM:SS", yaml: "date_format: {source_column: d, target_column: full}",
      input: ExampleTable(["d"], [["2024-02-29T08:30:00Z"]]),
      output: ExampleTable(["d", "full"], [["2024-02-29T08:30:00Z", "2024-02-29 08:30:00"]])),
    StepExample(
      "A format without tokens is refused", yaml: "date_format: {source_column: d, target_column: t, date_time_format: 'DD/MO/YR'}",
      input: ExampleTable(["d"], [["2024-01-01"]]), error: "invalid-parameter"),
  ]
}
