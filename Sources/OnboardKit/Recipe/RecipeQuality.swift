import Foundation

/// The recipe's `quality` section: DQDL rules that gate the product, from a file next to the
/// recipe or written inline, judged on the curated data in the run's single pass.
///
/// ```yaml
/// quality:
///   rules: german-credit.dqdl     # a DQDL file, relative to the recipe; or
///   dqdl: |                        # the rules inline
///     Rules = [ RowCount > 0, IsComplete "age_in_years" ]
///   blocking: true                 # the default: a failed rule keeps the curated data unpublished
///   history: quality-history.jsonl # earlier runs' metrics, for last(k) and DetectAnomalies
///   references:                    # second sources of comparison rules, by alias
///     customers: ../data/customers.csv
/// ```
///
/// A rule labelled `"blocking"="false"` warns instead: it is reported as failed, but neither
/// stops publishing nor fails the run.
public struct RecipeQuality: Sendable {
  public var document: DQDLDocument
  /// The rules file as the recipe names it, or the recipe itself for inline rules.
  public var source: String
  /// Whether a failed rule keeps the data unpublished, unless the rule's label says otherwise.
  public var blocking: Bool
  /// The metric history file (`MetricHistory`), resolved against the recipe's folder.
  public var history: String?
  /// Second sources that comparison rules name by alias, read as the recipe's `source` is
  /// (a path, or a mapping with `path` and the same reading settings).
  public var references: [String: RuleEnvironment.Reference] = [:]

  static let keys = ["rules", "dqdl", "blocking", "history", "references"]

  static func parse(_ node: RecipeNode, folder: String) throws -> RecipeQuality {
    let f = try node.fields(allowed: keys)
    let blocking = try f["blocking"]?.bool() ?? true
    let history = try f["history"].map { Recipe.resolve(try $0.string(), in: folder) }
    var references: [String: RuleEnvironment.Reference] = [:]
    for entry in try f["references"]?.entries() ?? [] {
      let source = entry.value.isScalar
        ? Recipe.Source(path: try entry.value.string(), resolvedPath: Recipe.resolve(try entry.value.string(), in: folder), options: .init())
        : try Recipe.parseSource(entry.value, folder: folder)
      references[entry.key] = RuleEnvironment.Reference(path: source.resolvedPath, options: source.options)
    }
    switch (f["rules"], f["dqdl"]) {
    case (let file?, nil):
      let path = try file.string()
      let document: DQDLDocument
      do {
        document = try Checker.rules(at: Recipe.resolve(path, in: folder))
      } catch var error as DQDLError where error.code == "unreadable-rules" {
        error.location = file.location
        throw error
      }
      return RecipeQuality(document: document, source: path, blocking: blocking, history: history, references: references)
    case (nil, let inline?):
      let text = try inline.string()
      do {
        return RecipeQuality(
          document: try DQDLParser.parse(text, file: inline.location.file), source: inline.location.file, blocking: blocking, history: history,
          references: references)
      } catch var error as DQDLError {
        // Lines of a block scalar start on the line after its key.
        if text.contains("\n") { error.location.line += inline.location.line }
        throw error
      }
    case (.some, .some):
      throw RecipeError("quality-rules-twice", "'quality' has both `rules` and `dqdl`", at: node.location, fix: "keep one of them")
    case (nil, nil):
      throw RecipeError(
        "missing-parameter", "'quality' names no rules", at: node.location,
        fix: "add `rules: <file>.dqdl`, or `dqdl: |` with the rules indented under it")
    }
  }

  /// Whether this outcome keeps the data unpublished: a failed or errored blocking rule.
  public func blocks(_ outcome: RuleOutcome) -> Bool {
    outcome.result != .pass && isBlocking(outcome)
  }

  /// Whether the rule would keep the data unpublished if it failed: its `blocking` label, else
  /// the section's default.
  public func isBlocking(_ outcome: RuleOutcome) -> Bool {
    switch outcome.labels["blocking"]?.lowercased() {
    case "false", "no": return false
    case "true", "yes": return true
    default: return blocking
    }
  }
}
