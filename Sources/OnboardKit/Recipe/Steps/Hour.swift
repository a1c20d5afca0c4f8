/// Writes the hour (0–23) of a date or timestamp column to a new column, as a number:
/// `hour: {source_column: signed_at, target_column: signed_hour}`.
///
/// DataBrew's HOUR function. Dates are read as ISO (`2024-02-29`, `2024-02-29 13:05:09`) or in the
/// column's detected date format; a date has time 00:00:00. Text that is not a date is
/// quarantined; nulls give null. DataBrew's `value` (a constant instead of a column) is not supported.
public struct Hour: DatePartStep {
  public static let kind = "hour"
  public static let summary = "Write the hour (0–23) of a timestamp column to a new column."
  public static let databrewOperation: String? = "HOUR"

  var core: DatePartCore

  init(core: DatePartCore) { self.core = core }

  static func part(of date: StepDate) -> Int { date.hour }

  public static let examples = [
    StepExample(
      "Hour of timestamps; a date is midnight", yaml: "hour: {source_column: at, target_column: at_hour}",
      input: ExampleTable(["at"], [["2024-02-29 13:05:09"], ["2024-02-29"]]),
      output: ExampleTable(["at", "at_hour"], [["2024-02-29 13:05:09", "13"], ["2024-02-29", "0"]])),
    StepExample(
      "Offsets are turned to UTC", yaml: "hour: {source_column: at, target_column: utc_hour}",
      input: ExampleTable(["at"], [["2024-02-29T13:05:09+02:00"]]),
      output: ExampleTable(["at", "utc_hour"], [["2024-02-29T13:05:09+02:00", "11"]])),
    StepExample(
      "A misspelt column is refused", yaml: "hour: {source_column: dat, target_column: part}",
      input: ExampleTable(["date"], [["2024-01-01"]]), error: "unknown-column"),
  ]
}
