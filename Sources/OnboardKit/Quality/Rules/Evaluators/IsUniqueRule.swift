/// `IsUnique "c" ["c2" ...]`: no value (or tuple) occurs twice (Uniqueness = 1).
enum IsUniqueRule: RuleEvaluator {
  static let ruleType = "IsUnique"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    try ValueCountRule.plan(rule, &planning) { counts, entity, names, _ in
      let uniqueness = UniquenessRule.uniqueness(counts)
      let repeated = counts.distinct - counts.singletons
      return RuleMeasurement(
        value: .verdict(
          passed: uniqueness == 1,
          message: "\(repeated) values of \(ValueCountRule.quoted(names)) occur more than once, in \(counts.rows - counts.singletons) rows"),
        metrics: ["\(entity).Uniqueness": uniqueness])
    }
  }
}
