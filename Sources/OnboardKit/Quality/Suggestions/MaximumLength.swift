/// `ColumnLength "c" <= n` for a text column that is not a category list, from its longest value
/// (Deequ's HasMaxLength rule). NULL has length 0 and passes.
enum MaximumLength {
  static func suggest(_ c: ColumnProfile) -> [RuleSuggestion] {
    guard !c.inferredType.isNumeric, !c.inferredType.isTemporal, !CategoricalValues.applies(c),
      let longest = c.lengths?.maximum, longest > 0
    else { return [] }
    return [RuleSuggestion(rule: "ColumnLength \(DQDLExpression.quoted(c.name)) <= \(longest)", reason: "the longest value has \(longest) characters")]
  }
}
