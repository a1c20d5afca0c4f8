/// Fills missing values of a number column with the mean of its numbers:
/// `fill_with_average: {source_column: income}`.
///
/// A value is missing when it is null or empty text. The mean is that of the cells that read as
/// numbers (in the column's format); text that is not a number is neither counted nor changed.
/// The sum is exact over decimals, and the mean is written as the shortest double that reads
/// back the same (`2.5`, `3.3333333333333335`), as Spark's `avg` gives a double. With a
/// condition, only the matching rows are filled, and the mean is theirs.
///
/// Memory: a pre-pass reads the column once more, keeping one exact sum per decimal scale.
public struct FillWithAverage: FillFromData {
  public static let kind = "fill_with_average"
  public static let summary = "Replace missing values of a number column with the mean of its numbers (a pre-pass)."
  public static let parameterDocs = fillParameterDocs("the text column of numbers to fill")
  public static let databrewOperation: String? = "FILL_WITH_AVERAGE"

  var column: ColumnParameter
  var index = -1
  var fill: [UInt8]?

  init(column: ColumnParameter) { self.column = column }

  func fillValue(from input: PrePass) throws -> [UInt8]? {
    var sum = ExactSum()
    try input.forEachNumber(of: index) { sum.add($0) }
    return sum.mean.map { Array(ValueFormatter.formatDouble($0).utf8) }
  }

  public static let examples = [
    StepExample(
      "A missing income becomes the mean", yaml: "fill_with_average: {source_column: income}",
      input: ExampleTable(["income"], [["10"], [nil], ["15"], [""], ["20.5"]]),
      output: ExampleTable(["income"], [["10"], ["15.166666666666666"], ["15"], ["15.166666666666666"], ["20.5"]])),
    StepExample(
      "Text that is not a number is left alone and not counted", yaml: "fill_with_average: {source_column: score, column_data_type: number}",
      input: ExampleTable(["score"], [["1"], ["n/a"], [nil], ["2"]]),
      output: ExampleTable(["score"], [["1"], ["n/a"], ["1.5"], ["2"]])),
    StepExample(
      "With a condition, only matching rows are filled, with their own mean",
      yaml: "fill_with_average: {source_column: income, when: [{condition: is, target_column: region, value: [north]}]}",
      input: ExampleTable(["region", "income"], [["north", "10"], ["north", nil], ["south", "100"], ["south", nil], ["north", "20"]]),
      output: ExampleTable(["region", "income"], [["north", "10"], ["north", "15"], ["south", "100"], ["south", nil], ["north", "20"]])),
    StepExample(
      "A typed column is refused: fill before casting", yaml: "fill_with_average: {source_column: income}",
      input: ExampleTable(fields: [Field(name: "income", type: .integer)], [["1"]]), error: "wrong-type"),
  ]
}
