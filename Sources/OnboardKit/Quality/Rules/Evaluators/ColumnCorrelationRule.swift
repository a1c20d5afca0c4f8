/// `ColumnCorrelation "a" "b" > 0.8`: Pearson's r over the rows where both are numbers.
enum ColumnCorrelationRule: RuleEvaluator {
  static let ruleType = "ColumnCorrelation"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    let a = try planning.column(rule.parameters[0]), b = try planning.column(rule.parameters[1])
    let names = [planning.schema[a].name, planning.schema[b].name]
    guard case .pair(let index) = planning.probes.add(ColumnPair(a, b, formats: (planning.format(a), planning.format(b)))) else {
      preconditionFailure("a pair has a pair handle")
    }
    return PlannedRule { inputs in
      let pair = inputs.probes.pairs[index].correlation
      guard let r = pair.result else {
        return .settled(.fail, "the correlation of '\(names[0])' and '\(names[1])' is undefined: fewer than 2 rows with both numbers, or a constant column")
      }
      return .number(r, key: "Multicolumn.\(names[0]),\(names[1]).ColumnCorrelation", subject: "ColumnCorrelation of '\(names[0])' and '\(names[1])'")
    }
  }
}
