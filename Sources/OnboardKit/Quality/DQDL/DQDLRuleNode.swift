/// An entry of `Rules = [...]`: one rule, or rules joined with `and` / `or`, with the labels
/// written on it (the document's `DefaultLabels` come first, then these).
public struct DQDLRuleNode: Sendable, Equatable {
  public indirect enum Kind: Sendable, Equatable {
    case rule(DQDLRule)
    /// Passes when every child passes.
    case all([DQDLRuleNode])
    /// Passes when any child passes.
    case any([DQDLRuleNode])
  }

  public var kind: Kind
  public var labels: [DQDLLabel]
  /// The text as written, parentheses included.
  public var text: String
  public var location: RecipeLocation

  /// The rules it is made of, left to right.
  public var rules: [DQDLRule] {
    switch kind {
    case .rule(let r): [r]
    case .all(let children), .any(let children): children.flatMap(\.rules)
    }
  }
}

/// A `"key"="value"` label on a rule or a composite.
public struct DQDLLabel: Sendable, Equatable, Hashable {
  public var key: String
  public var value: String

  public init(_ key: String, _ value: String) {
    self.key = key
    self.value = value
  }
}
