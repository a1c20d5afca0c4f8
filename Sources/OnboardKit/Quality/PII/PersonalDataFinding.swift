/// What the profile reports of personal data found in a column: the kind, the evidence (share of
/// matching values, whether the name hints it) and the suggested sensitivity. Only flagged columns
/// get one. The evidence is counts and shares, never the matching values.
public struct PersonalDataFinding: Sendable, Equatable, Codable {
  public var kind: String
  /// Matching values / non-null values; absent when the name alone suggests the kind.
  public var share: Double?
  public var matchingValues: Int
  public var nonNullValues: Int
  public var nameHinted: Bool
  /// The suggested classification (`personal`, `financial`, `national_identifier`).
  public var suggestedClassification: String
  /// Filled in a run: `recipe` when the recipe declared the column (the recipe wins), or
  /// `detected` when the suggestion was taken.
  public var decidedBy: String?

  /// nil when the column is not flagged.
  init?(column: String, tally: PIITally.Result) {
    let suggestion = PIISuggestion(column: column, tally: tally)
    guard let kind = suggestion.kind, let sensitivity = suggestion.sensitivity else { return nil }
    self.kind = kind.rawValue
    share = suggestion.share
    matchingValues = suggestion.matching
    nonNullValues = suggestion.nonNull
    nameHinted = suggestion.nameHinted
    suggestedClassification = sensitivity.rawValue
  }
}
