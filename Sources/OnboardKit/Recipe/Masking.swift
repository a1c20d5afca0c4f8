/// What the masking steps (`mask_custom`, `mask_range`, `mask_delimiter`) share: the columns, the
/// mask symbol and DataBrew's `alphabet`, the classes of characters left visible inside a masked span.
///
/// Masking works on Unicode characters (grapheme clusters), not bytes: `é` or an emoji is one
/// character and gets one mask symbol, so the masked value keeps its visible length.
struct Masking: Sendable {
  var symbol: Character = "#"
  /// `alphabet: [SYMBOLS]`: punctuation and symbols (`-`, `@`, `.`, `+`) stay visible.
  var keepSymbols = false
  /// `alphabet: [WHITESPACE]`: spaces and other whitespace stay visible.
  var keepWhitespace = false

  static let keys = ["source_columns", "source_column", "mask_symbol", "entity_type_filter"]

  /// Reads `mask_symbol` and, when `alphabet` is allowed, `alphabet`. DataBrew's
  /// `entity_type_filter` needs entity detection, which onboard does not run, so it is refused
  /// rather than ignored: ignoring it would mask every value instead of the detected ones.
  init(_ f: RecipeNode.Fields, context: StepContext) throws {
    if let node = f["entity_type_filter"] {
      throw context.error(
        "unsupported-parameter", "entity_type_filter needs PII entity detection, which onboard does not run",
        at: node.location, fix: "remove `entity_type_filter` and list the columns to mask in `source_columns`")
    }
    if let node = f["mask_symbol"] {
      let text = try node.string()
      guard text.count == 1, let c = text.first else {
        throw context.error(
          "invalid-parameter", "mask_symbol must be one character, got '\(text)'", at: node.location,
          fix: "write one character, such as `mask_symbol: '*'`")
      }
      symbol = c
    }
    if let node = f["alphabet"] {
      for name in try node.strings() {
        switch name.uppercased() {
        case "SYMBOLS": keepSymbols = true
        case "WHITESPACE": keepWhitespace = true
        default:
          throw context.error(
            "invalid-parameter", "alphabet may list SYMBOLS and WHITESPACE, not '\(name)'", at: node.location,
            fix: "write `alphabet: [SYMBOLS, WHITESPACE]` or leave it out to mask every character")
        }
      }
    }
  }

  /// Whether `c` stays visible inside a masked span.
  func keeps(_ c: Character) -> Bool {
    (keepWhitespace && c.isWhitespace) || (keepSymbols && (c.isPunctuation || c.isSymbol))
  }

  /// Appends `text` masked, one symbol per character not kept by the alphabet.
  func mask<S: Sequence<Character>>(_ text: S, into out: inout String) {
    for c in text { out.append(keeps(c) ? c : symbol) }
  }

  /// `batch` with every column in `indices` rewritten by `transform` (text in, text out); nulls stay null.
  static func apply(_ batch: Batch, indices: [Int], _ transform: (String) -> String) -> Batch {
    var output = batch
    for index in indices {
      output = output.replacingText(at: index) { value, out in
        out.append(contentsOf: transform(String(decoding: value, as: UTF8.self)).utf8)
        return true
      }
    }
    return output
  }
}
