/// `DataFreshness "order_date" <= 24 hours`: each value's age at the run's start meets the
/// condition; NULL and values that are no date fail.
enum DataFreshnessRule: RuleEvaluator {
  static let ruleType = "DataFreshness"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    let now = planning.now
    let schema = planning.schema
    return try RowLevelRule.plan(rule, &planning, metric: "DataFreshness") { column, condition throws(RowTest.Problem) in
      try RowTest.ages(condition, column: column, format: schema[column].format ?? .standard, now: now)
    }
  }
}
