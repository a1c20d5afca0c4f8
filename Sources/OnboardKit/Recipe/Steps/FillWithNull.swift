/// Turns missing values into real nulls: `fill_with_null: {source_column: phone}`.
///
/// DataBrew's page says only "data values replaced by null"; like the other `fill_with_*`
/// steps, this step fills *missing* values: empty text becomes null, and every other value
/// stays. (Nulling a whole column is `drop`; nulling some rows is this step with `when:`, or a
/// `cast` with `on_error: null`.) The column must be text.
public struct FillWithNull: Step {
  public static let kind = "fill_with_null"
  public static let summary = "Replace empty values of a text column with null; other values stay."
  public static let parameterDocs = [(name: "source_column", doc: "the column whose empty values become null")]
  public static let databrewOperation: String? = "FILL_WITH_NULL"

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
    var filled = TextColumn()
    filled.reserveCapacity(rows: text.count, bytes: text.bytes.count)
    text.withValues { values in
      for row in 0 ..< text.count {
        if text.isNull(row) || values[row].isEmpty { filled.appendNull() } else { filled.append(values[row]) }
      }
    }
    var output = batch
    output.columns[index] = .text(filled)
    return output
  }

  public static let examples = [
    StepExample(
      "Empty text becomes null; values stay", yaml: "fill_with_null: {source_column: phone}",
      input: ExampleTable(["phone"], [["555-0100"], [""], [nil]]),
      output: ExampleTable(["phone"], [["555-0100"], [nil], [nil]])),
    StepExample(
      "Blanks and NA are values, not missing", yaml: "fill_with_null: {source_column: phone}",
      input: ExampleTable(["phone"], [[" "], ["NA"]]),
      output: ExampleTable(["phone"], [[" "], ["NA"]])),
    StepExample(
      "A typed column is refused", yaml: "fill_with_null: {source_column: age}",
      input: ExampleTable(fields: [Field(name: "age", type: .integer)], [["1"]]), error: "wrong-type"),
  ]
}
