/// `CustomSql "select count(*) from primary" > 10`: parsed, and evaluated as ERROR with the reason
/// until onboard compiles SQL.
enum CustomSqlRule: RuleEvaluator {
  static let ruleType = "CustomSql"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) -> PlannedRule {
    .settled(.error, "CustomSql needs a SQL engine, which onboard does not have yet; express the check with the other rule types")
  }
}
