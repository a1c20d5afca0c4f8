/// Adds a column that says whether a value is missing:
/// `flag_column_from_null: {source_column: email, target_column: email_missing}`.
///
/// A value is missing when it is null or empty text (DataBrew reads an empty field as null). The
/// flag is text, `True` or `False` unless `true_string` and `false_string` say otherwise, and the
/// new column is added at the end. DataBrew's `flag_type` ("Null values") only
/// names the console menu the step came from; it is accepted and ignored.
public struct FlagColumnFromNull: Step {
  public static let kind = "flag_column_from_null"
  public static let summary = "Add a text column that flags the rows where a column is null or empty."
  public static let parameterDocs = [
    (name: "source_column", doc: "the column to look at"),
    (name: "target_column", doc: "the new column; it must not exist yet"),
    (name: "true_string", doc: "the flag for a missing value (default `True`)"),
    (name: "false_string", doc: "the flag for a present value (default `False`)"),
    (name: "flag_type", doc: "DataBrew's menu name (`Null values`); accepted and ignored"),
  ]
  public static let databrewOperation: String? = "FLAG_COLUMN_FROM_NULL"

  private var source: ColumnParameter
  private var target: ColumnParameter
  private var trueString: [UInt8]
  private var falseString: [UInt8]
  private var index = -1
  private var planned = Schema([])

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "target_column", "true_string", "false_string", "flag_type"],
      required: ["source_column", "target_column"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    target = try ColumnParameter(f, "target_column", context: context)
    trueString = Array((try f["true_string"]?.string() ?? "True").utf8)
    falseString = Array((try f["false_string"]?.string() ?? "False").utf8)
    _ = try f["flag_type"]?.string()
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try context.index(of: source.name, in: input, at: source.location)
    planned = input
    planned.append(try target.newField(in: input, context: context))
    return planned
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    let values = batch.columns[index]
    var flags = TextColumn()
    flags.reserveCapacity(rows: batch.rowCount, bytes: batch.rowCount * max(trueString.count, falseString.count))
    for row in 0 ..< batch.rowCount { flags.append(values.isMissing(row) ? trueString : falseString) }
    var output = batch
    output.schema = planned
    output.columns.append(.text(flags))
    return output
  }

  public static let examples = [
    StepExample(
      "Flag missing emails before filling them", yaml: "flag_column_from_null: {source_column: email, target_column: email_missing}",
      input: ExampleTable(["id", "email"], [["1", "ann@example.com"], ["2", nil], ["3", ""]]),
      output: ExampleTable(["id", "email", "email_missing"], [["1", "ann@example.com", "False"], ["2", nil, "True"], ["3", "", "True"]])),
    StepExample(
      "Flags of your own", yaml: "flag_column_from_null: {source_column: phone, target_column: no_phone, true_string: '1', false_string: '0'}",
      input: ExampleTable(["phone"], [["555-0100"], [nil]]),
      output: ExampleTable(["phone", "no_phone"], [["555-0100", "0"], [nil, "1"]])),
    StepExample(
      "The new column may not take an existing name", yaml: "flag_column_from_null: {source_column: email, target_column: id}",
      input: ExampleTable(["email", "id"], [["a@b.c", "1"]]), error: "duplicate-column"),
  ]
}
