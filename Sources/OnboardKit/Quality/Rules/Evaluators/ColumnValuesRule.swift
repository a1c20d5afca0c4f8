/// `ColumnValues "c" <condition> [with threshold ...]`: each row's value meets the condition:
/// numbers, dates (`> (now() - 3 days)`), text (`in ["a", "b"]`, `= EMPTY`) or a pattern
/// (`matches "[A-Z]{2}"`, the whole value). NULL fails every operator but `!=` and `not in`.
/// `with ignoreCase = "true"` compares text and patterns without case.
enum ColumnValuesRule: RuleEvaluator {
  static let ruleType = "ColumnValues"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    let now = planning.now
    let schema = planning.schema
    let ignoreCase = rule.tags["ignoreCase"]?.lowercased() == "true"
    return try RowLevelRule.plan(rule, &planning, metric: "ColumnValues") { column, condition throws(RowTest.Problem) in
      try RowTest.values(condition, column: column, format: schema[column].format ?? .standard, now: now, ignoreCase: ignoreCase)
    }
  }
}
