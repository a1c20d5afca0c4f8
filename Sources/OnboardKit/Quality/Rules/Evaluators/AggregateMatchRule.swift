import Foundation

/// `AggregateMatch "sum(amount)" "sum(ref.total)" = 1.0`: the first aggregate ÷ the second, as
/// Deequ's `AggregateMatchExecutor`. Aggregates are `sum` and `avg` of a column's numbers, NULLs
/// ignored; `alias.column` reads a reference (all before the last dot is the alias, as in Deequ),
/// a bare column (or `primary.column`) the data. Both 0 gives 1, a second of 0 gives 0, as in
/// Deequ. A column with no numbers fails, where Deequ would read Spark's NULL as 0.
enum AggregateMatchRule: RuleEvaluator {
  static let ruleType = "AggregateMatch"

  enum Function: String, Sendable {
    case sum, avg
  }

  /// One side, planned: the data's column (by index) or a reference's (by name).
  enum Operand: Sendable {
    case data(Int, name: String)
    case reference(alias: String, column: String)
  }

  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    var sides: [(Function, Operand)] = []
    for text in rule.parameters {
      guard let (function, column) = parse(text) else {
        return .settled(.error, "'\(text)' is no aggregate: AggregateMatch takes sum(column) or avg(column), e.g. \"sum(amount)\" \"sum(ref.total)\"")
      }
      let operand: Operand
      if let dot = column.lastIndex(of: "."), planning.schema.index(of: column) == nil {
        let alias = String(column[..<dot]), name = String(column[column.index(after: dot)...])
        if alias == "primary" {
          let i = try planning.column(name)
          operand = .data(i, name: planning.schema[i].name)
        } else {
          guard planning.needReference(alias) else { return ComparisonRule.unknownAlias(alias, planning) }
          operand = .reference(alias: alias, column: name)
        }
      } else {
        let i = try planning.column(column)
        operand = .data(i, name: planning.schema[i].name)
      }
      sides.append((function, operand))
    }
    let planned = sides
    return ComparisonRule.planned { inputs throws(ComparisonRule.Unmeasured) in
      var values: [Double] = []
      var names: [String] = []
      for (function, operand) in planned {
        let (column, shown) = try profile(operand, inputs)
        let value = function == .sum ? column.sum : column.mean
        guard let value else {
          throw .fail("\(shown) has no numbers to take the \(function.rawValue) of (its values are \(column.inferredType.glueName))")
        }
        values.append(value)
        names.append(column.name)
      }
      let ratio = values[0] == 0 && values[1] == 0 ? 1 : values[1] == 0 ? 0 : values[0] / values[1]
      let instance = names[0] == names[1] ? names[0] : "\(names[0]),\(names[1])"
      let shown = zip(rule.parameters, values).map { "\($0) = \(RuleJudge.number($1))" }.joined(separator: ", ")
      return .number(ratio, key: "Column.\(instance).AggregateMatch", subject: "AggregateMatch (\(shown))")
    }
  }

  /// The profile of an operand's column, and how to name it in messages.
  static func profile(_ operand: Operand, _ inputs: RuleInputs) throws(ComparisonRule.Unmeasured) -> (ColumnProfile, String) {
    switch operand {
    case .data(let i, let name):
      return (inputs.profile.columns[i], "'\(name)'")
    case .reference(let alias, let name):
      let reference = try inputs.references.source(alias)
      let i = try RuleReferences.column(name, in: reference.schema, alias: alias)
      return (reference.profile.columns[i], "'\(reference.schema[i].name)' of the reference '\(alias)'")
    }
  }

  /// `sum(amount)`, `AVG(ref.total)`: the function (either case) and the column as written.
  static func parse(_ text: String) -> (Function, String)? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")"),
      let function = Function(rawValue: trimmed[..<open].lowercased().trimmingCharacters(in: .whitespaces))
    else { return nil }
    let column = trimmed[trimmed.index(after: open) ..< trimmed.index(before: trimmed.endIndex)]
      .trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
    return column.isEmpty ? nil : (function, column)
  }
}
