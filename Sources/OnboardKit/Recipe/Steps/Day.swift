/// Writes the day of the month (1–31) of a date or timestamp column to a new column, as a number:
/// `day: {source_column: signed_at, target_column: signed_day}`.
///
/// DataBrew's DAY function. Dates are read as ISO (`2024-02-29`, `2024-02-29 13:05:09`) or in the
/// column's detected date format; a date has time 00:00:00. Text that is not a date is
/// quarantined; nulls give null. DataBrew's `value` (a constant instead of a column) is not supported.
public struct Day: DatePartStep {
  public static let kind = "day"
  public static let summary = "Write the day of the month of a date column to a new column."
  public static let databrewOperation: String? = "DAY"

  var core: DatePartCore

  init(core: DatePartCore) { self.core = core }

  static func part(of date: StepDate) -> Int { date.day }

  public static let examples = [
    StepExample(
      "Day of the month", yaml: "day: {source_column: signed, target_column: signed_day}",
      input: ExampleTable(["signed"], [["2024-02-29"], ["2024-03-01 00:00:00"]]),
      output: ExampleTable(["signed", "signed_day"], [["2024-02-29", "29"], ["2024-03-01 00:00:00", "1"]])),
    StepExample(
      "Text that is no date is quarantined", yaml: "day: {source_column: signed, target_column: d}",
      input: ExampleTable(["signed"], [["tomorrow"], ["2024-01-05"]]),
      output: ExampleTable(["signed", "d"], [["2024-01-05", "5"]]), rejectedRows: [0]),
    StepExample(
      "A misspelt column is refused", yaml: "day: {source_column: dat, target_column: part}",
      input: ExampleTable(["date"], [["2024-01-01"]]), error: "unknown-column"),
  ]
}
