/// `Sum "c" > 100`: the sum of the numbers, NULLs ignored.
enum SumRule: RuleEvaluator {
  static let ruleType = "Sum"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    try ColumnMoment.plan(rule, &planning, metric: "Sum") { $0.sum }
  }
}
