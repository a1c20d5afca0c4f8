/// Moves a column to the last place: `move_to_end: {source_column: note}`.
///
/// Values are untouched, and columns of any type can move.
public struct MoveToEnd: Step {
  public static let kind = "move_to_end"
  public static let summary = "Move a column to the last place."
  public static let parameterDocs = [
    (name: "source_column", doc: "the column to move (any type)"),
  ]
  public static let databrewOperation: String? = "MOVE_TO_END"
  public static let conditionUse = ConditionUse.none

  private var source: ColumnParameter

  private var move = ColumnMove()

  public init(parameters: RecipeNode, context: StepContext) throws {
    source = try ColumnParameter.onlySourceColumn(of: parameters, context: context)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    let from = try context.index(of: source.name, in: input, at: source.location)
    return move.plan(input, from: from, to: input.count - 1)
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    move.apply(batch)
  }

  public static let examples = [
    StepExample(
      "Notes last", yaml: "move_to_end: {source_column: note}",
      input: ExampleTable(["id", "note", "name"], [["1", "x", "Ada"]]),
      output: ExampleTable(["id", "name", "note"], [["1", "Ada", "x"]])),
    StepExample(
      "The last column stays where it is", yaml: "move_to_end: {source_column: name}",
      input: ExampleTable(["id", "name"], [["1", "Ada"]]),
      output: ExampleTable(["id", "name"], [["1", "Ada"]])),
    StepExample(
      "A misspelt column is refused", yaml: "move_to_end: {source_column: nam}",
      input: ExampleTable(["id", "name"], [["1", "Ada"]]), error: "unknown-column"),
  ]
}

/// Columns change place, never values.
extension MoveToEnd: DeclaresLineage {
  func lineage(from input: Schema, to output: Schema) -> StepLineage { .byName(input, output) }
}
