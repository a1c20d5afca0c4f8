/// Masks the text between a start and an end delimiter:
/// `mask_delimiter: {source_columns: [email], start_delimiter: '<', end_delimiter: '>', preserve_delimiters: true}`.
///
/// Delimiters are literal text. The value is scanned left to right: each start delimiter is paired
/// with the next end delimiter after it, and the span between them is masked, one symbol per
/// Unicode character; scanning goes on after the end delimiter, so every pair in a value is masked.
/// A start delimiter with no end after it masks nothing. `alphabet` lists the classes of
/// characters left visible (`SYMBOLS`, `WHITESPACE`). Nulls stay null.
///
/// DataBrew's page contradicts itself on `preserve_delimiters`: it says "if true, applies mask to
/// delimiters", against the parameter's name. We follow the name, which is what a recipe's reader
/// sees: `true` leaves the delimiters visible, `false` (default) masks them with the span.
public struct MaskDelimiter: Step {
  public static let kind = "mask_delimiter"
  public static let summary = "Mask the text between a start and an end delimiter in text columns."
  public static let parameterDocs = [
    (name: "source_columns", doc: "the text columns to mask (a name or a list; `source_column` also works)"),
    (name: "start_delimiter", doc: "the literal text that opens a masked span"),
    (name: "end_delimiter", doc: "the literal text that closes it"),
    (name: "preserve_delimiters", doc: "true leaves the delimiters visible; false (default) masks them too (see the note on DataBrew's wording)"),
    (name: "alphabet", doc: "characters left visible in the span: a list of SYMBOLS and WHITESPACE (default: none)"),
    (name: "mask_symbol", doc: "the one character written per masked character (default `#`)"),
  ]
  public static let databrewOperation: String? = "MASK_DELIMITER"

  private var sources: [ColumnParameter]
  private var masking: Masking
  private var startDelimiter: String
  private var endDelimiter: String
  private var preserveDelimiters: Bool
  private var indices: [Int] = []

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: Masking.keys + ["start_delimiter", "end_delimiter", "preserve_delimiters", "alphabet"],
      required: ["start_delimiter", "end_delimiter"], step: context.reference)
    sources = try ColumnParameter.sourceList(f, context: context)
    masking = try Masking(f, context: context)
    let startNode = try f.required("start_delimiter", step: context.reference)
    let endNode = try f.required("end_delimiter", step: context.reference)
    startDelimiter = try startNode.string()
    endDelimiter = try endNode.string()
    for (name, node, text) in [("start_delimiter", startNode, startDelimiter), ("end_delimiter", endNode, endDelimiter)] where text.isEmpty {
      throw context.error("invalid-parameter", "\(name) is empty", at: node.location, fix: "write the delimiter text, such as `'('`")
    }
    preserveDelimiters = try f["preserve_delimiters"]?.bool() ?? false
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    indices = try sources.map { try $0.textIndex(in: input, context: context) }
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    Masking.apply(batch, indices: indices) { text in
      var out = ""
      var rest = text.startIndex
      while let open = text[rest...].range(of: startDelimiter),
        let close = text[open.upperBound...].range(of: endDelimiter)
      {
        out += text[rest ..< open.lowerBound]
        if preserveDelimiters {
          out += text[open]
          masking.mask(text[open.upperBound ..< close.lowerBound], into: &out)
          out += text[close]
        } else {
          masking.mask(text[open.lowerBound ..< close.upperBound], into: &out)
        }
        rest = close.upperBound
      }
      out += text[rest...]
      return out
    }
  }

  public static let examples = [
    StepExample(
      "Mask what is in brackets, keeping the brackets",
      yaml: "mask_delimiter: {source_columns: [contact], start_delimiter: '<', end_delimiter: '>', preserve_delimiters: true}",
      input: ExampleTable(["contact"], [["Ada <ada@x.org>"], ["<a> and <bc>"], ["no brackets <"], [nil]]),
      output: ExampleTable(["contact"], [["Ada <#########>"], ["<#> and <##>"], ["no brackets <"], [nil]])),
    StepExample(
      "By default the delimiters are masked too", yaml: "mask_delimiter: {source_columns: [phone], start_delimiter: '(', end_delimiter: ')', mask_symbol: '*'}",
      input: ExampleTable(["phone"], [["(030) 12-34"], ["+1 (555)"]]),
      output: ExampleTable(["phone"], [["***** 12-34"], ["+1 *****"]])),
    StepExample(
      "The alphabet keeps whitespace visible inside the span",
      yaml: "mask_delimiter: {source_columns: [name], start_delimiter: '[', end_delimiter: ']', preserve_delimiters: true, alphabet: [WHITESPACE]}",
      input: ExampleTable(["name"], [["Dr [Ada King]"]]),
      output: ExampleTable(["name"], [["Dr [### ####]"]])),
    StepExample(
      "Both delimiters are needed", yaml: "mask_delimiter: {source_columns: [phone], start_delimiter: '('}",
      input: ExampleTable(["phone"], [["(030)"]]), error: "missing-key"),
  ]
}

extension MaskDelimiter: ProtectsColumns {
  static let protection = "masked"
  var protectedColumns: [String] { sources.map(\.name) }
}
