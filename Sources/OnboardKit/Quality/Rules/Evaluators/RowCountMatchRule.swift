/// `RowCountMatch "ref" >= 0.9`: the data's rows ÷ the reference's rows, as Deequ's
/// `RowCountMatch`. An empty reference fails: the ratio is undefined (Deequ would divide by 0).
enum RowCountMatchRule: RuleEvaluator {
  static let ruleType = "RowCountMatch"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) -> PlannedRule {
    let alias = rule.parameters[0]
    guard planning.needReference(alias) else { return ComparisonRule.unknownAlias(alias, planning) }
    return ComparisonRule.planned { inputs throws(ComparisonRule.Unmeasured) in
      let reference = try inputs.references.source(alias).profile.rows
      guard reference > 0 else {
        throw .fail("the reference '\(alias)' has no rows: the ratio of row counts is undefined")
      }
      let rows = inputs.profile.rows
      return .number(
        Double(rows) / Double(reference), key: "Dataset.\(alias).RowCountMatch",
        subject: "RowCountMatch with '\(alias)' (\(rows) rows ÷ \(reference))")
    }
  }
}
