/// Renames columns: `rename: {old_name: new_name, ...}`.
///
/// Renames apply together, so `{a: b, b: a}` swaps two columns. A new name that collides with a
/// column left as it is, or two columns given one name, is an error.
public struct Rename: Step {
  public static let kind = "rename"
  public static let summary = "Rename columns; all renames of the step apply at once."
  public static let parameterDocs = [
    (name: "<old>: <new>", doc: "one entry per column to rename, in any order"),
    (name: "source_column, target_column", doc: "DataBrew's RENAME: one column (DataBrew recipes only)"),
  ]
  public static let databrewOperation: String? = "RENAME"
  public static let conditionUse = ConditionUse.none

  private var pairs: [(old: String, new: String, location: RecipeLocation)] = []
  private var planned = Schema([])

  public init(parameters: RecipeNode, context: StepContext) throws {
    if context.spelling == .databrew {
      let f = try parameters.fields(allowed: ["source_column", "target_column"], required: ["source_column", "target_column"], step: context.reference)
      pairs = [(try f["source_column"]!.string(), try f["target_column"]!.string(), f["source_column"]!.location)]
      return
    }
    for entry in try parameters.entries() {
      let new = try entry.value.string()
      guard !new.isEmpty else {
        throw context.error("empty-name", "the new name of '\(entry.key)' is empty", at: entry.value.location, column: entry.key)
      }
      pairs.append((entry.key, new, entry.keyNode.location))
    }
    guard !pairs.isEmpty else {
      throw context.error("missing-parameter", "rename needs at least one `old: new` entry", fix: "write `- rename: {old_name: new_name}`")
    }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    var output = input
    for pair in pairs {
      let i = try context.index(of: pair.old, in: input, at: pair.location)
      output[i].name = pair.new
    }
    var seen: [String: Int] = [:]
    for (i, name) in output.names.enumerated() {
      if let j = seen[name] {
        throw context.error(
          "duplicate-column", "after renaming, columns \(j + 1) and \(i + 1) are both named '\(name)'",
          column: name, fix: "pick another new name, or drop one of the columns first")
      }
      seen[name] = i
    }
    planned = output
    return output
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    var output = batch
    output.schema = planned
    return output
  }

  public static let examples = [
    StepExample(
      "German short names to English", yaml: "rename: {laufzeit: duration_in_month, hoehe: credit_amount}",
      input: ExampleTable(["laufzeit", "hoehe"], [["6", "1169"], ["48", "5951"]]),
      output: ExampleTable(["duration_in_month", "credit_amount"], [["6", "1169"], ["48", "5951"]])),
    StepExample(
      "Swapping two names", yaml: "rename: {a: b, b: a}",
      input: ExampleTable(["a", "b"], [["1", "2"]]),
      output: ExampleTable(["b", "a"], [["1", "2"]])),
    StepExample(
      "An unknown column is refused before any row is read", yaml: "rename: {hohe: credit_amount}",
      input: ExampleTable(["hoehe"], [["1169"]]), error: "unknown-column"),
    StepExample(
      "A new name may not collide with a column that stays", yaml: "rename: {a: b}",
      input: ExampleTable(["a", "b"], [["1", "2"]]), error: "duplicate-column"),
  ]
}

/// Each column keeps its place and its values under its new name.
extension Rename: DeclaresLineage {
  func lineage(from input: Schema, to output: Schema) -> StepLineage { .byPosition(input, output) }
}
