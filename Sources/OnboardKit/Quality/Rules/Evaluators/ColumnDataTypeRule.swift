/// `ColumnDataType "c" = "INTEGER" [with threshold > 0.9]`: each value casts to the type, read
/// strictly (`1.5` is no INTEGER, an INTEGER fits 32 bits, a LONG 64). NULL passes: missing
/// values are `IsComplete`'s to check.
enum ColumnDataTypeRule: RuleEvaluator {
  static let ruleType = "ColumnDataType"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    let schema = planning.schema
    return try RowLevelRule.plan(rule, &planning, metric: "ColumnDataType") { column, condition throws(RowTest.Problem) in
      try RowTest.types(condition, column: column, format: schema[column].format ?? .standard)
    }
  }
}
