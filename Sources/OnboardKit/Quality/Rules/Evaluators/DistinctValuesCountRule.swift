/// `DistinctValuesCount "c" > 10`: the number of distinct values, exactly, NULL not counted (as
/// SQL's `COUNT(DISTINCT c)`; Deequ's histogram counts NULL as one more value).
enum DistinctValuesCountRule: RuleEvaluator {
  static let ruleType = "DistinctValuesCount"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    try ValueCountRule.plan(rule, &planning) { counts, entity, names, _ in
      .number(Double(counts.distinct), key: "\(entity).DistinctValuesCount", subject: "DistinctValuesCount of \(ValueCountRule.quoted(names))")
    }
  }
}
