/// Removes columns: `drop: [a, b]` or `drop: a`.
public struct Drop: Step {
  public static let kind = "drop"
  public static let summary = "Remove columns from the product."
  public static let parameterDocs = [
    (name: "<list of columns>", doc: "the columns to remove"),
    (name: "source_column / source_columns", doc: "DataBrew's DELETE (DataBrew recipes only)"),
  ]
  public static let databrewOperation: String? = "DELETE"
  public static let conditionUse = ConditionUse.none

  private var names: [String]
  private var locations: [RecipeLocation]
  private var keep: [Int] = []

  public init(parameters: RecipeNode, context: StepContext) throws {
    if context.spelling == .databrew {
      let columns = try parameters.fields(allowed: ["source_column", "source_columns"], step: context.reference).sourceColumns(step: context.reference)
      names = columns.map(\.name)
      locations = columns.map(\.location)
    } else if parameters.isSequence {
      let items = try parameters.items()
      names = try items.map { try $0.string() }
      locations = items.map(\.location)
    } else {
      names = [try parameters.string()]
      locations = [parameters.location]
    }
    guard !names.isEmpty else { throw context.error("missing-parameter", "drop needs at least one column") }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    var dropped = Set<Int>()
    for (name, location) in zip(names, locations) { dropped.insert(try context.index(of: name, in: input, at: location)) }
    guard dropped.count < input.count else {
      throw context.error("no-columns-left", "dropping \(names.joined(separator: ", ")) leaves no columns", fix: "keep at least one column")
    }
    keep = input.fields.indices.filter { !dropped.contains($0) }
    return Schema(keep.map { input[$0] })
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    Batch(schema: Schema(keep.map { batch.schema[$0] }), columns: keep.map { batch.columns[$0] }, origins: batch.origins)
  }

  public static let examples = [
    StepExample(
      "Drop one column", yaml: "drop: [telephone]",
      input: ExampleTable(["age", "telephone"], [["67", "none"], ["22", "yes"]]),
      output: ExampleTable(["age"], [["67"], ["22"]])),
    StepExample(
      "A misspelt column is refused with a suggestion", yaml: "drop: telefone",
      input: ExampleTable(["telephone"], [["none"]]), error: "unknown-column"),
  ]
}
