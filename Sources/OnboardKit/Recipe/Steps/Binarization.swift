/// Writes 1 or 0 to a new column by comparing numbers with a threshold:
/// `binarization: {source_column: income, target_column: high_income, threshold: 5000}`.
///
/// A value greater than `threshold` gives `1`, otherwise `0`; with `flip: true` it is the other
/// way round, values less than or equal to the threshold give `1` (as DataBrew documents). The
/// comparison is exact on decimals. Text that is not a number is quarantined; nulls give null.
public struct Binarization: Step {
  public static let kind = "binarization"
  public static let summary = "Write 1 or 0 to a new column, by whether a number is above a threshold."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column of numbers"),
    (name: "target_column", doc: "the new column; must not exist yet"),
    (name: "threshold", doc: "the number to compare with; values above it give 1"),
    (name: "flip", doc: "true: values at or below the threshold give 1 instead (default false)"),
  ]
  public static let databrewOperation: String? = "BINARIZATION"

  private var source: ColumnParameter
  private var target: ColumnParameter
  private var threshold: StepNumber
  private var flip = false
  private var index = 0
  private var field = Field(name: "", type: .string)

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "target_column", "threshold", "flip"], required: ["source_column", "target_column", "threshold"],
      step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    target = try ColumnParameter(f, "target_column", context: context)
    threshold = try f.number("threshold", context: context) ?? .exact(0, scale: 0)
    flip = try f["flip"]?.bool() ?? false
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    field = try target.newField(in: input, context: context)
    var output = input
    output.append(field)
    return output
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    batch.computingText(from: index, appending: field, code: "not-a-number", rejects: &rejects) { parsed, raw, out in
      guard let n = StepNumber(parsed) else { return .refused(notANumber(raw, column: source.name)) }
      let above = StepNumber.compare(n, threshold) > 0
      out.append(above != flip ? UInt8(ascii: "1") : UInt8(ascii: "0"))
      return .written
    }
  }

  public static let examples = [
    StepExample(
      "Above the threshold is 1", yaml: "binarization: {source_column: amount, target_column: large, threshold: 5000}",
      input: ExampleTable(["amount"], [["5000"], ["5000.01"], ["120"], [nil]]),
      output: ExampleTable(["amount", "large"], [["5000", "0"], ["5000.01", "1"], ["120", "0"], [nil, nil]])),
    StepExample(
      "Flipped: at or below is 1; no number is quarantined",
      yaml: "binarization: {source_column: age, target_column: young, threshold: 25, flip: true}",
      input: ExampleTable(["age"], [["25"], ["67"], ["unknown"]]),
      output: ExampleTable(["age", "young"], [["25", "1"], ["67", "0"]]), rejectedRows: [2]),
    StepExample(
      "The threshold must be a number", yaml: "binarization: {source_column: age, target_column: young, threshold: high}",
      input: ExampleTable(["age"], [["25"]]), error: "invalid-parameter"),
  ]
}
