/// `ColumnValues "c" in [...]` for a column of few values, each repeated (Deequ's
/// CategoricalRangeRule): the values seen, counted exactly. NULL is allowed when it occurs.
enum CategoricalValues {
  /// At most this many values make a category list worth reading.
  static let maximumValues = 32

  static func suggest(_ c: ColumnProfile) -> [RuleSuggestion] {
    guard !RuleSuggestion.hidesValues(c), let top = c.topValues, c.topValuesMaximumError == nil, c.distinctStandardError == nil,
      c.distinct <= maximumValues, c.distinct == top.count, c.distinct > 0, c.rows - c.nulls >= 2 * c.distinct
    else { return [] }
    let numeric = c.inferredType.isNumeric
    var values = top.map(\.value).sorted { a, b in numeric ? (Double(a) ?? 0) < (Double(b) ?? 0) : a < b }
    values = values.map { numeric ? $0 : DQDLExpression.quoted($0) }
    if c.nulls > 0 { values.append("NULL") }
    return [
      RuleSuggestion(
        rule: "ColumnValues \(DQDLExpression.quoted(c.name)) in [\(values.joined(separator: ", "))]",
        reason: "\(c.distinct) distinct values in \(c.rows - c.nulls) rows")
    ]
  }

  /// Whether the column gets a category list (then no range or length rule).
  static func applies(_ c: ColumnProfile) -> Bool { !suggest(c).isEmpty }
}
