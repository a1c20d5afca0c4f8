/// `IsPrimaryKey "a" ["b" ...]`: every column is complete and the tuples are unique.
enum IsPrimaryKeyRule: RuleEvaluator {
  static let ruleType = "IsPrimaryKey"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    var found: [Int] = []
    for name in rule.parameters { found.append(try planning.column(name)) }
    let columns = found
    return try ValueCountRule.plan(rule, &planning) { counts, entity, names, inputs in
      let uniqueness = UniquenessRule.uniqueness(counts)
      var metrics = ["\(entity).Uniqueness": uniqueness]
      var problems: [String] = []
      for i in columns {
        let c = inputs.profile.columns[i]
        metrics["Column.\(c.name).Completeness"] = c.completeness
        if c.nulls > 0 { problems.append("'\(c.name)' has \(RuleJudge.counted(c.nulls, "NULL value"))") }
      }
      if uniqueness < 1 {
        problems.append(ValueCountRule.repeated(counts, names))
      }
      return RuleMeasurement(value: .verdict(passed: problems.isEmpty, message: problems.joined(separator: "; ")), metrics: metrics)
    }
  }
}
