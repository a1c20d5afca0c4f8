/// Fills a missing value with the last value above it (a forward fill):
/// `fill_with_last_valid: {source_column: region}`.
///
/// A value is missing when it is null or empty text. The last value carries over from one batch
/// to the next, so a file reads as one table, whatever its size; with a folder of files it also
/// carries from one file to the next, in the order they are read. Missing values before the first
/// value stay missing. The column must be text; DataBrew's `column_data_type` is accepted and
/// ignored, as for `fill_with_custom`.
public struct FillWithLastValid: Step {
  public static let kind = "fill_with_last_valid"
  public static let remembersEarlierBatches = true
  public static let summary = "Replace null or empty values with the last value above them (forward fill)."
  public static let parameterDocs = [
    (name: "source_column", doc: "the column to fill"),
    (name: "column_data_type", doc: "DataBrew's type of the column; accepted and ignored, since the column is text"),
  ]
  public static let databrewOperation: String? = "FILL_WITH_LAST_VALID"

  private var column: ColumnParameter
  private var index = -1
  /// The last value seen, carried from batch to batch (nil until the first one).
  private var last = RunState<[UInt8]?>(nil)

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(allowed: ["source_column", "column_data_type"], required: ["source_column"], step: context.reference)
    column = try ColumnParameter(f, "source_column", context: context)
    _ = try f["column_data_type"]?.string()
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try column.textIndex(in: input, context: context)
    last = RunState(nil)
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    guard case .text(let text) = batch.columns[index] else { return batch }
    var filled = TextColumn()
    filled.reserveCapacity(rows: text.count, bytes: text.bytes.count)
    var lastRow: Int?  // the last row of this batch with a value; copied out once, at the end
    text.withValues { values in
      for row in 0 ..< text.count {
        if !text.isNull(row) && !values[row].isEmpty {
          filled.append(values[row])
          lastRow = row
        } else if let row = lastRow {
          filled.append(values[row])
        } else if let carried = last.value {
          filled.append(carried)
        } else if text.isNull(row) {
          filled.appendNull()
        } else {
          filled.append(values[row])
        }
      }
    }
    if let row = lastRow { last.value = Array(text.value(row)) }
    var output = batch
    output.columns[index] = .text(filled)
    return output
  }

  public static let examples = [
    StepExample(
      "A region written once per block", yaml: "fill_with_last_valid: {source_column: region}",
      input: ExampleTable(["region", "sales"], [["north", "10"], [nil, "12"], ["", "7"], ["south", "3"], [nil, "5"]]),
      output: ExampleTable(["region", "sales"], [["north", "10"], ["north", "12"], ["north", "7"], ["south", "3"], ["south", "5"]])),
    StepExample(
      "Missing values before the first value stay missing", yaml: "fill_with_last_valid: {source_column: region, column_data_type: string}",
      input: ExampleTable(["region"], [[nil], [""], ["east"], [nil]]),
      output: ExampleTable(["region"], [[nil], [""], ["east"], ["east"]])),
    StepExample(
      "An unknown column is refused before any row is read", yaml: "fill_with_last_valid: {source_column: regoin}",
      input: ExampleTable(["region"], [["north"]]), error: "unknown-column"),
  ]
}
