/// Sentence-cases a text column in place: `sentence_case: {source_column: name}`.
///
/// Every letter is lower-cased except the first letter of each sentence. A sentence starts at the
/// beginning of the value and after `.`, `!` or `?` followed by whitespace (closing quotes and
/// brackets may come between), so `3.5` does not end one; an abbreviation before a space (`e.g. x`)
/// does, since no rule tells it from a sentence's end. Proper nouns and `I` are lower-cased too:
/// sentence case cannot know them. Nulls stay null.
public struct SentenceCase: InPlaceTextStep {
  public static let kind = "sentence_case"
  public static let summary = "Upper-case the first letter of each sentence and lower-case the rest, in place."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column to change; a sentence ends at `.`, `!` or `?` before whitespace")
  ]
  public static let databrewOperation: String? = "SENTENCE_CASE"

  let source: ColumnParameter
  var index = 0

  init(source: ColumnParameter) { self.source = source }

  /// Where we are between sentences, fed one character at a time by both the byte and the
  /// `String` path, so the two agree.
  struct Boundary {
    /// The next letter starts a sentence.
    var capitalize = true
    /// A `.`, `!` or `?` was seen; whitespace next would end the sentence.
    var ending = false

    /// Whether the character upper-cases (true), lower-cases (false) or stays (nil).
    mutating func next(isLetter: Bool, isWhitespace: Bool, ascii: UInt8?) -> Bool? {
      if isLetter {
        defer { capitalize = false; ending = false }
        return capitalize
      }
      if isWhitespace {
        if ending { capitalize = true }
        ending = false
      } else if let b = ascii, b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") {
        ending = true
      } else if let b = ascii, b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: ")") || b == UInt8(ascii: "]") {
        // A closing quote or bracket keeps a sentence ending: `"Stop." Then`.
      } else {
        ending = false
      }
      return nil
    }
  }

  static func rewrite(_ value: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
    var boundary = Boundary()
    if TextBytes.isASCII(value) {
      for b in value {
        switch boundary.next(isLetter: TextBytes.isLetter(b), isWhitespace: TextBytes.isWhitespace(b), ascii: b) {
        case true?: out.append(TextBytes.upper(b))
        case false?: out.append(TextBytes.lower(b))
        case nil: out.append(b)
        }
      }
      return
    }
    // Non-ASCII letters need Unicode's case mapping, per character: one String for this value.
    var text = ""
    for c in String(decoding: value, as: UTF8.self) {
      switch boundary.next(isLetter: c.isLetter, isWhitespace: c.isWhitespace, ascii: c.asciiValue) {
      case true?: text += c.uppercased()
      case false?: text += c.lowercased()
      case nil: text.append(c)
      }
    }
    out.append(contentsOf: text.utf8)
  }

  public static let examples = [
    StepExample(
      "Shouted comments to sentence case", yaml: "sentence_case: {source_column: comment}",
      input: ExampleTable(["comment"], [["LATE PAYMENT. CALLED TWICE!"], ["ok? yes"], [nil]]),
      output: ExampleTable(["comment"], [["Late payment. Called twice!"], ["Ok? Yes"], [nil]])),
    StepExample(
      "A decimal point does not end a sentence; a closing quote keeps one ending", yaml: "sentence_case: {source_column: comment}",
      input: ExampleTable(["comment"], [["RATE 3.5 PCT. \"FIXED.\" NO CHANGE"], ["  élan vital. ÇA VA"]]),
      output: ExampleTable(["comment"], [["Rate 3.5 pct. \"Fixed.\" No change"], ["  Élan vital. Ça va"]])),
    StepExample(
      "The column is required", yaml: "sentence_case: {column: comment}",
      input: ExampleTable(["comment"], [["ok"]]), error: "unknown-key"),
  ]
}
