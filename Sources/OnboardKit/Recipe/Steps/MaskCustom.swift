import Foundation

/// Masks every occurrence of a value inside text columns:
/// `mask_custom: {source_columns: [note], custom_value: 'secret', mask_symbol: '*'}`.
///
/// `custom_value` is literal text unless `regex: true`, when it is a regular expression (ICU syntax,
/// as in `replace_pattern`). Each match is replaced by the mask symbol (default `#`) repeated once
/// per Unicode character of the match, so the value keeps its visible length; the rest of the value
/// is unchanged. Matches do not overlap and are found left to right. Nulls stay null. DataBrew's
/// `entity_type_filter` needs entity detection and is refused.
public struct MaskCustom: Step {
  public static let kind = "mask_custom"
  public static let summary = "Mask every match of a text or regular expression in text columns with a mask symbol."
  public static let parameterDocs = [
    (name: "source_columns", doc: "the text columns to mask (a name or a list; `source_column` also works)"),
    (name: "custom_value", doc: "the text to mask; a regular expression when `regex` is true"),
    (name: "regex", doc: "whether `custom_value` is a regular expression (default false)"),
    (name: "mask_symbol", doc: "the one character written per masked character (default `#`)"),
  ]
  public static let databrewOperation: String? = "MASK_CUSTOM"

  private enum Matcher: Sendable {
    case literal(String)
    case regex(RegexPattern)
  }

  private var sources: [ColumnParameter]
  private var masking: Masking
  private var matcher: Matcher
  private var indices: [Int] = []

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: Masking.keys + ["custom_value", "regex"], required: ["custom_value"], step: context.reference)
    sources = try ColumnParameter.sourceList(f, context: context)
    masking = try Masking(f, context: context)
    let value = try f.required("custom_value", step: context.reference)
    if try f["regex"]?.bool() ?? false {
      matcher = .regex(try RegexPattern(value, context: context))
    } else {
      let text = try value.string()
      guard !text.isEmpty else {
        throw context.error("invalid-parameter", "custom_value is empty", at: value.location, fix: "write the text to mask")
      }
      matcher = .literal(text)
    }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    indices = try sources.map { try $0.textIndex(in: input, context: context) }
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    Masking.apply(batch, indices: indices) { text in
      let ranges: [Range<String.Index>]
      switch matcher {
      case .literal(let value):
        ranges = text.ranges(of: value)
      case .regex(let pattern):
        ranges = pattern.expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
          .compactMap { Range($0.range, in: text) }
      }
      guard !ranges.isEmpty else { return text }
      var out = ""
      var rest = text.startIndex
      for range in ranges {
        out += text[rest ..< range.lowerBound]
        out += String(repeating: masking.symbol, count: text[range].count)
        rest = range.upperBound
      }
      out += text[rest...]
      return out
    }
  }

  public static let examples = [
    StepExample(
      "Mask a name wherever it appears", yaml: "mask_custom: {source_columns: [note], custom_value: Ada}",
      input: ExampleTable(["note"], [["Ada called Ada's bank"], ["no names"], [nil]]),
      output: ExampleTable(["note"], [["### called ###'s bank"], ["no names"], [nil]])),
    StepExample(
      "A regular expression masks every digit, one symbol per character",
      yaml: "mask_custom: {source_columns: [iban], custom_value: '[0-9]', regex: true, mask_symbol: '*'}",
      input: ExampleTable(["iban"], [["DE44 5001"], ["Ünter 7"]]),
      output: ExampleTable(["iban"], [["DE** ****"], ["Ünter *"]])),
    StepExample(
      "The mask symbol is one character", yaml: "mask_custom: {source_columns: [note], custom_value: Ada, mask_symbol: '**'}",
      input: ExampleTable(["note"], [["Ada"]]), error: "invalid-parameter"),
    StepExample(
      "A typed column has no text to mask", yaml: "mask_custom: {source_columns: [age], custom_value: '6'}",
      input: ExampleTable(fields: [Field(name: "age", type: .integer)], [["67"]]), error: "wrong-type"),
  ]
}

extension MaskCustom: ProtectsColumns {
  static let protection = "masked"
  var protectedColumns: [String] { sources.map(\.name) }
}
