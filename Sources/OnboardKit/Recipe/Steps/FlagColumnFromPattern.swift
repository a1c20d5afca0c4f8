/// Adds a column that says whether a value matches a regular expression:
/// `flag_column_from_pattern: {source_column: zip, target_column: zip_ok, pattern: '^[0-9]{5}$'}`.
///
/// The pattern is found anywhere in the value, as Spark's `rlike` does for DataBrew; anchor it
/// with `^…$` to test the whole value. The syntax is ICU's, which matches Java's for the usual
/// classes, quantifiers and anchors. A null never matches; empty text is tested like any other
/// value. The column must be text (flag before a `cast`). The flag is text, `True` or `False`
/// unless `true_string` and `false_string` say otherwise, and the new column is added at the end.
/// DataBrew's `flag_type` ("Pattern") is accepted and ignored.
public struct FlagColumnFromPattern: Step {
  public static let kind = "flag_column_from_pattern"
  public static let summary = "Add a text column that flags the rows where a column matches a regular expression."
  public static let parameterDocs = [
    (name: "source_column", doc: "the column to look at"),
    (name: "target_column", doc: "the new column; it must not exist yet"),
    (name: "pattern", doc: "a regular expression, found anywhere in the value unless anchored with `^…$`"),
    (name: "true_string", doc: "the flag for a match (default `True`)"),
    (name: "false_string", doc: "the flag otherwise, and for null (default `False`)"),
    (name: "flag_type", doc: "DataBrew's menu name (`Pattern`); accepted and ignored"),
  ]
  public static let databrewOperation: String? = "FLAG_COLUMN_FROM_PATTERN"

  private var source: ColumnParameter
  private var target: ColumnParameter
  private var pattern: RegexPattern
  private var trueString: [UInt8]
  private var falseString: [UInt8]
  private var index = -1
  private var planned = Schema([])

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "target_column", "pattern", "true_string", "false_string", "flag_type"],
      required: ["source_column", "target_column", "pattern"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    target = try ColumnParameter(f, "target_column", context: context)
    pattern = try RegexPattern(f.required("pattern", step: context.reference), context: context)
    trueString = Array((try f["true_string"]?.string() ?? "True").utf8)
    falseString = Array((try f["false_string"]?.string() ?? "False").utf8)
    _ = try f["flag_type"]?.string()
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    planned = input
    planned.append(try target.newField(in: input, context: context))
    return planned
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    guard case .text(let text) = batch.columns[index] else { return batch }
    var flags = TextColumn()
    flags.reserveCapacity(rows: text.count, bytes: text.count * max(trueString.count, falseString.count))
    text.withValues { values in
      for row in 0 ..< text.count {
        let found = !text.isNull(row) && pattern.firstMatch(values[row]) != nil
        flags.append(found ? trueString : falseString)
      }
    }
    var output = batch
    output.schema = planned
    output.columns.append(.text(flags))
    return output
  }

  public static let examples = [
    StepExample(
      "Flag well-formed zip codes", yaml: "flag_column_from_pattern: {source_column: zip, target_column: zip_ok, pattern: '^[0-9]{5}$'}",
      input: ExampleTable(["zip"], [["02139"], ["2139"], [nil], ["02139-4307"]]),
      output: ExampleTable(["zip", "zip_ok"], [["02139", "True"], ["2139", "False"], [nil, "False"], ["02139-4307", "False"]])),
    StepExample(
      "Unanchored, the pattern is found anywhere", yaml: "flag_column_from_pattern: {source_column: note, target_column: urgent, pattern: '(?i)urgent', true_string: 'yes', false_string: 'no'}",
      input: ExampleTable(["note"], [["URGENT: call back"], ["call back, not urgent"], ["later"]]),
      output: ExampleTable(["note", "urgent"], [["URGENT: call back", "yes"], ["call back, not urgent", "yes"], ["later", "no"]])),
    StepExample(
      "A pattern that does not compile is refused", yaml: "flag_column_from_pattern: {source_column: zip, target_column: zip_ok, pattern: '[0-9'}",
      input: ExampleTable(["zip"], [["02139"]]), error: "invalid-pattern"),
  ]
}
