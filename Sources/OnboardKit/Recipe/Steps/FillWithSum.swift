/// Fills missing values of a number column with the sum of its numbers:
/// `fill_with_sum: {source_column: units}`.
///
/// A value is missing when it is null or empty text. The sum is exact over decimals
/// (`0.1 + 0.2` is `0.3`) and written as a decimal while it fits 64 bits, else as a double. Text
/// that is not a number is neither added nor changed.
///
/// Memory: a pre-pass reads the column once more, keeping one exact sum per decimal scale.
public struct FillWithSum: FillFromData {
  public static let kind = "fill_with_sum"
  public static let summary = "Replace missing values of a number column with the sum of its numbers (a pre-pass)."
  public static let parameterDocs = fillParameterDocs("the text column of numbers to fill")
  public static let databrewOperation: String? = "FILL_WITH_SUM"

  var column: ColumnParameter
  var index = -1
  var fill: [UInt8]?

  init(column: ColumnParameter) { self.column = column }

  func fillValue(from input: PrePass) throws -> [UInt8]? {
    var sum = ExactSum()
    try input.forEachNumber(of: index) { sum.add($0) }
    return sum.count == 0 ? nil : sum.sum.text
  }

  public static let examples = [
    StepExample(
      "Decimals add up exactly", yaml: "fill_with_sum: {source_column: amount}",
      input: ExampleTable(["amount"], [["0.1"], [nil], ["0.2"], ["-1"]]),
      output: ExampleTable(["amount"], [["0.1"], ["-0.7"], ["0.2"], ["-1"]])),
    StepExample(
      "A column with no numbers is left as it is", yaml: "fill_with_sum: {source_column: amount}",
      input: ExampleTable(["amount"], [[nil], ["", ]]),
      output: ExampleTable(["amount"], [[nil], [""]])),
    StepExample(
      "An unknown column is refused before any row is read", yaml: "fill_with_sum: {source_column: amuont}",
      input: ExampleTable(["amount"], [["1"]]), error: "unknown-column"),
  ]
}
