/// Fills missing values of a number column with the median of its numbers:
/// `fill_with_median: {source_column: income}`.
///
/// A value is missing when it is null or empty text. The median is exact: the middle number, or
/// halfway between the two middle numbers of an even count (as pandas and DuckDB's `median`),
/// computed on decimals (`1` and `2` give `1.5`). Text that is not a number is neither counted
/// nor changed.
///
/// Memory: a radix selection over pre-passes (`RankSelection`): columns of up to a million numbers
/// are held and sorted in one pass; larger ones are narrowed by 16-bit key prefixes, usually in
/// two passes, holding at most a million numbers (24 MiB) and two 512 KiB histograms.
public struct FillWithMedian: FillFromData {
  public static let kind = "fill_with_median"
  public static let summary = "Replace missing values of a number column with the exact median of its numbers (pre-passes)."
  public static let parameterDocs = fillParameterDocs("the text column of numbers to fill")
  public static let databrewOperation: String? = "FILL_WITH_MEDIAN"

  var column: ColumnParameter
  var index = -1
  var fill: [UInt8]?

  init(column: ColumnParameter) { self.column = column }

  func fillValue(from input: PrePass) throws -> [UInt8]? {
    let (_, middle) = try RankSelection.select(ranks: { n in [(n - 1) / 2, n / 2] }, of: index, in: input)
    guard let middle else { return nil }
    return StepNumber.midpoint(middle[0], middle[1]).text
  }

  public static let examples = [
    StepExample(
      "An odd count: the middle number", yaml: "fill_with_median: {source_column: age}",
      input: ExampleTable(["age"], [["40"], [nil], ["22"], ["35"]]),
      output: ExampleTable(["age"], [["40"], ["35"], ["22"], ["35"]])),
    StepExample(
      "An even count: halfway between the middle two, exactly", yaml: "fill_with_median: {source_column: price, column_data_type: number}",
      input: ExampleTable(["price"], [["1.25"], [""], ["1.5"], ["9"], ["0.5"]]),
      output: ExampleTable(["price"], [["1.25"], ["1.375"], ["1.5"], ["9"], ["0.5"]])),
    StepExample(
      "A typed column is refused: fill before casting", yaml: "fill_with_median: {source_column: age}",
      input: ExampleTable(fields: [Field(name: "age", type: .integer)], [["1"]]), error: "wrong-type"),
  ]
}
