import Foundation

/// `DatasetMatch "ref" "ID1->ID_ref1,ID2->ID_ref2" ["Amt1->Amt2"] >= 0.9`: joins the data with the
/// reference on the key mapping (`a->b`, or `a` for the same name on both sides) and reports the
/// share of the data's rows whose compared columns equal the reference row's, as Deequ's
/// `DataSynchronization.columnMatchRowLevel`. Without the third parameter every non-key column of
/// the data is compared with the reference's column of the same name.
///
/// - Keys must be unique and non-NULL on both sides, else the rule is an ERROR ("Provided key map
///   not suitable for given data frames"): a row cannot be matched to one row otherwise.
/// - Compared values are equal when their text is; NULL equals NULL (Deequ compares hashes of the
///   values, which skip NULLs). Columns are compared in the mapping's order.
/// - A row whose key the reference lacks does not match. An empty data set fails, as in Deequ.
enum DatasetMatchRule: RuleEvaluator {
  static let ruleType = "DatasetMatch"

  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) throws(RulePlanning.MissingColumn) -> PlannedRule {
    let alias = rule.parameters[0]
    guard let keyMap = mapping(rule.parameters[1]) else {
      return .settled(.error, "the key mapping names columns: \"id\", or \"id->ref_id,b->ref_b\"")
    }
    let given = rule.parameters.count > 2 ? mapping(rule.parameters[2]) : nil
    if rule.parameters.count > 2, given == nil {
      return .settled(.error, "the mapping of compared columns names columns: \"amount\", or \"amount->ref_amount\"")
    }
    guard planning.needReference(alias) else { return ComparisonRule.unknownAlias(alias, planning) }
    let keys = try ComparisonRule.columns(keyMap.map(\.0), planning)
    let comparedMap: [(Int, String)]
    if let given {
      let columns = try ComparisonRule.columns(given.map(\.0), planning)
      comparedMap = zip(columns, given.map(\.1)).map { ($0, $1) }
    } else {
      comparedMap = planning.schema.names.indices.filter { !keys.contains($0) }.map { ($0, planning.schema.names[$0]) }
    }
    guard case .keyed(let index) = planning.probes.add(KeyedRowHashes(keys: keys, compared: comparedMap.map(\.0))) else {
      preconditionFailure("a keyed table has a keyed handle")
    }
    let request = planning.needKeyed(.init(keys: keyMap.map(\.1), compared: comparedMap.map(\.1)), from: alias)
    let defaulted = given == nil
    return ComparisonRule.planned { inputs throws(ComparisonRule.Unmeasured) in
      let data = inputs.probes.keyed[index]
      let reference: KeyedRowHashes
      do throws(ComparisonRule.Unmeasured) {
        reference = try ComparisonRule.keyed(inputs, alias, request)
      } catch {
        guard defaulted else { throw error }
        throw .fail(
          "\(error.message); without a third parameter every column of the data but the keys is compared by name: "
            + "name the columns to compare, e.g. \"amount->ref_amount\"")
      }
      var unsuitable: [String] = []
      for (side, table) in [("the data", data), ("the reference '\(alias)'", reference)] {
        if table.nullKeyRows > 0 { unsuitable.append("\(side) has \(RuleJudge.counted(table.nullKeyRows, "row")) with a NULL key") }
        let repeated = table.duplicateKeys
        if repeated > 0 { unsuitable.append("\(side) has \(RuleJudge.counted(repeated, "key")) on more than one row") }
      }
      guard unsuitable.isEmpty else {
        throw .error(
          "Provided key map not suitable for given data frames: keys must be unique and non-NULL on both sides; "
            + unsuitable.joined(separator: ", "))
      }
      guard data.rows > 0 else { throw .fail("the data has no rows: DatasetMatch needs rows to compare (as Deequ)") }
      var matched = 0
      var absent = 0
      for (key, entry) in data.entries {
        guard let other = reference.entries[key] else {
          absent += 1
          continue
        }
        if other.values == entry.values { matched += 1 }
      }
      let differing = data.rows - matched - absent
      var subject = "DatasetMatch with '\(alias)'"
      if matched < data.rows {
        subject += " (of \(data.rows) rows, \(differing) differ and \(absent) \(absent == 1 ? "has" : "have") no key in the reference)"
      }
      return .number(Double(matched) / Double(data.rows), key: "Dataset.\(alias).DatasetMatch", subject: subject)
    }
  }

  /// `"a->b,c"`: pairs of the data's and the reference's column, a name alone standing for both;
  /// nil when empty or a name is.
  static func mapping(_ text: String) -> [(String, String)]? {
    var pairs: [(String, String)] = []
    for part in ComparisonRule.names(text) {
      let sides = part.components(separatedBy: "->").map { $0.trimmingCharacters(in: .whitespaces) }
      guard sides.count <= 2, !sides.contains("") else { return nil }
      pairs.append((sides[0], sides.count == 2 ? sides[1] : sides[0]))
    }
    return pairs.isEmpty ? nil : pairs
  }
}
