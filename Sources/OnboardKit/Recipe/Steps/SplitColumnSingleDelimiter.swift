/// Splits a text column at a delimiter into new columns:
/// `split_column_single_delimiter: {source_column: name, pattern: ' ', limit: 1}`.
///
/// The column is replaced, in its place, by `limit + 1` columns named `<source>_1`,
/// `<source>_2`, … (DataBrew's naming): the text before the first `limit` delimiters, and the rest
/// in the last column. A value with fewer delimiters gives nulls in the columns it does not reach;
/// a null gives nulls. `pattern` is literal text, not a regular expression (DataBrew calls it "one
/// or more characters"). With `include_in_split: true` each delimiter is kept at the end of the
/// part before it (DataBrew says only that the pattern is included; where is our choice). That
/// DataBrew removes the source column is our reading of its console; we could not verify it.
public struct SplitColumnSingleDelimiter: Step {
  public static let kind = "split_column_single_delimiter"
  public static let summary = "Split a text column at a delimiter into columns <source>_1, <source>_2, …"
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column to split; it is replaced by the new columns"),
    (name: "pattern", doc: "the delimiter, literal text"),
    (name: "limit", doc: "how many splits to make, 1–20 (default 1): limit + 1 columns"),
    (name: "include_in_split", doc: "true: keep each delimiter at the end of the part before it (default false)"),
  ]
  public static let databrewOperation: String? = "SPLIT_COLUMN_SINGLE_DELIMITER"
  public static let conditionUse = ConditionUse.none

  private var split: ColumnSplit
  private var delimiter: [UInt8]
  private var include = false

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "pattern", "limit", "include_in_split"], required: ["source_column", "pattern"], step: context.reference)
    let pattern = try f.required("pattern", step: context.reference)
    delimiter = Array(try pattern.string().utf8)
    guard !delimiter.isEmpty else {
      throw context.error("invalid-parameter", "the delimiter is empty", at: pattern.location, fix: "write the text to split at in `pattern:`")
    }
    var limit = 1
    if let node = f["limit"] {
      limit = try node.int()
      guard (1 ... 20).contains(limit) else {
        throw context.error("invalid-parameter", "limit must be between 1 and 20, not \(limit)", at: node.location)
      }
    }
    include = try f["include_in_split"]?.bool() ?? false
    split = ColumnSplit(source: try ColumnParameter(f, "source_column", context: context), count: limit + 1)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    try split.plan(input, context: context)
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    let (delimiter, include, count) = (self.delimiter, self.include, split.count)
    return split.apply(batch) { value, parts in
      var start = 0
      var i = 0
      while i + delimiter.count <= value.count, parts.count < count - 1 {
        if delimiter.indices.allSatisfy({ value[i + $0] == delimiter[$0] }) {
          parts.append(Array(value[start ..< (include ? i + delimiter.count : i)]))
          i += delimiter.count
          start = i
        } else {
          i += 1
        }
      }
      parts.append(Array(value[start...]))
    }
  }

  public static let examples = [
    StepExample(
      "First and last name", yaml: "split_column_single_delimiter: {source_column: name, pattern: ' '}",
      input: ExampleTable(["id", "name"], [["1", "Ada Lovelace"], ["2", "Grace Brewster Hopper"], ["3", "Plato"], ["4", nil]]),
      output: ExampleTable(["id", "name_1", "name_2"],
                           [["1", "Ada", "Lovelace"], ["2", "Grace", "Brewster Hopper"], ["3", "Plato", nil], ["4", nil, nil]])),
    StepExample(
      "More splits, keeping the delimiter", yaml: "split_column_single_delimiter: {source_column: path, pattern: /, limit: 2, include_in_split: true}",
      input: ExampleTable(["path"], [["a/b/c/d"]]),
      output: ExampleTable(["path_1", "path_2", "path_3"], [["a/", "b/", "c/d"]])),
    StepExample(
      "The limit is 1 to 20", yaml: "split_column_single_delimiter: {source_column: path, pattern: /, limit: 30}",
      input: ExampleTable(["path"], [["a/b"]]), error: "invalid-parameter"),
    StepExample(
      "A new column may not take an existing name", yaml: "split_column_single_delimiter: {source_column: name, pattern: ' '}",
      input: ExampleTable(["name", "name_2"], [["Ada Lovelace", "x"]]), error: "duplicate-column"),
  ]
}
