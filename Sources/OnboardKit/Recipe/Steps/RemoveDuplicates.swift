/// Keeps the first row of each value of a column: `remove_duplicates: {source_column: customer_id}`.
///
/// "First" is in reading order over the whole run, not per batch: the step remembers every value
/// it has seen. It keeps a 64-bit hash of each distinct value, not the value, so memory grows with
/// the number of distinct values, 16 to 32 bytes each in its hash table (about 300 MB for ten
/// million). Two different values share a hash with odds of about n²/2⁶⁵ for n distinct values
/// (one in 370,000 for ten million), in which case the later row would be removed as well.
/// Values are compared byte for byte (`Ann` and `ann ` differ); nulls count as one value, so only
/// the first row with a null stays, as with Spark's `dropDuplicates`. Removed rows are filtered
/// (`rows_filtered`), not quarantined.
public struct RemoveDuplicates: Step {
  public static let kind = "remove_duplicates"
  public static let remembersEarlierBatches = true
  public static let summary = "Remove a row when its value in a column was already seen; the first one stays."
  public static let parameterDocs = [(name: "source_column", doc: "the column whose values must be unique")]
  public static let databrewOperation: String? = "REMOVE_DUPLICATES"

  private var column: ColumnParameter
  private var index = -1
  /// Hashes of the values seen so far in the run.
  private var seen = RunState(HashSet64())

  /// The hash of a null: any fixed value serves, since value hashes are spread evenly.
  static let nullHash: UInt64 = Hashing.finalize(0x6e75_6c6c)

  public init(parameters: RecipeNode, context: StepContext) throws {
    column = try ColumnParameter.onlySourceColumn(of: parameters, context: context)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try context.index(of: column.name, in: input, at: column.location)
    seen = RunState(HashSet64())
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    let values = batch.columns[index]
    if case .text(let text) = values {
      text.withValues { bytes in
        for row in 0 ..< text.count {
          let hash = text.isNull(row) ? Self.nullHash : Hashing.hash(bytes[row])
          if !seen.value.insert(hash) { rejects.drop(row: row) }
        }
      }
    } else {
      var scratch: [UInt8] = []
      for row in 0 ..< batch.rowCount {
        scratch.removeAll(keepingCapacity: true)
        let hash = ValueFormatter.append(values, row: row, to: &scratch) ? Hashing.hash(scratch) : Self.nullHash
        if !seen.value.insert(hash) { rejects.drop(row: row) }
      }
    }
    return batch
  }

  public static let examples = [
    StepExample(
      "One row per customer, the first", yaml: "remove_duplicates: {source_column: customer_id}",
      input: ExampleTable(["customer_id", "city"], [["c1", "Bonn"], ["c2", "Köln"], ["c1", "Berlin"], ["c3", "Bonn"]]),
      output: ExampleTable(["customer_id", "city"], [["c1", "Bonn"], ["c2", "Köln"], ["c3", "Bonn"]]), droppedRows: [2]),
    StepExample(
      "Nulls count as one value; empty text is another", yaml: "remove_duplicates: {source_column: code}",
      input: ExampleTable(["code"], [[nil], [""], [nil], [""], ["A"], ["a"]]),
      output: ExampleTable(["code"], [[nil], [""], ["A"], ["a"]]), droppedRows: [2, 3]),
    StepExample(
      "An unknown column is refused before any row is read", yaml: "remove_duplicates: {source_column: customer}",
      input: ExampleTable(["customer_id"], [["c1"]]), error: "unknown-column"),
  ]
}

/// Values stay; the column decides which rows remain.
extension RemoveDuplicates: DeclaresLineage {
  func lineage(from input: Schema, to output: Schema) -> StepLineage { .byName(input, output, filteringOn: [column.name]) }
}
