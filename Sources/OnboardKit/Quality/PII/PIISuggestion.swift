/// The PII evidence for one column, and the sensitivity it suggests.
///
/// ## Rule (the thresholds are `PIISuggestion.Thresholds`)
/// For each kind with a value detector, `share` = matching values / non-null values. A kind is
/// *detected* when its share reaches
/// - `valueShare` (0.8) if the column name does not hint the kind, or
/// - `hintedShare` (0.5) if it does (the name is independent evidence);
/// and at least `minimumMatches` (1) values match. `date_of_birth` needs the name hint in any case
/// (a date alone is not a birth date). Among detected kinds the highest share wins, ties going to
/// the earlier kind in `PIIKind.valueKinds`. When none is detected and the name hints a name-only
/// kind (`person_name`, `address`), that kind is suggested on the name alone (share nil). A name
/// hint for a kind with a value detector is *not* enough by itself: a column called `telephone`
/// holding `yes`/`none` is not flagged (that is the German credit data's `telephone`).
///
/// A detected kind suggests `sensitive: true` and the kind's `PIISensitivity` as classification.
/// The recipe's own declaration always wins: see `decide(declared:)`.
public struct PIISuggestion: Sendable, Equatable {
  public struct Thresholds: Sendable, Equatable {
    public var valueShare: Double
    public var hintedShare: Double
    public var minimumMatches: Int
    public init(valueShare: Double = 0.8, hintedShare: Double = 0.5, minimumMatches: Int = 1) {
      self.valueShare = valueShare
      self.hintedShare = hintedShare
      self.minimumMatches = minimumMatches
    }
    public static let standard = Thresholds()
  }

  public var column: String
  /// The detected kind; or, when nothing passed its threshold, the best candidate (the kind with
  /// the most matches, else the first hinted kind), kept as evidence; nil when there is none.
  public var kind: PIIKind?
  /// Matching values of `kind` / non-null values; nil for a name-only kind.
  public var share: Double?
  public var matching: Int
  public var nonNull: Int
  /// Every kind the column name hints at.
  public var nameHints: [PIIKind]
  /// Whether the name hints `kind`.
  public var nameHinted: Bool
  /// The suggested classification when `kind` is detected; nil otherwise (not flagged).
  public var sensitivity: PIISensitivity?

  public var isFlagged: Bool { sensitivity != nil }

  public init(column: String, tally: PIITally.Result, thresholds: Thresholds = .standard) {
    let hints = PIINameHints.kinds(forColumn: column)
    var best: (kind: PIIKind, count: Int)?
    var detected: (kind: PIIKind, share: Double)?
    for kind in PIIKind.valueKinds {
      let count = tally.matches[kind] ?? 0
      let hinted = hints.contains(kind)
      if count > (best?.count ?? 0) { best = (kind, count) }
      guard count >= thresholds.minimumMatches, tally.nonNull > 0, kind != .dateOfBirth || hinted else { continue }
      let share = tally.share(kind)
      if share >= (hinted ? thresholds.hintedShare : thresholds.valueShare) && share > (detected?.share ?? 0) {
        detected = (kind, share)
      }
    }
    let chosen: PIIKind?
    if let detected {
      chosen = detected.kind
      sensitivity = detected.kind.sensitivity
    } else if let nameOnly = hints.first(where: { !$0.hasValueDetector }) {
      chosen = nameOnly
      sensitivity = nameOnly.sensitivity
    } else {
      chosen = best?.kind ?? hints.first
      sensitivity = nil
    }
    self.column = column
    self.kind = chosen
    nameHints = hints
    nonNull = tally.nonNull
    nameHinted = chosen.map { hints.contains($0) } ?? false
    if let chosen, chosen.hasValueDetector {
      matching = tally.matches[chosen] ?? 0
      share = tally.share(chosen)
    } else {
      matching = 0
      share = nil
    }
  }

  /// What the recipe declares about a column's sensitivity.
  public struct Declared: Sendable, Equatable {
    /// nil when the recipe does not say.
    public var sensitive: Bool?
    public var classification: String?
    public init(sensitive: Bool? = nil, classification: String? = nil) {
      self.sensitive = sensitive
      self.classification = classification
    }

    /// From a recipe `columns` entry. The recipe format has `sensitive: false` as its default, so
    /// only `sensitive: true` (or a classification) counts as declared; nil spec = not listed.
    public init(_ spec: Recipe.ColumnSpec?) {
      self.init(sensitive: spec?.sensitive == true ? true : nil, classification: spec?.classification)
    }

    public var isDeclared: Bool { sensitive != nil || classification != nil }
  }

  /// The column's effective sensitivity.
  public struct Decision: Sendable, Equatable {
    public enum Source: String, Sendable { case recipe, detected, none }
    public var sensitive: Bool
    public var classification: String?
    public var source: Source
    /// PII was detected but the recipe declared the column otherwise (the recipe won): worth a
    /// warning in the manifest, never an override.
    public var overridesDetection: Bool
  }

  /// The rule "the recipe's own classification always wins": when the recipe declares a
  /// sensitivity or a classification, both are taken as declared (an unstated `sensitive` is false,
  /// as in the recipe format) and the suggestion is only evidence; only an undeclared column takes
  /// the suggestion (`sensitive: true`, classification = the kind's `PIISensitivity`).
  public func decide(declared: Declared) -> Decision {
    if declared.isDeclared {
      let sensitive = declared.sensitive ?? false
      return Decision(
        sensitive: sensitive, classification: declared.classification, source: .recipe,
        overridesDetection: isFlagged && !sensitive)
    }
    if let sensitivity {
      return Decision(sensitive: true, classification: sensitivity.rawValue, source: .detected, overridesDetection: false)
    }
    return Decision(sensitive: false, classification: nil, source: .none, overridesDetection: false)
  }
}
