/// Every step kind a recipe may use; adding a step is one file and one line here.
public enum StepRegistry {
  public static let all: [any Step.Type] = [
    // column structure
    Rename.self,
    Drop.self,
    // typing and values
    MapValues.self,
    Cast.self,
    // text (case, format, clean, extract)
    // missing, invalid and duplicate values; rows
  ]

  /// The step DataBrew calls `operation`.
  public static func type(databrewOperation operation: String) -> (any Step.Type)? {
    all.first { $0.databrewOperation == operation }
  }

  public static func type(named kind: String) -> (any Step.Type)? { all.first { $0.kind == kind } }

  static func parseSteps(_ node: RecipeNode, folder: String) throws -> [PlannableStep] {
    try node.items().enumerated().map { offset, item in
      let entries = try item.entries()
      guard entries.count == 1, let entry = entries.first else {
        throw RecipeError(
          "malformed-step", "step \(offset + 1) must be one `kind: parameters` entry, found \(entries.count) keys",
          at: item.location, fix: "write each step as `- rename: {old: new}`, one per list item")
      }
      let reference = StepReference(index: offset + 1, kind: entry.key)
      guard let type = StepRegistry.type(named: entry.key) else {
        let fix = Suggestion.nearest(to: entry.key, in: all.map { $0.kind }).map { "did you mean '\($0)'?" }
          ?? "the steps are: \(all.map { $0.kind }.joined(separator: ", "))"
        throw RecipeError("unknown-step", "unknown step '\(entry.key)'", at: entry.keyNode.location, step: reference, fix: fix)
      }
      let context = StepContext(reference: reference, location: entry.keyNode.location, folder: folder)
      return PlannableStep(step: try type.init(parameters: entry.value, context: context), context: context)
    }
  }
}

/// A parsed step with its place in the recipe.
public struct PlannableStep: Sendable {
  public var step: any Step
  public var context: StepContext
}
