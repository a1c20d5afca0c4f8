import Foundation

/// `DetectAnomalies "RowCount"`, `DetectAnomalies "Completeness" "colA"`: the named rule's metric
/// is anomalous when it lies more than `deviations` standard deviations from the mean of its
/// earlier values in the metric history (an online-normal detector, as Deequ's
/// `OnlineNormalStrategy`; Glue's detector is a closed ML model). Until the history holds
/// `minimumRuns` values the rule passes, saying so.
enum DetectAnomaliesRule: RuleEvaluator {
  static let ruleType = "DetectAnomalies"
  static let minimumRuns = 3
  static let deviations = 3.0

  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    let name = rule.parameters[0]
    guard let type = DQDLRuleType.all[name], let evaluator = RuleEvaluators.all[name], type.value == .number,
      type.accepts(parameters: rule.parameters.count - 1)
    else {
      return .settled(.error, "DetectAnomalies watches the metric of a number rule with its parameters, e.g. DetectAnomalies \"Completeness\" \"id\"; '\(name)' with \(rule.parameters.count - 1) parameters is not one")
    }
    var inner = rule
    inner.type = type
    inner.parameters = Array(rule.parameters.dropFirst())
    let measured = try evaluator.plan(inner, &planning)
    return PlannedRule { inputs in
      var m = measured.measure(inputs)
      guard case .number(let x) = m.value, let key = m.key else { return m }
      let earlier = inputs.history[key] ?? []
      guard earlier.count >= minimumRuns else {
        m.value = .settled(.pass, "\(earlier.count) of the \(minimumRuns) earlier runs the detector needs are in the metric history: passes until there are")
        return m
      }
      let n = Double(earlier.count)
      let mean = earlier.reduce(0, +) / n
      let sd = (earlier.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
      // A constant history allows only a tiny wobble, not none: floating sums differ in the last bits.
      let allowed = max(sd * deviations, abs(mean) * 1e-9)
      let (low, high) = (mean - allowed, mean + allowed)
      m.metrics["\(key).LowerLimit"] = low
      m.metrics["\(key).UpperLimit"] = high
      m.value = .verdict(
        passed: x >= low && x <= high,
        message: "\(m.subject) is \(RuleJudge.number(x)), outside [\(RuleJudge.number(low)), \(RuleJudge.number(high))]: more than \(Int(deviations)) standard deviations from the mean of \(earlier.count) earlier runs (\(RuleJudge.number(mean)))")
      return m
    }
  }
}
