/// Upper-cases a text column in place: `upper_case: {source_column: name}`.
///
/// ASCII values are mapped byte by byte; a value with other letters goes through Swift's Unicode
/// case mapping, which can lengthen it (`straße` → `STRASSE`). Nulls stay null.
public struct UpperCase: InPlaceTextStep {
  public static let kind = "upper_case"
  public static let summary = "Upper-case a text column in place."
  public static let parameterDocs = [(name: "source_column", doc: "the text column to change")]
  public static let databrewOperation: String? = "UPPER_CASE"

  let source: ColumnParameter
  var index = 0

  init(source: ColumnParameter) { self.source = source }

  static func rewrite(_ value: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
    if TextBytes.isASCII(value) {
      for b in value { out.append(TextBytes.upper(b)) }
    } else {
      // Non-ASCII letters need Unicode's mapping (é → É, ß → SS): one String for this value only.
      out.append(contentsOf: String(decoding: value, as: UTF8.self).uppercased().utf8)
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
