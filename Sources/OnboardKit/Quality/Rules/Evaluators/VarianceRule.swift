/// `Variance "c" <= 10`: the population variance (divided by n), NULLs ignored.
enum VarianceRule: RuleEvaluator {
  static let ruleType = "Variance"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    try ColumnMoment.plan(rule, &planning, metric: "Variance") { $0.populationVariance }
  }
}
