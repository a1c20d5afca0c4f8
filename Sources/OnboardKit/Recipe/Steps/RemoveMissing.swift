/// Removes the rows where a column has no value: `remove_missing: {source_column: email}`.
///
/// A value is missing when it is null or empty text, as in DataBrew, where an empty CSV field is
/// null. The rows are filtered, not quarantined: removing them is what the recipe asks for, so they
/// are counted in the manifest's `rows_filtered`.
public struct RemoveMissing: Step {
  public static let kind = "remove_missing"
  public static let summary = "Remove the rows where a column is null or empty."
  public static let parameterDocs = [(name: "source_column", doc: "the column that must have a value")]
  public static let databrewOperation: String? = "REMOVE_MISSING"

  private var column: ColumnParameter
  private var index = -1

  public init(parameters: RecipeNode, context: StepContext) throws {
    column = try ColumnParameter.onlySourceColumn(of: parameters, context: context)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try context.index(of: column.name, in: input, at: column.location)
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    let values = batch.columns[index]
    for row in 0 ..< batch.rowCount where values.isMissing(row) { rejects.drop(row: row) }
    return batch
  }

  public static let examples = [
    StepExample(
      "Keep only customers with an email", yaml: "remove_missing: {source_column: email}",
      input: ExampleTable(["id", "email"], [["1", "ann@example.com"], ["2", nil], ["3", ""], ["4", "bo@example.com"]]),
      output: ExampleTable(["id", "email"], [["1", "ann@example.com"], ["4", "bo@example.com"]]), droppedRows: [1, 2]),
    StepExample(
      "Text that only looks missing stays (cast first to read NA as null)", yaml: "remove_missing: {source_column: phone}",
      input: ExampleTable(["phone"], [["NA"], [" "]]),
      output: ExampleTable(["phone"], [["NA"], [" "]])),
    StepExample(
      "An unknown column is refused before any row is read", yaml: "remove_missing: {source_column: e_mail}",
      input: ExampleTable(["email"], [["ann@example.com"]]), error: "unknown-column"),
  ]
}

/// Values stay; the column decides which rows remain.
extension RemoveMissing: DeclaresLineage {
  func lineage(from input: Schema, to output: Schema) -> StepLineage { .byName(input, output, filteringOn: [column.name]) }
}
