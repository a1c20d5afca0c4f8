/// `UniqueValueRatio "c" < 0.5`: values that occur exactly once ÷ distinct values, NULLs left out.
/// `[a, a, b]` gives 1/2, where Uniqueness gives 1/3.
enum UniqueValueRatioRule: RuleEvaluator {
  static let ruleType = "UniqueValueRatio"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    try ValueCountRule.plan(rule, &planning) { counts, entity, names, _ in
      let ratio = counts.distinct == 0 ? 1 : Double(counts.singletons) / Double(counts.distinct)
      return .number(ratio, key: "\(entity).UniqueValueRatio", subject: "UniqueValueRatio of \(ValueCountRule.quoted(names))")
    }
  }
}
