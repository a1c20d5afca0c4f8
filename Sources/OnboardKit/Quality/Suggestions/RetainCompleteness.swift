/// `Completeness "c" >= 0.95` for a column with some NULLs: its completeness, rounded down to two
/// decimals, must not drop (Deequ's RetainCompletenessRule, without its confidence interval).
enum RetainCompleteness {
  static func suggest(_ c: ColumnProfile) -> [RuleSuggestion] {
    guard c.nulls > 0, c.nulls < c.rows else { return [] }
    let floor = (c.completeness * 100).rounded(.down) / 100
    guard floor > 0 else { return [] }
    return [
      RuleSuggestion(
        rule: "Completeness \(DQDLExpression.quoted(c.name)) >= \(RuleJudge.number(floor))",
        reason: "\(c.nulls) of \(c.rows) values are missing")
    ]
  }
}
