/// Puts text before every value of a column: `add_prefix: {source_column: id, pattern: 'DE-'}`.
///
/// The parameter is DataBrew's `pattern`, though it is plain text, not a regular expression. An
/// empty value gets the prefix too; a null stays null, because there is no value to label.
public struct AddPrefix: Step {
  public static let kind = "add_prefix"
  public static let summary = "Put text before every value of a text column."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column to change"),
    (name: "pattern", doc: "the text to put first (plain text, as written)"),
  ]
  public static let databrewOperation: String? = "ADD_PREFIX"

  private var source: ColumnParameter
  private var prefix: [UInt8]
  private var index = 0

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "pattern"], required: ["source_column", "pattern"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    prefix = Array(try f.required("pattern", step: context.reference).string().utf8)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    batch.replacingText(at: index) { value, out in
      out.append(contentsOf: prefix)
      out.append(contentsOf: value)
      return true
    }
  }

  public static let examples = [
    StepExample(
      "Country prefix on customer numbers", yaml: "add_prefix: {source_column: customer, pattern: 'DE-'}",
      input: ExampleTable(["customer"], [["1001"], [""], [nil]]),
      output: ExampleTable(["customer"], [["DE-1001"], ["DE-"], [nil]])),
    StepExample(
      "The pattern is text, not a regular expression", yaml: "add_prefix: {source_column: code, pattern: '^.*'}",
      input: ExampleTable(["code"], [["A1"]]),
      output: ExampleTable(["code"], [["^.*A1"]])),
    StepExample(
      "The text to add is required", yaml: "add_prefix: {source_column: code}",
      input: ExampleTable(["code"], [["A1"]]), error: "missing-key"),
  ]
}
