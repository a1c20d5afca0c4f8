/// What a rule measured, before its condition is applied: a number (compared with the
/// condition), a compliance (the share of rows that passed, compared with the threshold, or with
/// 1 without one), a verdict of its own (boolean rules), or why it could not be measured.
struct RuleMeasurement: Sendable {
  enum Value: Sendable {
    /// Compared with the rule's condition; `history` keys the metric for dynamic conditions.
    case number(Double)
    /// Rows that passed a row-level test, of the rows tested.
    case compliance(passed: Int, rows: Int)
    case verdict(passed: Bool, message: String?)
    /// Decided without a condition: a missing column (FAIL: a rule on a missing column fails
    /// with a reason), a rule that cannot be evaluated (ERROR), or one that passes until the
    /// metric history is long enough (PASS, saying so).
    case settled(RuleOutcome.Result, String)
  }

  var value: Value
  /// Metrics by Glue's key (`Column.age.Completeness`), reported whatever the outcome.
  var metrics: [String: Double] = [:]
  /// The key of the metric the condition reads, for messages and the history of dynamic rules.
  var key: String?
  /// What the number is, for messages: "Completeness of 'age'".
  var subject: String = ""

  static func settled(_ result: RuleOutcome.Result, _ message: String) -> RuleMeasurement {
    RuleMeasurement(value: .settled(result, message))
  }

  static func number(_ x: Double, key: String, subject: String, metrics extra: [String: Double] = [:]) -> RuleMeasurement {
    RuleMeasurement(value: .number(x), metrics: extra.merging([key: x]) { a, _ in a }, key: key, subject: subject)
  }
}

/// What a rule reads once the pass is over.
struct RuleInputs: Sendable {
  /// What the rules of each `where` clause read instead: its rows' profile and probes.
  var scopes: [RuleInputs] = []
  var profile: TableProfile
  var probes: RuleProbes
  /// Earlier runs' values of each metric, oldest first (the metric history file).
  var history: [String: [Double]] = [:]
  /// The second sources of the comparison rules, read after the pass (`RuleSet.readReferences`).
  var references = RuleReferences()
}

/// A rule planned against the schema: how to measure it from the pass's results.
struct PlannedRule: Sendable {
  var measure: @Sendable (RuleInputs) -> RuleMeasurement

  static func settled(_ result: RuleOutcome.Result, _ message: String) -> PlannedRule {
    PlannedRule { _ in .settled(result, message) }
  }
}
