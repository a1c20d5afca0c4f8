/// Masks the characters between two positions of text values:
/// `mask_range: {source_columns: [card], start: 0, stop: -4}` masks all but the last four.
///
/// Positions count Unicode characters, not bytes. `start` (default 0) is inclusive and `stop`
/// (default: the end of the value) exclusive; a negative position counts from the end, as in
/// Python slices, and positions beyond the value are clamped to it, so a short value is masked as
/// far as it goes and an empty range leaves it unchanged. `alphabet` lists the classes of
/// characters left visible inside the range: `SYMBOLS` (punctuation and symbols) and
/// `WHITESPACE`. Nulls stay null.
public struct MaskRange: Step {
  public static let kind = "mask_range"
  public static let summary = "Mask the characters of text columns between a start and a stop position."
  public static let parameterDocs = [
    (name: "source_columns", doc: "the text columns to mask (a name or a list; `source_column` also works)"),
    (name: "start", doc: "the first masked character, 0-based (default 0); negative counts from the end"),
    (name: "stop", doc: "the position after the last masked character (default: the end); negative counts from the end"),
    (name: "alphabet", doc: "characters left visible in the range: a list of SYMBOLS and WHITESPACE (default: none)"),
    (name: "mask_symbol", doc: "the one character written per masked character (default `#`)"),
  ]
  public static let databrewOperation: String? = "MASK_RANGE"

  private var sources: [ColumnParameter]
  private var masking: Masking
  private var start: Int
  private var stop: Int?
  private var indices: [Int] = []

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(allowed: Masking.keys + ["start", "stop", "alphabet"], step: context.reference)
    sources = try ColumnParameter.sourceList(f, context: context)
    masking = try Masking(f, context: context)
    start = try f["start"]?.int() ?? 0
    stop = try f["stop"]?.int()
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    indices = try sources.map { try $0.textIndex(in: input, context: context) }
    return input
  }

  /// A slice position resolved against a value of `count` characters.
  private static func resolve(_ position: Int, count: Int) -> Int {
    min(max(position < 0 ? count + position : position, 0), count)
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    Masking.apply(batch, indices: indices) { text in
      let characters = Array(text)
      let from = Self.resolve(start, count: characters.count)
      let to = Self.resolve(stop ?? characters.count, count: characters.count)
      guard from < to else { return text }
      var out = String(characters[..<from])
      masking.mask(characters[from ..< to], into: &out)
      out += String(characters[to...])
      return out
    }
  }

  public static let examples = [
    StepExample(
      "Show only the last four digits of a card", yaml: "mask_range: {source_columns: [card], start: 0, stop: -4}",
      input: ExampleTable(["card"], [["4111111111111111"], ["123"], [nil]]),
      output: ExampleTable(["card"], [["############1111"], ["123"], [nil]])),
    StepExample(
      "Keep separators visible with the alphabet",
      yaml: "mask_range: {source_columns: [phone], start: 4, mask_symbol: '*', alphabet: [SYMBOLS, WHITESPACE]}",
      input: ExampleTable(["phone"], [["+49 30-1234 56"], ["Zoë Ö."]]),
      output: ExampleTable(["phone"], [["+49 **-**** **"], ["Zoë *."]])),
    StepExample(
      "The alphabet knows SYMBOLS and WHITESPACE", yaml: "mask_range: {source_columns: [phone], start: 1, alphabet: [DIGITS]}",
      input: ExampleTable(["phone"], [["+49"]]), error: "invalid-parameter"),
  ]
}

extension MaskRange: ProtectsColumns {
  static let protection = "masked"
  var protectedColumns: [String] { sources.map(\.name) }
}
