/// Upper-cases a text column in place: `upper_case: {source_column: name}`.
///
/// ASCII values are mapped byte by byte; a value with other letters goes through Swift's Unicode
/// case mapping, which can lengthen it (`straße` → `STRASSE`). Nulls stay null.
public struct UpperCase: Step {
  public static let kind = "upper_case"
  public static let summary = "Upper-case a text column in place."
  public static let parameterDocs = [(name: "source_column", doc: "the text column to change")]
  public static let databrewOperation: String? = "UPPER_CASE"

  private var source: ColumnParameter
  private var index = 0

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(allowed: ["source_column"], required: ["source_column"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    batch.replacingText(at: index) { value, out in
      if TextBytes.isASCII(value) {
        for b in value { out.append(TextBytes.upper(b)) }
      } else {
        // Non-ASCII letters need Unicode's mapping (é → É, ß → SS): one String for this value only.
        out.append(contentsOf: String(decoding: value, as: UTF8.self).uppercased().utf8)
      }
      return true
    }
  }

  public static let examples = [
    StepExample(
      "Country codes to upper case", yaml: "upper_case: {source_column: country}",
      input: ExampleTable(["country"], [["de"], ["Fr"], [nil]]),
      output: ExampleTable(["country"], [["DE"], ["FR"], [nil]])),
    StepExample(
      "Letters beyond ASCII follow Unicode", yaml: "upper_case: {source_column: street}",
      input: ExampleTable(["street"], [["hauptstraße 5"], ["rue de l'église"]]),
      output: ExampleTable(["street"], [["HAUPTSTRASSE 5"], ["RUE DE L'ÉGLISE"]])),
    StepExample(
      "A misspelt column is refused with a suggestion", yaml: "upper_case: {source_column: contry}",
      input: ExampleTable(["country"], [["de"]]), error: "unknown-column"),
    StepExample(
      "A typed column has no text to change", yaml: "upper_case: {source_column: age}",
      input: ExampleTable(fields: [Field(name: "age", type: .integer)], [["67"]]), error: "wrong-type"),
  ]
}
