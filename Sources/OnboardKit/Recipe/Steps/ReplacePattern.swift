/// Replaces every match of a regular expression in a column:
/// `replace_pattern: {source_column: phone, pattern: '[^0-9+]', value: ''}`.
///
/// `pattern` is a regular expression (ICU syntax, through Foundation's `NSRegularExpression`,
/// close to Java's). In `value`, `$1` inserts the first group and `\$` a dollar sign. An omitted
/// `value` removes the matches. Nulls stay null. DataBrew has no such operation; its
/// `REPLACE_TEXT` also takes a regular expression, and `replace_text` reads it so.
public struct ReplacePattern: Step {
  public static let kind = "replace_pattern"
  public static let summary = "Replace every match of a regular expression in a text column."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column to change"),
    (name: "pattern", doc: "a regular expression (ICU syntax, as Java's)"),
    (name: "value", doc: "the replacement; `$1` is the first group; empty or left out to remove the matches"),
  ]
  // Not one of DataBrew's operations: DataBrew's REPLACE_TEXT is the regular-expression replace.
  public static let databrewOperation: String? = nil

  private var source: ColumnParameter
  private var regex: RegexPattern
  private var value: String
  private var index = 0

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "pattern", "value"], required: ["source_column", "pattern"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    regex = try RegexPattern(try f.required("pattern", step: context.reference), context: context)
    value = try f["value"]?.string() ?? ""
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    batch.replacingText(at: index) { text, out in
      out.append(contentsOf: regex.replacingAll(text, with: value).utf8)
      return true
    }
  }

  public static let examples = [
    StepExample(
      "Keep only digits and plus signs in phone numbers", yaml: "replace_pattern: {source_column: phone, pattern: '[^0-9+]'}",
      input: ExampleTable(["phone"], [["+49 (30) 123-45"], ["030/12345"], [nil]]),
      output: ExampleTable(["phone"], [["+493012345"], ["03012345"], [nil]])),
    StepExample(
      "Reorder with groups", yaml: "replace_pattern: {source_column: when, pattern: '(\\d+)\\.(\\d+)\\.(\\d{4})', value: '$3-$2-$1'}",
      input: ExampleTable(["when"], [["31.12.2024"], ["unknown"]]),
      output: ExampleTable(["when"], [["2024-12-31"], ["unknown"]])),
    StepExample(
      "An invalid regular expression is refused before any row is read", yaml: "replace_pattern: {source_column: phone, pattern: '[0-9'}",
      input: ExampleTable(["phone"], [["1"]]), error: "invalid-pattern"),
  ]
}
