/// `Mean`, `Sum`, `StandardDeviation` and `Variance` of a numeric column, NULLs ignored, from the
/// profile's moments. Deviation and variance are the population's (divided by n), as Deequ and
/// Glue compute them; the profile's `stddev` is the sample's (n − 1), as pandas and DuckDB give it.
enum ColumnMoment {
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning, metric: String, _ read: @escaping @Sendable (ColumnProfile) -> Double?)
    throws(RulePlanning.MissingColumn) -> PlannedRule
  {
    let i = try planning.column(rule.parameters[0])
    let name = planning.schema[i].name
    return PlannedRule { inputs in
      let c = inputs.profile.columns[i]
      guard let x = read(c) else {
        return .settled(.fail, "'\(name)' has no numbers to take the \(metric) of (its values are \(c.inferredType.glueName))")
      }
      return .number(x, key: "Column.\(name).\(metric)", subject: "\(metric) of '\(name)'")
    }
  }
}
