/// `Uniqueness "c" ["c2" ...] > 0.9`: values (or tuples) that occur exactly once ÷ rows, rows whose
/// columns are all NULL left out, as Deequ's `Uniqueness`. Not GX's "unique proportion", which is
/// distinct ÷ non-null.
enum UniquenessRule: RuleEvaluator {
  static let ruleType = "Uniqueness"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    try ValueCountRule.plan(rule, &planning) { counts, entity, names, _ in
      .number(uniqueness(counts), key: "\(entity).Uniqueness", subject: "Uniqueness of \(ValueCountRule.quoted(names))")
    }
  }

  /// 1 when there is nothing to count.
  static func uniqueness(_ counts: ValueCounts) -> Double {
    counts.rows == 0 ? 1 : Double(counts.singletons) / Double(counts.rows)
  }
}
