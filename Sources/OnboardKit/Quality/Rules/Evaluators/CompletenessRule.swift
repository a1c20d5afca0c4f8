/// `Completeness "c" > 0.95`: non-NULL values ÷ rows. NULL is what the profile counts as null:
/// missing, empty, blank or a null token (onboard reads an empty CSV field as NULL, as DataBrew
/// does; Glue reads it as an empty string in a text column).
enum CompletenessRule: RuleEvaluator {
  static let ruleType = "Completeness"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    let i = try planning.column(rule.parameters[0])
    let name = planning.schema[i].name
    return PlannedRule { inputs in
      .number(inputs.profile.columns[i].completeness, key: "Column.\(name).Completeness", subject: "Completeness of '\(name)'")
    }
  }
}
