/// `ColumnCount = 20`: the number of columns.
enum ColumnCountRule: RuleEvaluator {
  static let ruleType = "ColumnCount"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) -> PlannedRule {
    let count = Double(planning.schema.count)
    return PlannedRule { _ in .number(count, key: "Dataset.*.ColumnCount", subject: "ColumnCount") }
  }
}
