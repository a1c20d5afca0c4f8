/// `RowCount > 100`: the number of rows.
enum RowCountRule: RuleEvaluator {
  static let ruleType = "RowCount"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) -> PlannedRule {
    PlannedRule { inputs in .number(Double(inputs.profile.rows), key: "Dataset.*.RowCount", subject: "RowCount") }
  }
}
