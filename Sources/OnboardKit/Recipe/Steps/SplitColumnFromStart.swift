/// Splits a text column at a number of characters from its start into two new columns:
/// `split_column_from_start: {source_column: code, position: 2}`.
///
/// The column is replaced, in its place, by `<source>_1` and `<source>_2` (DataBrew's naming):
/// `<source>_1` holds the first `position` characters, `<source>_2` the rest. Characters are what a reader sees (`ß`, `é` count once), not bytes. A
/// value shorter than `position` leaves one part empty; a null gives nulls.
public struct SplitColumnFromStart: Step {
  public static let kind = "split_column_from_start"
  public static let summary = "Split a text column a number of characters from its start into <source>_1 and <source>_2."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column to split; it is replaced by the new columns"),
    (name: "position", doc: "how many characters from the start to split at (1 or more)"),
  ]
  public static let databrewOperation: String? = "SPLIT_COLUMN_FROM_START"
  public static let conditionUse = ConditionUse.none

  private var split: ColumnSplit
  private var position: Int

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(allowed: ["source_column", "position"], required: ["source_column", "position"], step: context.reference)
    let node = try f.required("position", step: context.reference)
    position = try node.int()
    guard position >= 1 else {
      throw context.error("invalid-parameter", "position must be 1 or more, not \(position)", at: node.location)
    }
    split = ColumnSplit(source: try ColumnParameter(f, "source_column", context: context), count: 2)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    try split.plan(input, context: context)
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    let position = self.position
    return split.apply(batch) { value, parts in
      let characters = Array(String(decoding: value, as: UTF8.self))
      let cut = min(position, characters.count)
      parts.append(Array(String(characters[..<cut]).utf8))
      parts.append(Array(String(characters[cut...]).utf8))
    }
  }

  public static let examples = [
    StepExample(
      "Country prefix and number", yaml: "split_column_from_start: {source_column: code, position: 2}",
      input: ExampleTable(["code"], [["DE12345"], ["D"], [nil]]),
      output: ExampleTable(["code_1", "code_2"], [["DE", "12345"], ["D", ""], [nil, nil]])),
    StepExample(
      "Characters, not bytes", yaml: "split_column_from_start: {source_column: word, position: 3}",
      input: ExampleTable(["word"], [["Straße"]]),
      output: ExampleTable(["word_1", "word_2"], [["Str", "aße"]])),
    StepExample(
      "The position is 1 or more", yaml: "split_column_from_start: {source_column: code, position: 0}",
      input: ExampleTable(["code"], [["DE1"]]), error: "invalid-parameter"),
  ]
}
