/// `ColumnLength "c" between 1 and 5`: each value's length in characters (Unicode scalars, as
/// Spark's `length`) meets the condition; NULL has length 0.
enum ColumnLengthRule: RuleEvaluator {
  static let ruleType = "ColumnLength"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    let now = planning.now
    return try RowLevelRule.plan(rule, &planning, metric: "ColumnLength") { column, condition throws(RowTest.Problem) in
      try RowTest.lengths(condition, column: column, now: now)
    }
  }
}
