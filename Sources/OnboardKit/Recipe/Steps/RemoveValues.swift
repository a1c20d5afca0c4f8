/// Removes the rows its conditions choose: DataBrew's `REMOVE_VALUES`.
///
/// ```yaml
/// - remove_values:
///     source_column: rating
///     when: [{condition: less_than, target_column: rating, value: 1800}]
/// ```
/// The step itself removes every row it is given; its conditions (`when:`, DataBrew's
/// `ConditionExpressions`) decide which rows those are, and the engine passes it only the rows that
/// match. Without a condition it would empty the table, so a step with none is a recipe error.
/// `source_column` must exist; DataBrew requires it, though the conditions name their own columns.
/// Removed rows are filtered (`rows_filtered`), not quarantined.
public struct RemoveValues: Step {
  public static let kind = "remove_values"
  public static let summary = "Remove the rows that match the step's conditions (`when:`); a condition is required."
  public static let parameterDocs = [
    (name: "source_column", doc: "the column the step is about (DataBrew requires it; it must exist)"),
    (name: "when", doc: "one or more conditions, ANDed; the matching rows are removed"),
  ]
  public static let databrewOperation: String? = "REMOVE_VALUES"
  public static let conditionUse = ConditionUse.removesMatchingRows

  private var column: ColumnParameter

  public init(parameters: RecipeNode, context: StepContext) throws {
    column = try ColumnParameter.onlySourceColumn(of: parameters, context: context)
    guard context.hasConditions else {
      throw context.error(
        "condition-required", "remove_values removes the rows its conditions match, but it has no condition",
        fix: "add `when: [{condition: is, target_column: \(column.name), value: ...}]`, or use `remove_missing` for empty values")
    }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    _ = try context.index(of: column.name, in: input, at: column.location)
    return input
  }

  /// Drops every row it is given. Which rows those are is the conditions' choice: the engine
  /// removes only the matching rows of each batch (`Plan.applyNarrowed`).
  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    for row in 0 ..< batch.rowCount { rejects.drop(row: row) }
    return batch
  }

  public static let examples = [
    StepExample(
      "Drop games by players rated below 1800 (DataBrew's chess example)",
      yaml: "remove_values: {source_column: rating, when: [{condition: less_than, target_column: rating, value: 1800}]}",
      input: ExampleTable(["rating", "winner"], [["1750", "white"], ["1900", "black"], ["2100", "draw"], ["1799", "white"]]),
      output: ExampleTable(["rating", "winner"], [["1900", "black"], ["2100", "draw"]]), droppedRows: [0, 3]),
    StepExample(
      "Drop the draws", yaml: "remove_values: {source_column: winner, when: [{condition: is, target_column: winner, value: [draw]}]}",
      input: ExampleTable(["winner"], [["white"], ["draw"], ["black"], ["draw"]]),
      output: ExampleTable(["winner"], [["white"], ["black"]]), droppedRows: [1, 3]),
    StepExample(
      "Without a condition the step is refused, since it would remove every row", yaml: "remove_values: {source_column: winner}",
      input: ExampleTable(["winner"], [["white"], ["draw"]]), error: "condition-required"),
    StepExample(
      "An unknown column is refused before any row is read",
      yaml: "remove_values: {source_column: winer, when: [{condition: is, target_column: winner, value: draw}]}",
      input: ExampleTable(["winner"], [["white"]]), error: "unknown-column"),
  ]
}

/// Values stay; the conditions decide which rows remain, and the plan adds their columns.
extension RemoveValues: DeclaresLineage {
  func lineage(from input: Schema, to output: Schema) -> StepLineage { .byName(input, output) }
}
