import Foundation

/// A DQDL document planned against a table's schema before any row is read: each rule knows its
/// columns and the probes it needs in the profile's pass. After the pass, `report` judges every
/// rule from the profile and the probes, without reading a row again.
public struct RuleSet: Sendable {
  public let document: DQDLDocument
  /// The rule set's name in results: the rules file or the product.
  public let name: String
  /// The probes to observe in the pass, empty: give them to `ProfileAccumulator`.
  public let probes: RuleProbes
  let rules: [PlannedNode]
  let analyzers: [(DQDLRule, PlannedRule)]
  /// The run's start: `now()` of every condition.
  public let now: Date

  indirect enum PlannedNode: Sendable {
    case rule(DQDLRule, PlannedRule, labels: [DQDLLabel])
    case all([PlannedNode], labels: [DQDLLabel], text: String)
    case any([PlannedNode], labels: [DQDLLabel], text: String)
  }

  public init(_ document: DQDLDocument, name: String, schema: Schema, now: Date = Date(), environment: RuleEnvironment = RuleEnvironment()) {
    self.document = document
    self.name = name
    self.now = now
    var planning = RulePlanning(
      schema: schema, now: Int64((now.timeIntervalSince1970 * 1_000_000).rounded()), environment: environment)
    rules = document.rules.map { Self.plan($0, &planning) }
    analyzers = document.analyzers.map { ($0, Self.plan($0, &planning)) }
    var probes = planning.probes
    probes.scopes = planning.scopes.map { scope in
      WhereScope(clause: scope.clause, filter: scope.filter, profile: ProfileAccumulator(schema: schema, rules: scope.probes))
    }
    self.probes = probes
  }

  static func plan(_ node: DQDLRuleNode, _ planning: inout RulePlanning) -> PlannedNode {
    switch node.kind {
    case .rule(let rule): .rule(rule, plan(rule, &planning), labels: node.labels)
    case .all(let children): .all(children.map { plan($0, &planning) }, labels: node.labels, text: node.text)
    case .any(let children): .any(children.map { plan($0, &planning) }, labels: node.labels, text: node.text)
    }
  }

  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) -> PlannedRule {
    if let clause = rule.whereClause {
      // The rule is planned as it is against the rows the clause keeps, a scope of its own.
      let index: Int
      if let known = planning.scopes.firstIndex(where: { $0.clause == clause }) {
        index = known
      } else {
        do {
          planning.scopes.append((clause, try RowFilter(clause, schema: planning.schema), RuleProbes()))
        } catch {
          return .settled(.error, "where \"\(clause)\": \(error.message)")
        }
        index = planning.scopes.count - 1
      }
      var scoped = RulePlanning(schema: planning.schema, now: planning.now, environment: planning.environment, probes: planning.scopes[index].probes)
      var bare = rule
      bare.whereClause = nil
      let planned = plan(bare, &scoped)
      planning.scopes[index].probes = scoped.probes
      return PlannedRule { inputs in planned.measure(inputs.scopes[index]) }
    }
    guard let evaluator = RuleEvaluators.all[rule.type.name] else {
      return .settled(.error, "onboard does not evaluate \(rule.type.name) yet")
    }
    do {
      return try evaluator.plan(rule, &planning)
    } catch {
      let measurement = error.measurement
      return PlannedRule { _ in measurement }
    }
  }

  /// Judges every rule on the pass's results. `history` holds earlier runs' metrics, oldest first;
  /// `references` are the second sources of comparison rules (`readReferences`).
  public func report(
    profile: TableProfile, probes: RuleProbes, dataSource: String, startedOn: Date, completedOn: Date = Date(),
    history: [String: [Double]] = [:], references: RuleReferences = RuleReferences()
  ) -> QualityReport {
    var probes = probes
    probes.finish()
    var inputs = RuleInputs(profile: profile, probes: probes, history: history, references: references)
    inputs.scopes = probes.scopes.map { scope in
      var scoped = scope.profile.ruleProbes
      scoped.finish()
      return RuleInputs(profile: scope.profile.result(), probes: scoped, history: history, references: references)
    }
    var outcomes: [RuleOutcome] = []
    for (n, node) in rules.enumerated() {
      let (judgement, metrics, labels, text, location) = judge(node, inputs)
      var allLabels = Dictionary(document.defaultLabels.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
      for label in labels { allLabels[label.key] = label.value }
      outcomes.append(
        RuleOutcome(
          name: "Rule_\(n + 1)", description: text, result: judgement.result, message: judgement.message, metrics: metrics,
          labels: allLabels, location: location))
    }
    let analyzed = analyzers.enumerated().map { n, pair in
      let m = pair.1.measure(inputs)
      var message: String? = nil
      if case .settled(_, let why) = m.value { message = why }
      return AnalyzerOutcome(name: "Analyzer_\(n + 1)", description: pair.0.text, message: message, metrics: m.metrics)
    }
    return QualityReport(
      ruleset: name, dataSource: dataSource, rows: profile.rows, rules: outcomes, analyzers: analyzed, startedOn: startedOn,
      completedOn: completedOn)
  }

  /// A composite fails when a side that decides it fails: `and` fails if any side fails (else
  /// errs if any errs), `or` passes if any side passes (else errs if any errs). Each side is
  /// judged on the whole dataset, Glue's default; messages are joined, metrics united.
  func judge(_ node: PlannedNode, _ inputs: RuleInputs)
    -> (RuleJudge.Judgement, [String: Double], [DQDLLabel], String, RecipeLocation?)
  {
    switch node {
    case .rule(let rule, let planned, let labels):
      let m = planned.measure(inputs)
      return (RuleJudge.judge(rule, m, history: inputs.history), m.metrics, labels, rule.text, rule.location)
    case .all(let children, let labels, let text), .any(let children, let labels, let text):
      let isAll = if case .all = node { true } else { false }
      let judged = children.map { judge($0, inputs) }
      let results = judged.map(\.0.result)
      let result: RuleOutcome.Result =
        isAll
        ? (results.contains(.fail) ? .fail : results.contains(.error) ? .error : .pass)
        : (results.contains(.pass) ? .pass : results.contains(.error) ? .error : .fail)
      let messages = judged.compactMap { j in j.0.message.map { "\(j.3): \($0)" } }
      let metrics = judged.reduce(into: [String: Double]()) { all, j in all.merge(j.1) { a, _ in a } }
      let message = result == .pass ? nil : messages.joined(separator: "; ")
      return (RuleJudge.Judgement(result: result, message: message), metrics, labels, text, judged.first?.4)
    }
  }
}
