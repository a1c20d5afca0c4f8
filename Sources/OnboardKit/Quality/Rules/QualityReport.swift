import Foundation

/// The outcome of a rule set on one dataset: every rule and analyzer, and the score (rules passed
/// ÷ rules), as Glue's `GetDataQualityResult` reports them.
public struct QualityReport: Sendable, Equatable {
  /// The rule set's name: the rules file, or the recipe's product.
  public var ruleset: String
  /// The data evaluated, as the user named it.
  public var dataSource: String
  public var rows: Int
  public var rules: [RuleOutcome]
  public var analyzers: [AnalyzerOutcome]
  public var startedOn: Date
  public var completedOn: Date

  public init(
    ruleset: String, dataSource: String, rows: Int, rules: [RuleOutcome], analyzers: [AnalyzerOutcome] = [], startedOn: Date,
    completedOn: Date
  ) {
    self.ruleset = ruleset
    self.dataSource = dataSource
    self.rows = rows
    self.rules = rules
    self.analyzers = analyzers
    self.startedOn = startedOn
    self.completedOn = completedOn
  }

  public var passed: Int { rules.count { $0.result == .pass } }
  public var failed: Int { rules.count { $0.result == .fail } }
  public var errored: Int { rules.count { $0.result == .error } }

  /// Rules passed ÷ rules; 1 for an empty rule set.
  public var score: Double { rules.isEmpty ? 1 : Double(passed) / Double(rules.count) }
}
