/// Writes the minute (0–59) of a date or timestamp column to a new column, as a number:
/// `minute: {source_column: signed_at, target_column: signed_minute}`.
///
/// DataBrew's MINUTE function. Dates are read as ISO (`2024-02-29`, `2024-02-29 13:05:09`) or in the
/// column's detected date format; a date has time 00:00:00. Text that is not a date is
/// quarantined; nulls give null. DataBrew's `value` (a constant instead of a column) is not supported.
public struct Minute: DatePartStep {
  public static let kind = "minute"
  public static let summary = "Write the minute (0–59) of a timestamp column to a new column."
  public static let databrewOperation: String? = "MINUTE"

  var core: DatePartCore

  init(core: DatePartCore) { self.core = core }

  static func part(of date: StepDate) -> Int { date.minute }

  public static let examples = [
    StepExample(
      "Minute of timestamps", yaml: "minute: {source_column: at, target_column: at_minute}",
      input: ExampleTable(["at"], [["2024-02-29 13:05:09"], ["2024-02-29"]]),
      output: ExampleTable(["at", "at_minute"], [["2024-02-29 13:05:09", "5"], ["2024-02-29", "0"]])),
    StepExample(
      "A time alone is no date", yaml: "minute: {source_column: at, target_column: m}",
      input: ExampleTable(["at"], [["13:05"]]),
      output: ExampleTable(["at", "m"], []), rejectedRows: [0]),
    StepExample(
      "A misspelt column is refused", yaml: "minute: {source_column: dat, target_column: part}",
      input: ExampleTable(["date"], [["2024-01-01"]]), error: "unknown-column"),
  ]
}
