/// Writes the year of a date or timestamp column to a new column, as a number:
/// `year: {source_column: signed_at, target_column: signed_year}`.
///
/// DataBrew's YEAR function. Dates are read as ISO (`2024-02-29`, `2024-02-29 13:05:09`) or in the
/// column's detected date format; a date has time 00:00:00. Text that is not a date is
/// quarantined; nulls give null. DataBrew's `value` (a constant instead of a column) is not supported.
public struct Year: DatePartStep {
  public static let kind = "year"
  public static let summary = "Write the year of a date column to a new column."
  public static let databrewOperation: String? = "YEAR"

  var core: DatePartCore

  init(core: DatePartCore) { self.core = core }

  static func part(of date: StepDate) -> Int { date.year }

  public static let examples = [
    StepExample(
      "Year of dates and timestamps", yaml: "year: {source_column: signed, target_column: signed_year}",
      input: ExampleTable(["signed"], [["2024-02-29"], ["1999-12-31 23:59:59"], [nil]]),
      output: ExampleTable(["signed", "signed_year"], [["2024-02-29", "2024"], ["1999-12-31 23:59:59", "1999"], [nil, nil]])),
    StepExample(
      "Dates in the column's detected format; text that is no date is quarantined",
      yaml: "year: {source_column: signed, target_column: signed_year}",
      input: ExampleTable(fields: [Field(name: "signed", type: .string, format: ValueFormat(dateOrder: .dmy, separator: UInt8(ascii: ".")))],
                          [["31.12.2024"], ["soon"]]),
      output: ExampleTable(fields: [Field(name: "signed", type: .string, format: ValueFormat(dateOrder: .dmy, separator: UInt8(ascii: "."))), Field(name: "signed_year", type: .string)],
                           [["31.12.2024", "2024"]]), rejectedRows: [1]),
    StepExample(
      "A misspelt column is refused", yaml: "year: {source_column: dat, target_column: part}",
      input: ExampleTable(["date"], [["2024-01-01"]]), error: "unknown-column"),
  ]
}
