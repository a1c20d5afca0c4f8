import Foundation

/// `ColumnNamesMatchPattern "aws_.*"`: every column name matches. As in Deequ's evaluator the
/// pattern is searched for, not anchored: anchor it with `^...$` to match whole names.
enum ColumnNamesMatchPatternRule: RuleEvaluator {
  static let ruleType = "ColumnNamesMatchPattern"
  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) -> PlannedRule {
    let pattern = rule.parameters[0]
    guard let expression = try? NSRegularExpression(pattern: pattern) else {
      return .settled(.error, "\"\(pattern)\" is not a valid regular expression")
    }
    let names = planning.schema.names
    let unmatched = names.filter { name in
      expression.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) == nil
    }
    let ratio = names.isEmpty ? 1 : Double(names.count - unmatched.count) / Double(names.count)
    let message = "columns that do not match \"\(pattern)\": " + unmatched.map { "'\($0)'" }.joined(separator: ", ")
    return PlannedRule { _ in
      RuleMeasurement(
        value: .verdict(passed: unmatched.isEmpty, message: message), metrics: ["Dataset.*.ColumnNamesPatternMatchRatio": ratio])
    }
  }
}
