/// Moves a column to the place just after another: `move_after: {source_column: last, target_column: first}`.
///
/// DataBrew's MOVE_AFTER (sourceColumn, targetColumn). Values are untouched, and columns of any
/// type can move.
public struct MoveAfter: Step {
  public static let kind = "move_after"
  public static let summary = "Move a column to the place just after another column."
  public static let parameterDocs = [
    (name: "source_column", doc: "the column to move (any type)"),
    (name: "target_column", doc: "the column to move after")
  ]
  public static let databrewOperation: String? = "MOVE_AFTER"
  public static let conditionUse = ConditionUse.none

  private var source: ColumnParameter
  private var target: ColumnParameter
  private var move = ColumnMove()

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(allowed: ["source_column", "target_column"], required: ["source_column", "target_column"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    target = try ColumnParameter(f, "target_column", context: context)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    try move.plan(input, moving: source, beside: target, after: true, context: context)
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    move.apply(batch)
  }

  public static let examples = [
    StepExample(
      "Next to its partner", yaml: "move_after: {source_column: last, target_column: first}",
      input: ExampleTable(["first", "id", "last"], [["Ada", "1", "Lovelace"]]),
      output: ExampleTable(["first", "last", "id"], [["Ada", "Lovelace", "1"]])),
    StepExample(
      "Moving right", yaml: "move_after: {source_column: id, target_column: last}",
      input: ExampleTable(["id", "first", "last"], [["1", "Ada", "Lovelace"]]),
      output: ExampleTable(["first", "last", "id"], [["Ada", "Lovelace", "1"]])),
    StepExample(
      "Not next to itself", yaml: "move_after: {source_column: id, target_column: id}",
      input: ExampleTable(["id", "name"], [["1", "Ada"]]), error: "invalid-parameter"),
  ]
}

/// Columns change place, never values.
extension MoveAfter: DeclaresLineage {
  func lineage(from input: Schema, to output: Schema) -> StepLineage { .byName(input, output) }
}
