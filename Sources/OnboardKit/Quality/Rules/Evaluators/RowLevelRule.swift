/// The rules that test each row and pass on the share of rows that pass (the compliance):
/// without `with threshold`, every row must pass.
enum RowLevelRule {
  static func plan(
    _ rule: DQDLRule, _ planning: inout RulePlanning, metric: String,
    _ compile: (_ column: Int, _ condition: DQDLCondition) throws(RowTest.Problem) -> RowTest
  ) throws(RulePlanning.MissingColumn) -> PlannedRule {
    let i = try planning.column(rule.parameters[0])
    let name = planning.schema[i].name
    guard let condition = rule.condition else { return .settled(.error, "\(rule.type.name) needs a condition") }
    let test: RowTest
    do {
      test = try compile(i, condition)
    } catch {
      return .settled(.error, error.message)
    }
    guard case .rows(let index) = planning.probes.add(RowCompliance(test)) else { preconditionFailure("a row test has a rows handle") }
    return PlannedRule { inputs in
      let probe = inputs.probes.rows[index]
      return RuleMeasurement(
        value: .compliance(passed: probe.passed, rows: probe.rows), metrics: ["Column.\(name).\(metric).Compliance": probe.compliance])
    }
  }
}
