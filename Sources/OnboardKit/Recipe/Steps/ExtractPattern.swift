/// Writes the first match of a regular expression in a column to a new column:
/// `extract_pattern: {source_column: text, target_column: postcode, pattern: '\b\d{5}\b'}`.
///
/// `pattern` is a regular expression (ICU syntax, through Foundation's `NSRegularExpression`,
/// close to Java's). The whole first match is written, not a group; a value with no match, and a
/// null, give null.
public struct ExtractPattern: Step {
  public static let kind = "extract_pattern"
  public static let summary = "Write the first match of a regular expression to a new column; null when none."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column to read"),
    (name: "target_column", doc: "the new column; must not exist yet"),
    (name: "pattern", doc: "a regular expression (ICU syntax, as Java's); the whole first match is taken"),
  ]
  public static let databrewOperation: String? = "EXTRACT_PATTERN"

  private var source: ColumnParameter
  private var target: ColumnParameter
  private var regex: RegexPattern
  private var index = 0
  private var field = Field(name: "", type: .string)

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "target_column", "pattern"], required: ["source_column", "target_column", "pattern"],
      step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    target = try ColumnParameter(f, "target_column", context: context)
    regex = try RegexPattern(try f.required("pattern", step: context.reference), context: context)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    field = try target.newField(in: input, context: context)
    var output = input
    output.append(field)
    return output
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    batch.appendingText(field, from: index) { value, out in
      guard let match = regex.firstMatch(value) else { return false }
      out.append(contentsOf: match.utf8)
      return true
    }
  }

  public static let examples = [
    StepExample(
      "A postcode out of an address", yaml: "extract_pattern: {source_column: address, target_column: postcode, pattern: '\\b\\d{5}\\b'}",
      input: ExampleTable(["address"], [["Hauptstr. 5, 10115 Berlin"], ["PO Box 12"], [nil]]),
      output: ExampleTable(["address", "postcode"], [["Hauptstr. 5, 10115 Berlin", "10115"], ["PO Box 12", nil], [nil, nil]])),
    StepExample(
      "Only the first match", yaml: "extract_pattern: {source_column: note, target_column: amount, pattern: '[0-9]+(\\.[0-9]+)?'}",
      input: ExampleTable(["note"], [["paid 12.50 of 40"]]),
      output: ExampleTable(["note", "amount"], [["paid 12.50 of 40", "12.50"]])),
    StepExample(
      "An invalid regular expression is refused before any row is read",
      yaml: "extract_pattern: {source_column: note, target_column: amount, pattern: '(unclosed'}",
      input: ExampleTable(["note"], [["x"]]), error: "invalid-pattern"),
  ]
}
