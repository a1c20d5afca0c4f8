/// Writes the day of the week of a date or timestamp column to a new column, as a number:
/// `week_day: {source_column: signed_at, target_column: signed_week_day}`.
///
/// DataBrew's WEEK_DAY function. Dates are read as ISO (`2024-02-29`, `2024-02-29 13:05:09`) or in the
/// column's detected date format; a date has time 00:00:00. Text that is not a date is
/// quarantined; nulls give null. DataBrew's `value` (a constant instead of a column) is not supported.
///
/// The day is a number from 1 (Sunday) to 7 (Saturday), as Spark's `dayofweek`. DataBrew's page
/// says only "the day of the week"; we could not verify whether it writes a number or a name.
public struct WeekDay: DatePartStep {
  public static let kind = "week_day"
  public static let summary = "Write the day of the week (1 Sunday … 7 Saturday) of a date column to a new column."
  public static let databrewOperation: String? = "WEEK_DAY"

  var core: DatePartCore

  init(core: DatePartCore) { self.core = core }

  static func part(of date: StepDate) -> Int { date.weekDay }

  public static let examples = [
    StepExample(
      "Sunday is 1, Saturday 7", yaml: "week_day: {source_column: signed, target_column: weekday}",
      input: ExampleTable(["signed"], [["2024-03-03"], ["2024-03-09"], ["1970-01-01"], ["1969-12-31 23:00:00"]]),
      output: ExampleTable(["signed", "weekday"], [["2024-03-03", "1"], ["2024-03-09", "7"], ["1970-01-01", "5"], ["1969-12-31 23:00:00", "4"]])),
    StepExample(
      "Text that is no date is quarantined", yaml: "week_day: {source_column: signed, target_column: wd}",
      input: ExampleTable(["signed"], [["Monday"]]),
      output: ExampleTable(["signed", "wd"], []), rejectedRows: [0]),
    StepExample(
      "A misspelt column is refused", yaml: "week_day: {source_column: dat, target_column: part}",
      input: ExampleTable(["date"], [["2024-01-01"]]), error: "unknown-column"),
  ]
}
