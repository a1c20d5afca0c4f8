/// `Mean "c" between 10 and 20`: the mean of the numbers, NULLs ignored.
enum MeanRule: RuleEvaluator {
  static let ruleType = "Mean"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    try ColumnMoment.plan(rule, &planning, metric: "Mean") { $0.mean }
  }
}
