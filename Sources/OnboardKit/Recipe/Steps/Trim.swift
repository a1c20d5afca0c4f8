/// Writes a column's values without leading and trailing whitespace to a new column:
/// `trim: {source_column: name, target_column: name_trimmed}`.
///
/// This is DataBrew's TRIM function, which keeps the source column. Whitespace is Unicode
/// White_Space (space, tab, newlines, no-break space, ...), not only the space Spark's `trim`
/// removes: padding copied from spreadsheets is often a no-break space. Nulls stay null. To trim
/// in place, use `remove_combined` with `remove_leading_and_trailing_whitespace: true`.
public struct Trim: Step {
  public static let kind = "trim"
  public static let summary = "Write a text column without leading and trailing whitespace to a new column."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column to read"),
    (name: "target_column", doc: "the new column; must not exist yet"),
  ]
  public static let databrewOperation: String? = "TRIM"

  private var source: ColumnParameter
  private var target: ColumnParameter
  private var index = 0
  private var field = Field(name: "", type: .string)

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "target_column"], required: ["source_column", "target_column"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    target = try ColumnParameter(f, "target_column", context: context)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    field = try target.newField(in: input, context: context, like: input[index])
    var output = input
    output.append(field)
    return output
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    batch.appendingText(field, from: index) { value, out in
      let kept = TextBytes.trimmed(value, dropping: TextBytes.isWhitespace)
      out.append(contentsOf: UnsafeBufferPointer(rebasing: value[kept]))
      return true
    }
  }

  public static let examples = [
    StepExample(
      "Trimmed copy of a padded column", yaml: "trim: {source_column: name, target_column: name_clean}",
      input: ExampleTable(["name"], [["  Ada "], ["\tGrace\n"], [nil]]),
      output: ExampleTable(["name", "name_clean"], [["  Ada ", "Ada"], ["\tGrace\n", "Grace"], [nil, nil]])),
    StepExample(
      "No-break spaces are whitespace too; inner spaces stay", yaml: "trim: {source_column: amount, target_column: amount_clean}",
      input: ExampleTable(["amount"], [["\u{00A0}1 169\u{00A0}"], ["   "]]),
      output: ExampleTable(["amount", "amount_clean"], [["\u{00A0}1 169\u{00A0}", "1 169"], ["   ", ""]])),
    StepExample(
      "The new column may not overwrite one", yaml: "trim: {source_column: name, target_column: id}",
      input: ExampleTable(["id", "name"], [["1", " Ada"]]), error: "duplicate-column"),
  ]
}
