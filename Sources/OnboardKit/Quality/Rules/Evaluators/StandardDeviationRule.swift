/// `StandardDeviation "c" < 1.5`: the population standard deviation (divided by n), NULLs ignored.
enum StandardDeviationRule: RuleEvaluator {
  static let ruleType = "StandardDeviation"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    try ColumnMoment.plan(rule, &planning, metric: "StandardDeviation") { $0.populationStandardDeviation }
  }
}
