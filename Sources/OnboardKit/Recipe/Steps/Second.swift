/// Writes the second (0–59) of a date or timestamp column to a new column, as a number:
/// `second: {source_column: signed_at, target_column: signed_second}`.
///
/// DataBrew's SECOND function. Dates are read as ISO (`2024-02-29`, `2024-02-29 13:05:09`) or in the
/// column's detected date format; a date has time 00:00:00. Text that is not a date is
/// quarantined; nulls give null. DataBrew's `value` (a constant instead of a column) is not supported.
public struct Second: DatePartStep {
  public static let kind = "second"
  public static let summary = "Write the second (0–59) of a timestamp column to a new column."
  public static let databrewOperation: String? = "SECOND"

  var core: DatePartCore

  init(core: DatePartCore) { self.core = core }

  static func part(of date: StepDate) -> Int { date.second }

  public static let examples = [
    StepExample(
      "Second of timestamps; fractions are dropped", yaml: "second: {source_column: at, target_column: at_second}",
      input: ExampleTable(["at"], [["2024-02-29 13:05:09.750"], [nil]]),
      output: ExampleTable(["at", "at_second"], [["2024-02-29 13:05:09.750", "9"], [nil, nil]])),
    StepExample(
      "Text that is no date is quarantined", yaml: "second: {source_column: at, target_column: s}",
      input: ExampleTable(["at"], [["now"], ["2024-01-01 00:00:30"]]),
      output: ExampleTable(["at", "s"], [["2024-01-01 00:00:30", "30"]]), rejectedRows: [0]),
    StepExample(
      "A misspelt column is refused", yaml: "second: {source_column: dat, target_column: part}",
      input: ExampleTable(["date"], [["2024-01-01"]]), error: "unknown-column"),
  ]
}
