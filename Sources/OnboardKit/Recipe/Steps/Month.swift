/// Writes the month (1–12) of a date or timestamp column to a new column, as a number:
/// `month: {source_column: signed_at, target_column: signed_month}`.
///
/// DataBrew's MONTH function. Dates are read as ISO (`2024-02-29`, `2024-02-29 13:05:09`) or in the
/// column's detected date format; a date has time 00:00:00. Text that is not a date is
/// quarantined; nulls give null. DataBrew's `value` (a constant instead of a column) is not supported.
public struct Month: DatePartStep {
  public static let kind = "month"
  public static let summary = "Write the month (1–12) of a date column to a new column."
  public static let databrewOperation: String? = "MONTH"

  var core: DatePartCore

  init(core: DatePartCore) { self.core = core }

  static func part(of date: StepDate) -> Int { date.month }

  public static let examples = [
    StepExample(
      "Month number", yaml: "month: {source_column: signed, target_column: signed_month}",
      input: ExampleTable(["signed"], [["2024-02-29"], ["2024-12-01T08:00:00Z"]]),
      output: ExampleTable(["signed", "signed_month"], [["2024-02-29", "2"], ["2024-12-01T08:00:00Z", "12"]])),
    StepExample(
      "A day that does not exist is no date", yaml: "month: {source_column: signed, target_column: m}",
      input: ExampleTable(["signed"], [["2023-02-29"], ["2023-03-01"]]),
      output: ExampleTable(["signed", "m"], [["2023-03-01", "3"]]), rejectedRows: [0]),
    StepExample(
      "A misspelt column is refused", yaml: "month: {source_column: dat, target_column: part}",
      input: ExampleTable(["date"], [["2024-01-01"]]), error: "unknown-column"),
  ]
}
