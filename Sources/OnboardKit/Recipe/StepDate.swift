/// A date or timestamp read from a cell by the date steps, split into its calendar parts.
///
/// Values are read as `cast` reads them: ISO dates and timestamps (`2024-02-29`,
/// `2024-02-29 13:05:09`), or dates in the column's detected format (`29.02.2024`). A date has
/// time 00:00:00. Timestamps with an offset are in UTC.
struct StepDate {
  var days: Int
  var year: Int, month: Int, day: Int
  var hour = 0, minute = 0, second = 0

  init?(_ parsed: ParsedValue) {
    switch parsed {
    case .date(let d): days = Int(d)
    case .timestamp(let t):
      let perDay = CivilTime.microsPerDay
      let d = t >= 0 ? t / perDay : (t - perDay + 1) / perDay
      days = Int(d)
      let seconds = Int((t - d * perDay) / 1_000_000)
      (hour, minute, second) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
    default: return nil
    }
    (year, month, day) = CivilTime.civil(days: days)
  }

  /// 1 for Sunday … 7 for Saturday, as Spark's `dayofweek`.
  var weekDay: Int { ((days % 7 + 7) % 7 + 4) % 7 + 1 }

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
  ]
}

func notADate(_ value: UnsafeBufferPointer<UInt8>, column: String) -> String {
  "value '\(String(decoding: value, as: UTF8.self))' of column '\(column)' is not a date"
}

/// The shared part of `year`, `month`, `day`, `hour`, `minute`, `second` and `week_day`: one date
/// part of a column, as a number, into a new column. A value that is not a date is quarantined.
struct DatePartCore: Sendable {
  var source: ColumnParameter
  var target: ColumnParameter
  var part: @Sendable (StepDate) -> Int
  var index = 0
  var field = Field(name: "", type: .string)

  static let parameterDocs = [
    (name: "source_column", doc: "the text column of dates or timestamps (ISO, or the column's detected date format)"),
    (name: "target_column", doc: "the new column; must not exist yet"),
  ]

  init(parameters: RecipeNode, context: StepContext, part: @escaping @Sendable (StepDate) -> Int) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "target_column", "function_step_type"], required: ["source_column", "target_column"],
      step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    target = try ColumnParameter(f, "target_column", context: context)
    self.part = part
  }

  mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    field = try target.newField(in: input, context: context)
    var output = input
    output.append(field)
    return output
  }

  func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    batch.computingText(from: index, appending: field, code: "not-a-date", rejects: &rejects) { parsed, raw, out in
      guard let date = StepDate(parsed) else { return .refused(notADate(raw, column: source.name)) }
      ValueFormatter.appendInteger(Int64(part(date)), to: &out)
      return .written
    }
  }
}

/// `year`, `month`, `day`, `hour`, `minute`, `second` and `week_day` differ only in the part they
/// take: the parameters, plan and batch loop are `DatePartCore`'s, once.
protocol DatePartStep: Step {
  var core: DatePartCore { get set }
  init(core: DatePartCore)
  /// The part of `date` the step writes.
  static func part(of date: StepDate) -> Int
}

extension DatePartStep {
  public static var parameterDocs: [(name: String, doc: String)] { DatePartCore.parameterDocs }

  public init(parameters: RecipeNode, context: StepContext) throws {
    self.init(core: try DatePartCore(parameters: parameters, context: context) { Self.part(of: $0) })
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    try core.plan(input, context: context)
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    core.apply(batch, rejects: &rejects)
  }
}
