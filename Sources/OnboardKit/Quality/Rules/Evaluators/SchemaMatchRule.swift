/// `SchemaMatch "ref" = 1.0`: the share of the data's columns whose name and type match a column of
/// the reference, order ignored, as Deequ's `SchemaMatch`: different column counts give 0 and fail
/// whatever the condition. Names match exactly. Types are those inferred from each side's values,
/// compared by kind (`kind(of:)`).
enum SchemaMatchRule: RuleEvaluator {
  static let ruleType = "SchemaMatch"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) -> PlannedRule {
    let alias = rule.parameters[0]
    guard planning.needReference(alias) else { return ComparisonRule.unknownAlias(alias, planning) }
    let key = "Dataset.\(alias).SchemaMatch"
    return ComparisonRule.planned { inputs throws(ComparisonRule.Unmeasured) in
      let reference = try inputs.references.source(alias).profile.columns
      let columns = inputs.profile.columns
      guard !columns.isEmpty, !reference.isEmpty else {
        throw .fail("the data or the reference '\(alias)' has no columns")
      }
      guard columns.count == reference.count else {
        var m = RuleMeasurement.settled(
          .fail, "the data has \(columns.count) columns and the reference '\(alias)' \(reference.count): SchemaMatch is 0 when the counts differ")
        m.metrics[key] = 0
        m.key = key
        return m
      }
      let types = Dictionary(reference.map { ($0.name, $0.inferredType) }) { first, _ in first }
      var unmatched: [String] = []
      for c in columns {
        guard let other = types[c.name] else {
          unmatched.append("'\(c.name)' is missing")
          continue
        }
        if kind(of: c.inferredType) != kind(of: other) {
          unmatched.append("'\(c.name)' is \(c.inferredType.glueName), \(other.glueName) there")
        }
      }
      let ratio = Double(columns.count - unmatched.count) / Double(columns.count)
      let detail = unmatched.isEmpty ? "" : " (\(unmatched.prefix(5).joined(separator: "; "))\(unmatched.count > 5 ? "; ..." : ""))"
      return .number(ratio, key: key, subject: "SchemaMatch with '\(alias)'\(detail)")
    }
  }

  /// A type as schemas compare: widths are left out, because types are inferred from the values
  /// seen. `int` and `bigint` are whole numbers, a decimal of any precision and a double are
  /// fractional numbers (Spark's CSV inference reads all of these as double); dates, timestamps,
  /// booleans and strings are themselves.
  static func kind(of type: DataType) -> String {
    switch type {
    case .integer, .bigint: "whole number"
    case .decimal, .double: "fractional number"
    default: type.glueName
    }
  }
}
