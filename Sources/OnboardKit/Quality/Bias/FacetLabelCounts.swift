/// Rows counted by facet (a: every other row, d: the sensitive facet) and by label, collapsed to
/// binary (positive or not): the 2 × 2 table every pre-training bias metric but CDD is a function of.
public struct FacetLabelCounts: Sendable, Equatable, Codable {
  /// Facet a, label not positive.
  public var aNegative = 0
  /// Facet a, label positive.
  public var aPositive = 0
  /// Facet d, label not positive.
  public var dNegative = 0
  /// Facet d, label positive.
  public var dPositive = 0

  public init(aNegative: Int = 0, aPositive: Int = 0, dNegative: Int = 0, dPositive: Int = 0) {
    self.aNegative = aNegative
    self.aPositive = aPositive
    self.dNegative = dNegative
    self.dPositive = dPositive
  }

  public var a: Int { aNegative + aPositive }
  public var d: Int { dNegative + dPositive }
  public var total: Int { a + d }
  public var positives: Int { aPositive + dPositive }
  public var negatives: Int { aNegative + dNegative }

  public mutating func observe(sensitive: Bool, positive: Bool) {
    switch (sensitive, positive) {
    case (false, false): aNegative += 1
    case (false, true): aPositive += 1
    case (true, false): dNegative += 1
    case (true, true): dPositive += 1
    }
  }

  public mutating func merge(_ other: FacetLabelCounts) {
    aNegative += other.aNegative
    aPositive += other.aPositive
    dNegative += other.dNegative
    dPositive += other.dPositive
  }
}
