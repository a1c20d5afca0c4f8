/// A DQDL rule suggested from a profile, with why: what `onboard init` writes into a starter
/// recipe, after Deequ's constraint suggestion (one suggestion rule per file here).
///
/// Suggestions hold on the data they were drawn from, so a starter recipe passes its own gate, and
/// tighten what a producer would otherwise write by hand. Values of columns that are sensitive or
/// hold personal data are never written into a rule: rule texts travel in results and manifests.
public struct RuleSuggestion: Sendable, Equatable {
  public var rule: String
  public var reason: String

  /// Every suggestion for the profile, table rules first, then column by column.
  public static func all(for profile: TableProfile) -> [RuleSuggestion] {
    var out = [RuleSuggestion(rule: "RowCount > 0", reason: "the data has rows")]
    for column in profile.columns {
      let suggesters: [(ColumnProfile) -> [RuleSuggestion]] = [
        CompleteIfComplete.suggest, RetainCompleteness.suggest, UniqueIfUnique.suggest, CategoricalValues.suggest,
        NumericRange.suggest, MaximumLength.suggest,
      ]
      for suggest in suggesters { out += suggest(column) }
    }
    return out
  }


  /// Values must not appear in a rule: the column is sensitive or holds personal data.
  static func hidesValues(_ c: ColumnProfile) -> Bool { c.sensitive || c.personalData != nil }
}
