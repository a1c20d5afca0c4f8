/// `(ColumnValues "c" >= min) and (ColumnValues "c" <= max)` for a numeric column, from its
/// smallest and largest value (Deequ's HasMin/HasMax and NonNegativeNumbers rules). With NULLs,
/// each side takes the share of rows that have a value as its threshold, since NULL fails a
/// comparison. Bounds are written with every digit (`DQDLExpression.format`): fewer would cut
/// off the extreme value itself.
enum NumericRange {
  static func suggest(_ c: ColumnProfile) -> [RuleSuggestion] {
    guard c.inferredType.isNumeric, !RuleSuggestion.hidesValues(c), !CategoricalValues.applies(c),
      let low = c.minimum?.number, let high = c.maximum?.number
    else { return [] }
    let name = DQDLExpression.quoted(c.name)
    var threshold = ""
    if c.nulls > 0 {
      let share = (Double(c.rows - c.nulls) / Double(c.rows) * 100).rounded(.down) / 100
      threshold = " with threshold >= \(RuleJudge.number(share))"
    }
    return [
      RuleSuggestion(
        rule: "(ColumnValues \(name) >= \(DQDLExpression.format(low))\(threshold)) and (ColumnValues \(name) <= \(DQDLExpression.format(high))\(threshold))",
        reason: "values range from \(DQDLExpression.format(low)) to \(DQDLExpression.format(high))")
    ]
  }
}
