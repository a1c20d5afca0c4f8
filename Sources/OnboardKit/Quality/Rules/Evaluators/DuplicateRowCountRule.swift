/// `DuplicateRowCount = 0`, `DuplicateRowCount "a" "b" < 5`: rows that repeat an earlier row, over
/// all columns or the named ones (rows − distinct rows, NULLs equal to each other). Exact, where
/// the profile's duplicate count samples past 131,072 distinct rows.
enum DuplicateRowCountRule: RuleEvaluator {
  static let ruleType = "DuplicateRowCount"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    var all = rule
    if all.parameters.isEmpty { all.parameters = planning.schema.names }
    let named = !rule.parameters.isEmpty
    // Over every column, the rows' hashes the profile computes for its own duplicate count serve.
    return try ValueCountRule.plan(all, &planning, skipsAllNull: false, readsRowHashes: !named) { counts, entity, _, _ in
      let key = named ? "\(entity).DuplicateRowCount" : "Dataset.*.DuplicateRowCount"
      return .number(Double(counts.rows - counts.distinct), key: key, subject: "DuplicateRowCount")
    }
  }
}
