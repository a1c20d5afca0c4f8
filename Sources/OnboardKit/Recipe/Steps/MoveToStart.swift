/// Moves a column to the first place: `move_to_start: {source_column: id}`.
///
/// Values are untouched, and columns of any type can move.
public struct MoveToStart: Step {
  public static let kind = "move_to_start"
  public static let summary = "Move a column to the first place."
  public static let parameterDocs = [
    (name: "source_column", doc: "the column to move (any type)"),
  ]
  public static let databrewOperation: String? = "MOVE_TO_START"
  public static let conditionUse = ConditionUse.none

  private var source: ColumnParameter

  private var move = ColumnMove()

  public init(parameters: RecipeNode, context: StepContext) throws {
    source = try ColumnParameter.onlySourceColumn(of: parameters, context: context)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    let from = try context.index(of: source.name, in: input, at: source.location)
    return move.plan(input, from: from, to: 0)
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    move.apply(batch)
  }

  public static let examples = [
    StepExample(
      "Key first", yaml: "move_to_start: {source_column: id}",
      input: ExampleTable(["name", "age", "id"], [["Ada", "36", "1"]]),
      output: ExampleTable(["id", "name", "age"], [["1", "Ada", "36"]])),
    StepExample(
      "Typed columns move too", yaml: "move_to_start: {source_column: age}",
      input: ExampleTable(fields: [Field(name: "name", type: .string), Field(name: "age", type: .integer)], [["Ada", "36"]]),
      output: ExampleTable(fields: [Field(name: "age", type: .integer), Field(name: "name", type: .string)], [["36", "Ada"]])),
    StepExample(
      "A misspelt column is refused", yaml: "move_to_start: {source_column: nam}",
      input: ExampleTable(["id", "name"], [["1", "Ada"]]), error: "unknown-column"),
  ]
}

/// Columns change place, never values.
extension MoveToStart: DeclaresLineage {
  func lineage(from input: Schema, to output: Schema) -> StepLineage { .byName(input, output) }
}
