/// Divides the first operand by the second into a new column:
/// `divide: {source_column1: amount, source_column2: months, target_column: per_month}`.
///
/// Division by zero gives null, as in Spark SQL (which DataBrew runs), rather than an error or
/// infinity. The quotient of two plain decimals is exact when it ends within 18 places (`1 / 8` is
/// `0.125`), otherwise a double (`1 / 3` is `0.3333333333333333`). A null operand gives null; text
/// that is not a number is quarantined.
public struct Divide: Step {
  public static let kind = "divide"
  public static let summary = "Divide a number column by another, or by a constant, into a new column; by zero gives null."
  public static let parameterDocs = Arithmetic.parameterDocs
  public static let databrewOperation: String? = "DIVIDE"

  private var core: Arithmetic

  public init(parameters: RecipeNode, context: StepContext) throws {
    core = try Arithmetic(.divide, parameters: parameters, context: context)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    try core.plan(input, context: context)
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    core.apply(batch, rejects: &rejects)
  }

  public static let examples = [
    StepExample(
      "Exact where the quotient ends; by zero gives null",
      yaml: "divide: {source_column1: amount, source_column2: months, target_column: per_month}",
      input: ExampleTable(["amount", "months"], [["1", "8"], ["100.50", "2"], ["1", "3"], ["5", "0"]]),
      output: ExampleTable(["amount", "months", "per_month"],
                           [["1", "8", "0.125"], ["100.50", "2", "50.25"], ["1", "3", "0.3333333333333333"], ["5", "0", nil]])),
    StepExample(
      "By a constant; text that is no number is quarantined", yaml: "divide: {source_column1: cents, value1: 100, target_column: euros}",
      input: ExampleTable(["cents"], [["1999"], ["ten"]]),
      output: ExampleTable(["cents", "euros"], [["1999", "19.99"]]), rejectedRows: [1]),
    StepExample(
      "The constant must be a number", yaml: "divide: {source_column1: cents, value1: hundred, target_column: euros}",
      input: ExampleTable(["cents"], [["1"]]), error: "invalid-parameter"),
  ]
}
