/// The label of the bias report, collapsed to binary: which rows have a positive (favourable) label.
public struct BiasLabel: Sendable, Equatable {
  public enum Rule: Sendable, Equatable {
    /// Positive: one of these values (compared as text; numerically for numeric columns).
    case values(Set<String>)
    /// Positive: above the threshold (`y > t`, Clarify's meaning of a label threshold).
    case above(Double)
  }

  public var column: String
  public var rule: Rule

  public init(column: String, rule: Rule) {
    self.column = column
    self.rule = rule
  }

  public static func values(_ column: String, _ values: Set<String>) -> BiasLabel {
    BiasLabel(column: column, rule: .values(values))
  }

  /// A classifier for rows of `column`. A null label, or one that is not a number for a threshold,
  /// is not positive (Clarify compares NaN with the positive values and finds no match).
  func classifier(for column: Column) -> (Int) -> Bool {
    switch rule {
    case .values(let values):
      let numbers = Set(values.compactMap { Double($0) })
      return { row in BiasColumnValue.isOneOf(column, row, values, numbers: numbers) }
    case .above(let t):
      return { row in BiasColumnValue.number(column, row).map { $0 > t } ?? false }
    }
  }
}
