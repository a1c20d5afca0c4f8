/// Adds two number columns, or a column and a constant, into a new column:
/// `add: {source_column1: net, source_column2: tax, target_column: gross}` or `add: {source_column1: net, value1: 10, target_column: gross}`.
///
/// Exact on plain decimals (`0.1 + 0.2` is `0.3`), with the larger number of places; doubles
/// otherwise (see `Arithmetic`). A null operand gives null; text that is not a number is quarantined.
public struct Add: Step {
  public static let kind = "add"
  public static let summary = "Add two number columns, or a column and a constant, into a new column."
  public static let parameterDocs = Arithmetic.parameterDocs
  public static let databrewOperation: String? = "ADD"

  private var core: Arithmetic

  public init(parameters: RecipeNode, context: StepContext) throws {
    core = try Arithmetic(.add, parameters: parameters, context: context)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    try core.plan(input, context: context)
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    core.apply(batch, rejects: &rejects)
  }

  public static let examples = [
    StepExample(
      "Exact decimal sums", yaml: "add: {source_column1: net, source_column2: tax, target_column: gross}",
      input: ExampleTable(["net", "tax"], [["0.1", "0.2"], ["100", "19.00"], ["5", nil]]),
      output: ExampleTable(["net", "tax", "gross"], [["0.1", "0.2", "0.3"], ["100", "19.00", "119.00"], ["5", nil, nil]])),
    StepExample(
      "A constant; text that is no number is quarantined", yaml: "add: {source_column1: age, value1: 1, target_column: next_age}",
      input: ExampleTable(["age"], [["67"], ["old"]]),
      output: ExampleTable(["age", "next_age"], [["67", "68"]]), rejectedRows: [1]),
    StepExample(
      "Either a second column or a constant, not both",
      yaml: "add: {source_column1: net, source_column2: tax, value1: 1, target_column: gross}",
      input: ExampleTable(["net", "tax"], [["1", "2"]]), error: "invalid-parameter"),
  ]
}
