/// Subtracts the second operand from the first into a new column:
/// `subtract: {source_column1: gross, source_column2: net, target_column: tax}`.
///
/// Exact on plain decimals, with the larger number of places; doubles otherwise (see
/// `Arithmetic`). A null operand gives null; text that is not a number is quarantined.
public struct Subtract: Step {
  public static let kind = "subtract"
  public static let summary = "Subtract a number column, or a constant, from another, into a new column."
  public static let parameterDocs = Arithmetic.parameterDocs
  public static let databrewOperation: String? = "SUBTRACT"

  private var core: Arithmetic

  public init(parameters: RecipeNode, context: StepContext) throws {
    core = try Arithmetic(.subtract, parameters: parameters, context: context)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    try core.plan(input, context: context)
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    core.apply(batch, rejects: &rejects)
  }

  public static let examples = [
    StepExample(
      "Difference of two columns", yaml: "subtract: {source_column1: gross, source_column2: net, target_column: tax}",
      input: ExampleTable(["gross", "net"], [["119.00", "100"], ["1.3", "1.1"], [nil, "1"]]),
      output: ExampleTable(["gross", "net", "tax"], [["119.00", "100", "19.00"], ["1.3", "1.1", "0.2"], [nil, "1", nil]])),
    StepExample(
      "Minus a constant; a second column that is no number is quarantined",
      yaml: "subtract: {source_column1: year, value1: 1900, target_column: since_1900}",
      input: ExampleTable(["year"], [["1999"], ["MCMXCIX"]]),
      output: ExampleTable(["year", "since_1900"], [["1999", "99"]]), rejectedRows: [1]),
    StepExample(
      "A second operand is needed", yaml: "subtract: {source_column1: gross, target_column: tax}",
      input: ExampleTable(["gross"], [["1"]]), error: "invalid-parameter"),
  ]
}
