/// Replaces every occurrence of a text in a column: `replace_text: {source_column: c, pattern: 'n/a', value: ''}`.
///
/// In our recipes `pattern` is literal text, matched byte for byte (`.` is a dot); use
/// `replace_pattern` for a regular expression. DataBrew documents its `pattern` as "characters or a
/// regular expression" and shows `[0-9]` as an example, so a step read from a DataBrew recipe
/// treats it as a regular expression, as DataBrew does. An omitted `value` replaces with nothing
/// (DataBrew cannot write an empty parameter, so it leaves the parameter out). Nulls stay null.
public struct ReplaceText: Step {
  public static let kind = "replace_text"
  public static let summary = "Replace every occurrence of a literal text in a text column."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column to change"),
    (name: "pattern", doc: "the text to find, literally (from a DataBrew recipe: a regular expression, as DataBrew reads it)"),
    (name: "value", doc: "the replacement; empty or left out to remove the text"),
  ]
  public static let databrewOperation: String? = "REPLACE_TEXT"

  private var source: ColumnParameter
  private var pattern: [UInt8]
  private var regex: RegexPattern?
  private var value: String
  private var index = 0

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "pattern", "value"], required: ["source_column", "pattern"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    let p = try f.required("pattern", step: context.reference)
    pattern = Array(try p.string().utf8)
    value = try f["value"]?.string() ?? ""
    if context.spelling == .databrew {
      regex = try RegexPattern(p, context: context)
    } else if pattern.isEmpty {
      throw context.error("invalid-pattern", "the pattern is empty", at: p.location, fix: "write the text to look for in `pattern:`")
    }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    if let regex {
      return batch.replacingText(at: index) { text, out in
        out.append(contentsOf: regex.replacingAll(text, with: value).utf8)
        return true
      }
    }
    let replacement = Array(value.utf8)
    return batch.replacingText(at: index) { text, out in
      TextBytes.replaceAll(in: text, pattern, with: replacement, into: &out)
      return true
    }
  }

  public static let examples = [
    StepExample(
      "Spell out an abbreviation everywhere", yaml: "replace_text: {source_column: street, pattern: 'Str.', value: 'Straße'}",
      input: ExampleTable(["street"], [["Hauptstr. 5"], ["Alte Str. 1, Neue Str. 2"], [nil]]),
      output: ExampleTable(["street"], [["Hauptstr. 5"], ["Alte Straße 1, Neue Straße 2"], [nil]])),
    StepExample(
      "Remove a text; the pattern is literal, `.` is a dot", yaml: "replace_text: {source_column: amount, pattern: '.'}",
      input: ExampleTable(["amount"], [["1.234.567"], ["12"]]),
      output: ExampleTable(["amount"], [["1234567"], ["12"]])),
    StepExample(
      "An empty pattern would match everywhere", yaml: "replace_text: {source_column: amount, pattern: '', value: x}",
      input: ExampleTable(["amount"], [["12"]]), error: "invalid-pattern"),
  ]
}
