/// `IsComplete "c"` for a column without a NULL (Deequ's CompleteIfCompleteRule).
enum CompleteIfComplete {
  static func suggest(_ c: ColumnProfile) -> [RuleSuggestion] {
    guard c.rows > 0, c.nulls == 0 else { return [] }
    return [RuleSuggestion(rule: "IsComplete \(DQDLExpression.quoted(c.name))", reason: "no value is missing")]
  }
}
