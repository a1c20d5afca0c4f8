/// `Entropy "c" > 1`: −Σ p·ln p over the values' shares, NULLs left out, in nats (natural log),
/// as Deequ computes it; AWS's text says "bits". The profile reports entropy in bits: divide by
/// ln 2 to compare.
enum EntropyRule: RuleEvaluator {
  static let ruleType = "Entropy"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    try ValueCountRule.plan(rule, &planning) { counts, entity, names, _ in
      .number(counts.entropy, key: "\(entity).Entropy", subject: "Entropy of \(ValueCountRule.quoted(names))")
    }
  }
}
