/// `IsUnique "c" ["c2" ...]`: no value (or tuple) occurs twice (Uniqueness = 1).
enum IsUniqueRule: RuleEvaluator {
  static let ruleType = "IsUnique"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    try ValueCountRule.plan(rule, &planning) { counts, entity, names, _ in
      let uniqueness = UniquenessRule.uniqueness(counts)
      return RuleMeasurement(
        value: .verdict(
          passed: uniqueness == 1,
          message: ValueCountRule.repeated(counts, names)),
        metrics: ["\(entity).Uniqueness": uniqueness])
    }
  }
}
