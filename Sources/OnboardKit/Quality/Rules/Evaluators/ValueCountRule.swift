/// The rules that read how often each value occurs (`ValueCounts`), over one or more columns: the
/// count table is gathered once per set of columns, whichever of these rules read it.
enum ValueCountRule {
  /// Plans `read` over the counts of `rule`'s columns; metrics are keyed `Column.c.Name`, or
  /// `Multicolumn.a,b.Name` for several columns.
  static func plan(
    _ rule: DQDLRule, _ planning: inout RulePlanning, skipsAllNull: Bool = true, readsRowHashes: Bool = false,
    _ read: @escaping @Sendable (ValueCounts, _ entity: String, _ names: [String], RuleInputs) -> RuleMeasurement
  ) throws(RulePlanning.MissingColumn) -> PlannedRule {
    var columns: [Int] = []
    for name in rule.parameters { columns.append(try planning.column(name)) }
    let names = columns.map { planning.schema[$0].name }
    let entity = names.count == 1 ? "Column.\(names[0])" : "Multicolumn.\(names.joined(separator: ","))"
    guard case .values(let index) = planning.probes.add(
      ValueCounts(columns: columns, skipsAllNull: skipsAllNull, readsRowHashes: readsRowHashes)) else {
      preconditionFailure("a count table has a values handle")
    }
    return PlannedRule { inputs in read(inputs.probes.values[index], entity, names, inputs) }
  }

  static func quoted(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }

  /// "2 values of 'name' occur more than once, in 5 rows".
  static func repeated(_ counts: ValueCounts, _ names: [String]) -> String {
    let values = counts.distinct - counts.singletons
    let what = names.count == 1 ? "value" : "combination"
    return "\(RuleJudge.counted(values, what)) of \(quoted(names)) \(values == 1 ? "occurs" : "occur") more than once, in \(RuleJudge.counted(counts.rows - counts.singletons, "row"))"
  }
}
