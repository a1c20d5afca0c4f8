/// Replaces the numbers of a column with their absolute values: `absolute: {source_column: balance}`.
///
/// Exact decimals stay exact and keep their places (`-12.50` → `12.50`). Text that is not a
/// number is quarantined; nulls stay null. The result is canonical text.
public struct Absolute: Step {
  public static let kind = "absolute"
  public static let summary = "Replace the numbers of a column with their absolute values."
  public static let parameterDocs = [(name: "source_column", doc: "the text column of numbers")]
  public static let databrewOperation: String? = "ABSOLUTE"

  private var source: ColumnParameter
  private var index = 0

  public init(parameters: RecipeNode, context: StepContext) throws {
    source = try ColumnParameter.onlySourceColumn(of: parameters, context: context)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    var output = input
    output[index].format = nil
    return output
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    var output = batch.computingText(from: index, appending: nil, code: "not-a-number", rejects: &rejects) { parsed, raw, out in
      switch StepNumber(parsed) {
      case .exact(let u, let s)?:
        let (v, overflow) = (0 as Int64).subtractingReportingOverflow(u)
        (u >= 0 ? StepNumber.exact(u, scale: s) : overflow ? .double(-Double(u)) : .exact(v, scale: s)).write(to: &out)
      case .double(let d)?: StepNumber.double(abs(d)).write(to: &out)
      case nil: return .refused(notANumber(raw, column: source.name))
      }
      return .written
    }
    output.schema[index].format = nil
    return output
  }

  public static let examples = [
    StepExample(
      "Debts as amounts", yaml: "absolute: {source_column: balance}",
      input: ExampleTable(["balance"], [["-12.50"], ["3"], ["-0.0"], [nil]]),
      output: ExampleTable(["balance"], [["12.50"], ["3"], ["0.0"], [nil]])),
    StepExample(
      "Text that is no number is quarantined", yaml: "absolute: {source_column: delta}",
      input: ExampleTable(["delta"], [["-4"], ["minus four"]]),
      output: ExampleTable(["delta"], [["4"]]), rejectedRows: [1]),
    StepExample(
      "A misspelt column is refused", yaml: "absolute: {source_column: balanse}",
      input: ExampleTable(["balance"], [["-1"]]), error: "unknown-column"),
  ]
}
