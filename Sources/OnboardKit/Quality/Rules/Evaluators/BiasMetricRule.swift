/// Ours, not DQDL's: `BiasMetric "DPL" "foreign_worker" between -0.1 and 0.1` gates on a
/// SageMaker Clarify pre-training metric (CI, DPL, KL, JS, LP, TVD, KS, CDD) of the bias report
/// of that facet, counted in the same pass (the recipe's `bias` section, or `--bias-label` and
/// `--facet`). A third parameter names the label column when facets repeat across labels.
/// Glue rejects the rule type: keep such rules out of documents meant for Glue.
enum BiasMetricRule: RuleEvaluator {
  static let ruleType = "BiasMetric"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    let code = rule.parameters[0]
    guard let metric = BiasMetric(rawValue: code.uppercased()) else {
      let codes = ["CI", "DPL", "KL", "JS", "LP", "TVD", "KS", "CDD"]
      return .settled(.error, "'\(code)' is not a Clarify pre-training metric: \(codes.joined(separator: ", "))")
    }
    let facet = planning.schema[try planning.column(rule.parameters[1])].name
    let label = rule.parameters.count > 2 ? planning.schema[try planning.column(rule.parameters[2])].name : nil
    return PlannedRule { inputs in
      let reports = (inputs.profile.bias ?? []).filter { $0.facet.column == facet && (label == nil || $0.label.column == label) }
      guard let report = reports.first else {
        return .settled(.error, "no bias report of facet '\(facet)': declare it in the recipe's `bias` section (or --bias-label and --facet)")
      }
      guard reports.count == 1 else {
        return .settled(.error, "'\(facet)' is a facet of \(reports.count) bias reports: name the label as a third parameter")
      }
      guard let value = report.metrics.first(where: { $0.code == metric })?.value else {
        let why = report.metrics.first(where: { $0.code == metric })?.error ?? "not computed"
        return .settled(.error, "\(metric.rawValue) of '\(facet)' has no value: \(why)")
      }
      return .number(
        value, key: "Column.\(facet).BiasMetric.\(metric.rawValue)", subject: "\(metric.rawValue) of \(report.facet.summary) for \(report.label.summary)")
    }
  }
}
