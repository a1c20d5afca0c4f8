/// `IsComplete "c"`: no value is NULL (Completeness = 1).
enum IsCompleteRule: RuleEvaluator {
  static let ruleType = "IsComplete"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    let i = try planning.column(rule.parameters[0])
    let name = planning.schema[i].name
    return PlannedRule { inputs in
      let c = inputs.profile.columns[i]
      return RuleMeasurement(
        value: .verdict(passed: c.nulls == 0, message: "'\(name)' has \(RuleJudge.counted(c.nulls, "NULL value")) in \(RuleJudge.counted(c.rows, "row"))"),
        metrics: ["Column.\(name).Completeness": c.completeness])
    }
  }
}
