/// Puts text after every value of a column: `add_suffix: {source_column: amount, pattern: ' EUR'}`.
///
/// The parameter is DataBrew's `pattern`, though it is plain text, not a regular expression. An
/// empty value gets the suffix too; a null stays null, because there is no value to label.
public struct AddSuffix: Step {
  public static let kind = "add_suffix"
  public static let summary = "Put text after every value of a text column."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column to change"),
    (name: "pattern", doc: "the text to put last (plain text, as written)"),
  ]
  public static let databrewOperation: String? = "ADD_SUFFIX"

  private var source: ColumnParameter
  private var suffix: [UInt8]
  private var index = 0

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "pattern"], required: ["source_column", "pattern"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    suffix = Array(try f.required("pattern", step: context.reference).string().utf8)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    batch.replacingText(at: index) { value, out in
      out.append(contentsOf: value)
      out.append(contentsOf: suffix)
      return true
    }
  }

  public static let examples = [
    StepExample(
      "A unit after amounts", yaml: "add_suffix: {source_column: amount, pattern: ' EUR'}",
      input: ExampleTable(["amount"], [["1169"], [nil]]),
      output: ExampleTable(["amount"], [["1169 EUR"], [nil]])),
    StepExample(
      "A file extension", yaml: "add_suffix: {source_column: file, pattern: .csv}",
      input: ExampleTable(["file"], [["credit"], ["credit.csv"]]),
      output: ExampleTable(["file"], [["credit.csv"], ["credit.csv.csv"]])),
    StepExample(
      "A typed column has no text to change", yaml: "add_suffix: {source_column: amount, pattern: ' EUR'}",
      input: ExampleTable(fields: [Field(name: "amount", type: .double)], [["1169"]]), error: "wrong-type"),
  ]
}
