/// Joins columns into a new column, with a delimiter between them:
/// `merge: {source_columns: [first_name, last_name], delimiter: ' ', target_column: full_name}`.
///
/// A null counts as empty text, as in DataBrew, so the delimiters stay and every value keeps its
/// place (`a`, null, `c` with `-` gives `a--c`). When every source is null the result is null, not
/// a string of delimiters: there is nothing to merge (DataBrew does not say; we chose to keep the
/// value missing). The sources are kept; the new column is added last.
public struct Merge: Step {
  public static let kind = "merge"
  public static let summary = "Join two or more text columns, with a delimiter, into a new column."
  public static let parameterDocs = [
    (name: "source_columns", doc: "the text columns to join, in order (two or more)"),
    (name: "delimiter", doc: "the text between values (default: none); a null counts as empty text"),
    (name: "target_column", doc: "the new column; must not exist yet"),
  ]
  public static let databrewOperation: String? = "MERGE"

  private var sources: [ColumnParameter]
  private var delimiter: [UInt8]
  private var target: ColumnParameter
  private var indices: [Int] = []
  private var field = Field(name: "", type: .string)

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_columns", "delimiter", "target_column"], required: ["source_columns", "target_column"],
      step: context.reference)
    sources = try ColumnParameter.sourceList(f, context: context)
    guard sources.count >= 2 else {
      throw context.error(
        "invalid-parameter", "merge needs two or more source columns, got \(sources.count)",
        fix: "list the columns to join, or use `duplicate` to copy one column")
    }
    delimiter = Array((try f["delimiter"]?.string() ?? "").utf8)
    target = try ColumnParameter(f, "target_column", context: context)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    indices = try sources.map { try $0.textIndex(in: input, context: context) }
    field = try target.newField(in: input, context: context)
    var output = input
    output.append(field)
    return output
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    let columns: [TextColumn] = indices.compactMap { i in
      if case .text(let c) = batch.columns[i] { c } else { nil }
    }
    var merged = TextColumn()
    merged.reserveCapacity(rows: batch.rowCount, bytes: columns.reduce(0) { $0 + $1.bytes.count })
    var value: [UInt8] = []
    for row in 0 ..< batch.rowCount {
      if columns.allSatisfy({ $0.isNull(row) }) {
        merged.appendNull()
        continue
      }
      value.removeAll(keepingCapacity: true)
      for (k, column) in columns.enumerated() {
        if k > 0 { value.append(contentsOf: delimiter) }
        value.append(contentsOf: column.value(row))  // empty for a null
      }
      merged.append(value)
    }
    var output = batch
    output.schema.append(field)
    output.columns.append(.text(merged))
    return output
  }

  public static let examples = [
    StepExample(
      "Full name from its parts", yaml: "merge: {source_columns: [first, last], delimiter: ' ', target_column: full_name}",
      input: ExampleTable(["first", "last"], [["Ada", "Lovelace"], ["Grace", "Hopper"]]),
      output: ExampleTable(["first", "last", "full_name"], [["Ada", "Lovelace", "Ada Lovelace"], ["Grace", "Hopper", "Grace Hopper"]])),
    StepExample(
      "A null is empty text, so positions stay; all nulls give null",
      yaml: "merge: {source_columns: [a, b, c], delimiter: '-', target_column: key}",
      input: ExampleTable(["a", "b", "c"], [["1", nil, "3"], [nil, nil, nil]]),
      output: ExampleTable(["a", "b", "c", "key"], [["1", nil, "3", "1--3"], [nil, nil, nil, nil]])),
    StepExample(
      "Without a delimiter the values run together", yaml: "merge: {source_columns: [prefix, number], target_column: id}",
      input: ExampleTable(["prefix", "number"], [["DE", "1001"]]),
      output: ExampleTable(["prefix", "number", "id"], [["DE", "1001", "DE1001"]])),
    StepExample(
      "The new column may not overwrite a source", yaml: "merge: {source_columns: [first, last], target_column: last}",
      input: ExampleTable(["first", "last"], [["Ada", "Lovelace"]]), error: "duplicate-column"),
  ]
}
