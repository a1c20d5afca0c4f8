/// Capitalizes each word of a text column in place: `capital_case: {source_column: name}`.
///
/// A word is what lies between whitespace, as in Spark's `initcap`, which DataBrew runs on: its
/// first character is upper-cased and the rest lower-cased, so `o'neil` gives `O'neil` and
/// `jean-luc` gives `Jean-luc` (punctuation does not start a word). Nulls stay null.
public struct CapitalCase: InPlaceTextStep {
  public static let kind = "capital_case"
  public static let summary = "Upper-case the first letter of each word and lower-case the rest, in place."
  public static let parameterDocs = [(name: "source_column", doc: "the text column to change; words are split on whitespace")]
  public static let databrewOperation: String? = "CAPITAL_CASE"

  let source: ColumnParameter
  var index = 0

  init(source: ColumnParameter) { self.source = source }

  static func rewrite(_ value: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
    var wordStart = true
    if TextBytes.isASCII(value) {
      for b in value {
        if TextBytes.isWhitespace(b) {
          out.append(b)
          wordStart = true
        } else {
          out.append(wordStart ? TextBytes.upper(b) : TextBytes.lower(b))
          wordStart = false
        }
      }
      return
    }
    // Non-ASCII letters need Unicode's case mapping, per character: one String for this value.
    var text = ""
    for c in String(decoding: value, as: UTF8.self) {
      if c.isWhitespace {
        text.append(c)
        wordStart = true
      } else {
        text += wordStart ? c.uppercased() : c.lowercased()
        wordStart = false
      }
    }
    out.append(contentsOf: text.utf8)
  }

  public static let examples = [
    StepExample(
      "Names in capital case", yaml: "capital_case: {source_column: name}",
      input: ExampleTable(["name"], [["ada LOVELACE"], ["  grace  hopper"], [nil]]),
      output: ExampleTable(["name"], [["Ada Lovelace"], ["  Grace  Hopper"], [nil]])),
    StepExample(
      "Only whitespace starts a word", yaml: "capital_case: {source_column: name}",
      input: ExampleTable(["name"], [["jean-luc o'neil"], ["ÉMILE zola"]]),
      output: ExampleTable(["name"], [["Jean-luc O'neil"], ["Émile Zola"]])),
    StepExample(
      "A typed column has no text to change", yaml: "capital_case: {source_column: born}",
      input: ExampleTable(fields: [Field(name: "born", type: .date)], [["1815-12-10"]]), error: "wrong-type"),
  ]
}
