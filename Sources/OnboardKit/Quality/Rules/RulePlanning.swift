/// What planning a rule knows: the table's columns and the run's start, and the probes the rules
/// planned so far asked for (each rule adds its own).
struct RulePlanning: Sendable {
  let schema: Schema
  /// The run's start in microseconds since the epoch: `now()` in every condition.
  let now: Int64
  /// The files read, the folder of the rules' paths, the second sources.
  var environment = RuleEnvironment()
  var probes = RuleProbes()
  /// The `where` clauses met so far, with the probes their rules asked for: made into
  /// `WhereScope`s when planning ends.
  var scopes: [(clause: String, filter: RowFilter, probes: RuleProbes)] = []

  /// A missing column: the rule fails with the nearest name, it does not stop the run.
  struct MissingColumn: Error {
    var measurement: RuleMeasurement
  }

  /// The column's index; by exact name, else without case (Spark's default resolution).
  func column(_ name: String) throws(MissingColumn) -> Int {
    if let i = schema.index(of: name) { return i }
    let folded = schema.names.indices.filter { schema.names[$0].lowercased() == name.lowercased() }
    if folded.count == 1 { return folded[0] }
    let containing = schema.names.filter { $0.lowercased().contains(name.lowercased()) }
    let near = Suggestion.nearest(to: name, in: schema.names) ?? (containing.count == 1 ? containing[0] : nil)
    let hint = near.map { "; did you mean '\($0)'?" } ?? ""
    throw MissingColumn(measurement: .settled(.fail, "column '\(name)' does not exist\(hint)"))
  }

  func format(_ column: Int) -> ValueFormat { schema[column].format ?? .standard }
}

/// Measures a rule of one type. One type per file under `Evaluators/`, registered in `all`.
protocol RuleEvaluator {
  static var ruleType: String { get }
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule
}
