/// Copies a column under a new name, keeping both: `duplicate: {source_column: amount, target_column: amount_raw}`.
///
/// Any column can be copied, typed or text; the copy has the same type and value format. It is
/// added as the last column.
public struct Duplicate: Step {
  public static let kind = "duplicate"
  public static let summary = "Copy a column under a new name; both are kept."
  public static let parameterDocs = [
    (name: "source_column", doc: "the column to copy"),
    (name: "target_column", doc: "the new column; must not exist yet"),
  ]
  public static let databrewOperation: String? = "DUPLICATE"

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
    index = try context.index(of: source.name, in: input, at: source.location)
    field = try target.newField(in: input, context: context, like: input[index])
    var output = input
    output.append(field)
    return output
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    var output = batch
    output.schema.append(field)
    output.columns.append(batch.columns[index])
    return output
  }

  public static let examples = [
    StepExample(
      "Keep the raw value before cleaning it", yaml: "duplicate: {source_column: phone, target_column: phone_raw}",
      input: ExampleTable(["phone", "city"], [["+49 30 1234", "Berlin"], [nil, "Bonn"]]),
      output: ExampleTable(["phone", "city", "phone_raw"], [["+49 30 1234", "Berlin", "+49 30 1234"], [nil, "Bonn", nil]])),
    StepExample(
      "A typed column copies with its type", yaml: "duplicate: {source_column: age, target_column: age_at_intake}",
      input: ExampleTable(fields: [Field(name: "age", type: .integer)], [["67"]]),
      output: ExampleTable(fields: [Field(name: "age", type: .integer), Field(name: "age_at_intake", type: .integer)], [["67", "67"]])),
    StepExample(
      "The copy may not overwrite a column", yaml: "duplicate: {source_column: phone, target_column: city}",
      input: ExampleTable(["phone", "city"], [["1", "Bonn"]]), error: "duplicate-column"),
  ]
}

/// The copy is the source, unchanged.
extension Duplicate: DeclaresLineage {
  func lineage(from input: Schema, to output: Schema) -> StepLineage {
    .byName(input, output, newFrom: [source.name], new: .identity)
  }
}
