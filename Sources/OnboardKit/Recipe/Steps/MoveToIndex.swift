/// Moves a column to a position: `move_to_index: {source_column: age, target_index: 1}`.
///
/// Positions start at 0, as in DataBrew: 1 is the second column. The column lands at that
/// position in the result. Values are untouched, and columns of any type can move.
public struct MoveToIndex: Step {
  public static let kind = "move_to_index"
  public static let summary = "Move a column to a position (0 is the first)."
  public static let parameterDocs = [
    (name: "source_column", doc: "the column to move (any type)"),
    (name: "target_index", doc: "the new position, 0 for the first column")
  ]
  public static let databrewOperation: String? = "MOVE_TO_INDEX"
  public static let conditionUse = ConditionUse.none

  private var source: ColumnParameter
  private var targetIndex: Int
  private var indexLocation: RecipeLocation
  private var move = ColumnMove()

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(allowed: ["source_column", "target_index"], required: ["source_column", "target_index"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    let node = try f.required("target_index", step: context.reference)
    targetIndex = try node.int()
    indexLocation = node.location
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    let from = try context.index(of: source.name, in: input, at: source.location)
    guard (0 ..< input.count).contains(targetIndex) else {
      throw context.error(
        "invalid-parameter", "target_index \(targetIndex) is outside the \(input.count) columns", at: indexLocation,
        fix: "positions start at 0: use 0 to \(input.count - 1)")
    }
    return move.plan(input, from: from, to: targetIndex)
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    move.apply(batch)
  }

  public static let examples = [
    StepExample(
      "To the second place (positions start at 0)", yaml: "move_to_index: {source_column: age, target_index: 1}",
      input: ExampleTable(["id", "name", "city", "age"], [["1", "Ada", "London", "36"]]),
      output: ExampleTable(["id", "age", "name", "city"], [["1", "36", "Ada", "London"]])),
    StepExample(
      "Further right", yaml: "move_to_index: {source_column: id, target_index: 2}",
      input: ExampleTable(["id", "name", "city"], [["1", "Ada", "London"]]),
      output: ExampleTable(["name", "city", "id"], [["Ada", "London", "1"]])),
    StepExample(
      "A position past the last column is refused", yaml: "move_to_index: {source_column: id, target_index: 5}",
      input: ExampleTable(["id", "name"], [["1", "Ada"]]), error: "invalid-parameter"),
  ]
}

/// Columns change place, never values.
extension MoveToIndex: DeclaresLineage {
  func lineage(from input: Schema, to output: Schema) -> StepLineage { .byName(input, output) }
}
