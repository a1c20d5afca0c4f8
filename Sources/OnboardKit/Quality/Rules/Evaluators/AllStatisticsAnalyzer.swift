/// `Analyzers = [ AllStatistics "c" ]`: the profile's figures of a column as metrics: rows,
/// completeness, distinct values, and the moments of a numeric column or the lengths of text.
enum AllStatisticsAnalyzer: RuleEvaluator {
  static let ruleType = "AllStatistics"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    let i = try planning.column(rule.parameters[0])
    return PlannedRule { inputs in
      let c = inputs.profile.columns[i]
      let prefix = "Column.\(c.name)."
      var metrics: [String: Double] = [
        "Dataset.*.RowCount": Double(inputs.profile.rows), prefix + "Completeness": c.completeness,
        prefix + "ApproximateDistinctValuesCount": Double(c.distinct),
      ]
      let extra: [(String, Double?)] = [
        ("Mean", c.mean), ("Sum", c.sum), ("StandardDeviation", c.populationStandardDeviation),
        ("Minimum", c.minimum?.number), ("Maximum", c.maximum?.number),
        ("MinimumLength", c.lengths?.minimum.map(Double.init)), ("MaximumLength", c.lengths?.maximum.map(Double.init)),
      ]
      for (name, value) in extra { if let value { metrics[prefix + name] = value } }
      return RuleMeasurement(value: .verdict(passed: true, message: nil), metrics: metrics)
    }
  }
}
