/// Fills missing values with the column's most frequent value:
/// `fill_with_most_frequent: {source_column: city}`.
///
/// A value is missing when it is null or empty text; every other value counts, numbers and text
/// alike, as written. Of values equally frequent, the first in byte order wins (as pandas'
/// `mode()[0]`, which sorts), so the result does not depend on the order of the rows.
///
/// Memory: pre-passes with the profile's frequent-items sketch (`FrequentValues`): one pass when
/// the column has at most 1,024 distinct values, two when one value stands out; a column with no
/// standout value (near-unique ids) takes two more passes and a 64-bit hash count per distinct value.
public struct FillWithMostFrequent: FillFromData {
  public static let kind = "fill_with_most_frequent"
  public static let summary = "Replace missing values with the most frequent value of the column (pre-passes)."
  public static let parameterDocs = fillParameterDocs("the text column to fill")
  public static let databrewOperation: String? = "FILL_WITH_MOST_FREQUENT"

  var column: ColumnParameter
  var index = -1
  var fill: [UInt8]?

  init(column: ColumnParameter) { self.column = column }

  func fillValue(from input: PrePass) throws -> [UInt8]? {
    try FrequentValues.mostFrequent(of: index, in: input) { value, _, key in
      key.append(contentsOf: value)
      return true
    }.values.first
  }

  public static let examples = [
    StepExample(
      "The most common city", yaml: "fill_with_most_frequent: {source_column: city}",
      input: ExampleTable(["city"], [["Bonn"], ["Köln"], [nil], ["Köln"], [""]]),
      output: ExampleTable(["city"], [["Bonn"], ["Köln"], ["Köln"], ["Köln"], ["Köln"]])),
    StepExample(
      "A tie goes to the first value in byte order", yaml: "fill_with_most_frequent: {source_column: grade, column_data_type: string}",
      input: ExampleTable(["grade"], [["b"], ["a"], [nil], ["b"], ["a"]]),
      output: ExampleTable(["grade"], [["b"], ["a"], ["a"], ["b"], ["a"]])),
    StepExample(
      "An unknown column is refused before any row is read", yaml: "fill_with_most_frequent: {source_column: cty}",
      input: ExampleTable(["city"], [["Bonn"]]), error: "unknown-column"),
  ]
}
