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
    let from = try context.index(of: source.name, in: input, at: source.location)
    _ = try context.index(of: target.name, in: input, at: target.location)
    guard target.name != source.name else {
      throw context.error("invalid-parameter", "a column cannot move after itself", at: target.location, column: target.name,
                          fix: "name another column in `target_column`")
    }
    var rest = input
    rest.remove(at: from)
    let to = try context.index(of: target.name, in: rest, at: target.location) + 1
    return move.plan(input, from: from, to: to)
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
