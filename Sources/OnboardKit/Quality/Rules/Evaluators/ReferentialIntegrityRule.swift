import Foundation

/// `ReferentialIntegrity "a,b" "ref.{x,y}" = 1.0`, `ReferentialIntegrity "zip" "ref.zip" >= 0.9`:
/// the share of the data's rows whose tuple of columns is a tuple of the reference's columns.
///
/// This is Deequ's DQDL evaluator (`subsetCheckRowLevel`): a left join on SQL equality, so a row
/// with a NULL in any of its columns never matches and counts against the share. (Deequ's older
/// `subsetCheck`, built on `except`, treated NULL tuples as equal and counted distinct misses.)
/// Values are equal when their text is. The column counts must be equal; an empty data set
/// fails, as in Deequ.
enum ReferentialIntegrityRule: RuleEvaluator {
  static let ruleType = "ReferentialIntegrity"

  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    guard let (alias, referenceNames) = reference(rule.parameters[1]) else {
      return .settled(.error, "the second parameter names the reference and its columns: \"ref.zip\", or \"ref.{city,state}\" for several")
    }
    let names = ComparisonRule.names(rule.parameters[0])
    guard names.count == referenceNames.count, !names.contains(""), !referenceNames.contains("") else {
      return .settled(
        .error, "the data's columns (\(names.count)) and the reference's (\(referenceNames.count)) must be as many, and named: \"a,b\" \"ref.{x,y}\"")
    }
    guard planning.needReference(alias) else { return ComparisonRule.unknownAlias(alias, planning) }
    let columns = try ComparisonRule.columns(names, planning)
    let shown = ValueCountRule.quoted(columns.map { planning.schema[$0].name })
    guard case .keyed(let index) = planning.probes.add(KeyedRowHashes(keys: columns)) else {
      preconditionFailure("a keyed table has a keyed handle")
    }
    let request = planning.needKeyed(.init(keys: referenceNames, compared: []), from: alias)
    return ComparisonRule.planned { inputs throws(ComparisonRule.Unmeasured) in
      let data = inputs.probes.keyed[index]
      let reference = try ComparisonRule.keyed(inputs, alias, request)
      guard data.rows > 0 else { throw .fail("the data has no rows: ReferentialIntegrity needs rows to check (as Deequ)") }
      var matched = 0
      for (key, entry) in data.entries where reference.entries[key] != nil { matched += entry.rows }
      let missed = data.rows - matched
      var subject = "ReferentialIntegrity of \(shown) in '\(alias)'"
      if missed > 0 {
        let nulls = data.nullKeyRows > 0 ? ", \(data.nullKeyRows) of them with a NULL" : ""
        subject += " (\(RuleJudge.counted(missed, "row")) of \(data.rows) not found\(nulls))"
      }
      return .number(Double(matched) / Double(data.rows), key: "Column.\(alias).ReferentialIntegrity", subject: subject)
    }
  }

  /// `ref.{x,y}` or `ref.zip`: the alias (all before the last dot) and the columns, as Deequ
  /// splits them; nil for neither.
  static func reference(_ text: String) -> (String, [String])? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.hasSuffix("}"), let open = trimmed.range(of: ".{", options: .backwards) {
      let alias = String(trimmed[..<open.lowerBound])
      let inside = trimmed[open.upperBound ..< trimmed.index(before: trimmed.endIndex)]
      return alias.isEmpty ? nil : (alias, ComparisonRule.names(String(inside)))
    }
    guard let dot = trimmed.lastIndex(of: "."), dot != trimmed.startIndex else { return nil }
    let column = String(trimmed[trimmed.index(after: dot)...])
    return column.isEmpty ? nil : (String(trimmed[..<dot]), [column])
  }
}
