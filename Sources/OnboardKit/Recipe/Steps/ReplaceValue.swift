/// Replaces one exact value of a text column with another:
/// `replace_value: {source_column: status, from: 'N/A', to: unknown}`.
///
/// Onboard's own step; DataBrew has no operation for it (its `REPLACE_TEXT` replaces text inside
/// values, this replaces whole values). Matching is exact, byte for byte, and case-sensitive;
/// other values are unchanged. `to: null` writes a null. A null is never matched (use
/// `fill_with_custom` to fill nulls).
public struct ReplaceValue: Step {
  public static let kind = "replace_value"
  public static let summary = "Replace one exact value of a text column with another."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column to change"),
    (name: "from", doc: "the whole value to replace, matched exactly"),
    (name: "to", doc: "the new value; `null` writes a null"),
  ]

  private var source: ColumnParameter
  private var from: [UInt8]
  private var to: [UInt8]?
  private var index = -1

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(allowed: ["source_column", "from", "to"], required: ["source_column", "from", "to"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    from = Array(try f.required("from", step: context.reference).string().utf8)
    to = try f["to"].map { Array(try $0.string().utf8) }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    batch.replacingText(at: index) { value, out in
      guard value.elementsEqual(from) else {
        out.append(contentsOf: value)
        return true
      }
      guard let to else { return false }
      out.append(contentsOf: to)
      return true
    }
  }

  public static let examples = [
    StepExample(
      "Spell a placeholder out", yaml: "replace_value: {source_column: status, from: 'N/A', to: unknown}",
      input: ExampleTable(["status"], [["N/A"], ["active"], ["n/a"], [nil]]),
      output: ExampleTable(["status"], [["unknown"], ["active"], ["n/a"], [nil]])),
    StepExample(
      "Or make it a null", yaml: "replace_value: {source_column: phone, from: '000', to: null}",
      input: ExampleTable(["phone"], [["000"], ["0301234"]]),
      output: ExampleTable(["phone"], [[nil], ["0301234"]])),
    StepExample(
      "Both values must be given", yaml: "replace_value: {source_column: status, from: 'N/A'}",
      input: ExampleTable(["status"], [["N/A"]]), error: "missing-key"),
  ]
}
