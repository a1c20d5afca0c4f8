/// Keeps the first of rows that are equal in every column: `delete_duplicate_rows: {}`.
///
/// "First" is in reading order over the whole run, not per batch. Each row is hashed as its
/// columns' written values in order, each with a marker for null and its length, so `("ab", "c")`
/// and `("a", "bc")` differ and so do null and empty text. As for `remove_duplicates`, the step
/// keeps one 64-bit hash per distinct row: memory grows with the number of distinct rows, 16 to 32
/// bytes each, and two different rows share a hash with odds of about n²/2⁶⁵ for n distinct rows.
/// Removed rows are filtered (`rows_filtered`), not quarantined.
public struct DeleteDuplicateRows: Step {
  public static let kind = "delete_duplicate_rows"
  public static let remembersEarlierBatches = true
  public static let summary = "Remove a row when an equal row (every column) was already seen; the first one stays."
  public static let parameterDocs = [(name: "(none)", doc: "write `delete_duplicate_rows: {}`")]
  public static let databrewOperation: String? = "DELETE_DUPLICATE_ROWS"

  /// Hashes of the rows seen so far in the run.
  private var seen = RunState(HashSet64())

  public init(parameters: RecipeNode, context: StepContext) throws {
    if !parameters.isNull { _ = try parameters.fields(allowed: [], step: context.reference) }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    seen = RunState(HashSet64())
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    var key: [UInt8] = []
    for row in 0 ..< batch.rowCount {
      batch.rowKey(row, columns: batch.columns.indices, into: &key)
      if !seen.value.insert(Hashing.hash(key)) { rejects.drop(row: row) }
    }
    return batch
  }

  public static let examples = [
    StepExample(
      "A row sent twice is kept once", yaml: "delete_duplicate_rows: {}",
      input: ExampleTable(["id", "amount"], [["1", "10"], ["2", "20"], ["1", "10"], ["1", "11"]]),
      output: ExampleTable(["id", "amount"], [["1", "10"], ["2", "20"], ["1", "11"]]), droppedRows: [2]),
    StepExample(
      "Values are not run together, and null is not empty", yaml: "delete_duplicate_rows:",
      input: ExampleTable(["a", "b"], [["ab", "c"], ["a", "bc"], [nil, "x"], ["", "x"], [nil, "x"]]),
      output: ExampleTable(["a", "b"], [["ab", "c"], ["a", "bc"], [nil, "x"], ["", "x"]]), droppedRows: [4]),
    StepExample(
      "The step takes no parameters", yaml: "delete_duplicate_rows: {source_column: id}",
      input: ExampleTable(["id"], [["1"]]), error: "unknown-key"),
  ]
}

/// Values stay; every column decides which rows remain.
extension DeleteDuplicateRows: DeclaresLineage {
  func lineage(from input: Schema, to output: Schema) -> StepLineage { .byName(input, output, filteringOn: input.names) }
}
