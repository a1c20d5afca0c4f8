/// Writes empty text where a value is null: `fill_with_empty: {source_column: middle_name}`.
///
/// For a CSV target, null and empty are both an empty field; the difference shows in the profile
/// (completeness) and in typed or JSON targets. Empty values stay empty. The column must be text.
public struct FillWithEmpty: Step {
  public static let kind = "fill_with_empty"
  public static let summary = "Replace null values of a text column with empty text."
  public static let parameterDocs = [(name: "source_column", doc: "the column to fill")]
  public static let databrewOperation: String? = "FILL_WITH_EMPTY"

  private var column: ColumnParameter
  private var index = -1

  public init(parameters: RecipeNode, context: StepContext) throws {
    column = try ColumnParameter.onlySourceColumn(of: parameters, context: context)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try column.textIndex(in: input, context: context)
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    guard case .text(let text) = batch.columns[index] else { return batch }
    var output = batch
    output.columns[index] = .text(text.fillingMissing(with: []))
    return output
  }

  public static let examples = [
    StepExample(
      "Nulls become empty text", yaml: "fill_with_empty: {source_column: middle_name}",
      input: ExampleTable(["middle_name"], [["Jo"], [nil], [""]]),
      output: ExampleTable(["middle_name"], [["Jo"], [""], [""]])),
    StepExample(
      "Other columns keep their nulls", yaml: "fill_with_empty: {source_column: a}",
      input: ExampleTable(["a", "b"], [[nil, nil]]),
      output: ExampleTable(["a", "b"], [["", nil]])),
    StepExample(
      "An unknown column is refused before any row is read", yaml: "fill_with_empty: {source_column: middle}",
      input: ExampleTable(["middle_name"], [["Jo"]]), error: "unknown-column"),
  ]
}
