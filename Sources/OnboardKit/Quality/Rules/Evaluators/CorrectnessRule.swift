/// Ours, not DQDL's: `Correctness "age_in_years" >= 0.99` gates on the share of non-NULL values
/// inside the column's declared domain (the recipe's `allowed`, `range`, `pattern`, `length` and
/// type), as the profile counts it. Glue rejects the rule type.
enum CorrectnessRule: RuleEvaluator {
  static let ruleType = "Correctness"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    let i = try planning.column(rule.parameters[0])
    let name = planning.schema[i].name
    return PlannedRule { inputs in
      guard let correctness = inputs.profile.columns[i].correctness else {
        return .settled(.error, "'\(name)' has no declared domain: declare `allowed`, `range`, `pattern` or `type` for it in the recipe's `columns`")
      }
      return .number(correctness, key: "Column.\(name).Correctness", subject: "Correctness of '\(name)'")
    }
  }
}
