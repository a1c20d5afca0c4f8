/// Multiplies two operands into a new column:
/// `multiply: {source_column1: price, source_column2: quantity, target_column: total}`.
///
/// Exact on plain decimals, with the places of both operands added (`1.5 × 2.00` is `3.000`),
/// as SQL decimals; doubles otherwise (see `Arithmetic`). A null operand gives null; text that is
/// not a number is quarantined.
public struct Multiply: Step {
  public static let kind = "multiply"
  public static let summary = "Multiply a number column by another, or by a constant, into a new column."
  public static let parameterDocs = Arithmetic.parameterDocs
  public static let databrewOperation: String? = "MULTIPLY"

  private var core: Arithmetic

  public init(parameters: RecipeNode, context: StepContext) throws {
    core = try Arithmetic(.multiply, parameters: parameters, context: context)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    try core.plan(input, context: context)
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    core.apply(batch, rejects: &rejects)
  }

  public static let examples = [
    StepExample(
      "Price times quantity", yaml: "multiply: {source_column1: price, source_column2: quantity, target_column: total}",
      input: ExampleTable(["price", "quantity"], [["1.10", "3"], ["0.1", "0.2"], ["2", nil]]),
      output: ExampleTable(["price", "quantity", "total"], [["1.10", "3", "3.30"], ["0.1", "0.2", "0.02"], ["2", nil, nil]])),
    StepExample(
      "By a constant; text that is no number is quarantined",
      yaml: "multiply: {source_column1: months, value1: 30, target_column: days}",
      input: ExampleTable(["months"], [["6"], ["six"]]),
      output: ExampleTable(["months", "days"], [["6", "180"]]), rejectedRows: [1]),
    StepExample(
      "The operands must hold text", yaml: "multiply: {source_column1: price, value1: 2, target_column: total}",
      input: ExampleTable(fields: [Field(name: "price", type: .double)], [["1.5"]]), error: "wrong-type"),
  ]
}
