/// `IsUnique "c"` for a column whose values all differ, counted exactly (Deequ's
/// UniqueIfApproximatelyUniqueRule, without the approximation).
enum UniqueIfUnique {
  static func suggest(_ c: ColumnProfile) -> [RuleSuggestion] {
    guard c.rows > 1, c.nulls == 0, c.distinctStandardError == nil, c.distinct == c.rows else { return [] }
    return [RuleSuggestion(rule: "IsUnique \(DQDLExpression.quoted(c.name))", reason: "every value is different")]
  }
}
