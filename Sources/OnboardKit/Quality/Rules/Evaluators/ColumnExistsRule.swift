/// `ColumnExists "load_dt"`: the column is in the schema (the exact name, or one name without case).
enum ColumnExistsRule: RuleEvaluator {
  static let ruleType = "ColumnExists"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    _ = try planning.column(rule.parameters[0])
    return PlannedRule { _ in RuleMeasurement(value: .verdict(passed: true, message: nil)) }
  }
}
