/// Lower-cases a text column in place: `lower_case: {source_column: name}`.
///
/// ASCII values are mapped byte by byte; a value with other letters goes through Swift's Unicode
/// case mapping (`ÉCOLE` → `école`). Nulls stay null.
public struct LowerCase: InPlaceTextStep {
  public static let kind = "lower_case"
  public static let summary = "Lower-case a text column in place."
  public static let parameterDocs = [(name: "source_column", doc: "the text column to change")]
  public static let databrewOperation: String? = "LOWER_CASE"

  let source: ColumnParameter
  var index = 0

  init(source: ColumnParameter) { self.source = source }

  static func rewrite(_ value: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
    if TextBytes.isASCII(value) {
      for b in value { out.append(TextBytes.lower(b)) }
    } else {
      // Non-ASCII letters need Unicode's mapping (É → é): one String for this value only.
      out.append(contentsOf: String(decoding: value, as: UTF8.self).lowercased().utf8)
    }
  }

  public static let examples = [
    StepExample(
      "E-mail addresses to lower case", yaml: "lower_case: {source_column: email}",
      input: ExampleTable(["email"], [["Ana@Example.COM"], [nil]]),
      output: ExampleTable(["email"], [["ana@example.com"], [nil]])),
    StepExample(
      "Letters beyond ASCII follow Unicode", yaml: "lower_case: {source_column: city}",
      input: ExampleTable(["city"], [["ÅRHUS"], ["ZÜRICH"]]),
      output: ExampleTable(["city"], [["århus"], ["zürich"]])),
    StepExample(
      "A misspelt column is refused with a suggestion", yaml: "lower_case: {source_column: mail}",
      input: ExampleTable(["email"], [["a@b.c"]]), error: "unknown-column"),
  ]
}
