/// Fills missing values with a constant: `fill_with_custom: {source_column: bonus, value: "0"}`.
///
/// A value is missing when it is null or empty text. The column must still be text: fill before a
/// `cast`, so the constant is read like every other value. DataBrew's `column_data_type` (`number`,
/// `string`, `double`, …) describes the column in DataBrew's own typed frame; here the column is
/// text and the constant is written as given, so it is accepted and ignored.
public struct FillWithCustom: Step {
  public static let kind = "fill_with_custom"
  public static let summary = "Replace null or empty values of a text column with a constant."
  public static let parameterDocs = [
    (name: "source_column", doc: "the column to fill"),
    (name: "value", doc: "the text written where a value is missing"),
    (name: "column_data_type", doc: "DataBrew's type of the column; accepted and ignored, since the column is text"),
  ]
  public static let databrewOperation: String? = "FILL_WITH_CUSTOM"

  private var column: ColumnParameter
  private var value: [UInt8]
  private var index = -1

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "value", "column_data_type"], required: ["source_column", "value"], step: context.reference)
    column = try ColumnParameter(f, "source_column", context: context)
    value = Array(try f.required("value", step: context.reference).string().utf8)
    _ = try f["column_data_type"]?.string()
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try column.textIndex(in: input, context: context)
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    guard case .text(let text) = batch.columns[index] else { return batch }
    var output = batch
    output.columns[index] = .text(text.fillingMissing(with: value))
    return output
  }

  public static let examples = [
    StepExample(
      "Missing sales are zero", yaml: "fill_with_custom: {source_column: sales, value: '0'}",
      input: ExampleTable(["sales"], [["12.5"], [nil], [""]]),
      output: ExampleTable(["sales"], [["12.5"], ["0"], ["0"]])),
    StepExample(
      "A DataBrew export's column_data_type is accepted", yaml: "fill_with_custom: {source_column: region, value: unknown, column_data_type: string}",
      input: ExampleTable(["region"], [["north"], [nil]]),
      output: ExampleTable(["region"], [["north"], ["unknown"]])),
    StepExample(
      "The constant is required", yaml: "fill_with_custom: {source_column: sales}",
      input: ExampleTable(["sales"], [["1"]]), error: "missing-key"),
    StepExample(
      "A typed column is refused: fill before casting", yaml: "fill_with_custom: {source_column: sales, value: '0'}",
      input: ExampleTable(fields: [Field(name: "sales", type: .integer)], [["1"]]), error: "wrong-type"),
  ]
}
