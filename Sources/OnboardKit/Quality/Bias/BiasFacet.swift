/// A facet of the bias report: which rows form the sensitive facet d (facet a is every other row).
public struct BiasFacet: Sendable, Equatable {
  public enum Rule: Sendable, Equatable {
    /// Facet d: the rows whose value is one of these (compared as text; numerically for numeric columns).
    case values(Set<String>)
    /// Facet d: the rows whose value is above the threshold (Clarify's meaning of a threshold,
    /// `x > t`), or, with `.atOrBelow`, at or below it (e.g. "age 25 and under").
    case threshold(Double, side: ThresholdSide)
  }

  public enum ThresholdSide: String, Sendable, Equatable, Codable {
    case above
    case atOrBelow = "at_or_below"
  }

  public var column: String
  public var rule: Rule

  public init(column: String, rule: Rule) {
    self.column = column
    self.rule = rule
  }

  public static func values(_ column: String, _ values: Set<String>) -> BiasFacet {
    BiasFacet(column: column, rule: .values(values))
  }

  public static func threshold(_ column: String, _ threshold: Double, side: ThresholdSide = .above) -> BiasFacet {
    BiasFacet(column: column, rule: .threshold(threshold, side: side))
  }

  /// A classifier for rows of `column`: (in facet d, value unreadable as a number).
  /// Null values, and values of a threshold facet that are not numbers, are in facet a (as NaN is
  /// in Clarify, on either side of a threshold).
  func classifier(for column: Column) -> (Int) -> (sensitive: Bool, unreadable: Bool) {
    switch rule {
    case .values(let values):
      let numbers = Set(values.compactMap { Double($0) })
      return { row in (BiasColumnValue.isOneOf(column, row, values, numbers: numbers), false) }
    case .threshold(let t, let side):
      return { row in
        guard let x = BiasColumnValue.number(column, row), !x.isNaN else { return (false, !column.isNull(row)) }
        return (side == .above ? x > t : x <= t, false)
      }
    }
  }
}
