import Foundation

/// CI, DPL, KL, JS, LP, TVD, KS and CDD computed from a count table exactly as smclarify 0.5
/// (`bias/metrics/pretraining.py`, `common.py`, `util.pdfs_aligned_nonzero`) computes them from rows.
///
/// Conventions (docs: ../shared/reference/bias-metrics.md): facet d is the sensitive facet, facet a
/// every other row; the label is binary (positive or not); logarithms are natural.
/// Edge cases, as Clarify reports them (an error message instead of a value):
/// - CI, DPL: facet a or facet d empty.
/// - KL, JS, LP, TVD, KS: the label distributions Pa and Pd are kept only at label values with a
///   non-zero share in both facets, without renormalising (so with one common value KL is
///   ln(1/Pd(y)) · Pa(y), and can be negative); no common value (or an empty facet) is an error.
/// - CDD: no group variable (or no rows), no positive label or no negative label in the whole set
///   are errors; a group with no accepted (or no rejected) rows contributes 0 for that share; an
///   empty facet d is not an error (CDD is then 0).
public struct BiasReport: Sendable, Equatable {
  public var values: [BiasMetric: BiasMetricValue]

  public subscript(metric: BiasMetric) -> BiasMetricValue { values[metric]! }

  public init(_ counts: BiasCounts) {
    let c = counts.overall
    var values: [BiasMetric: BiasMetricValue] = [:]
    values[.ci] = Self.classImbalance(c)
    values[.dpl] = Self.differenceInProportions(c)
    let aligned = Self.alignedDistributions(c)
    values[.kl] = aligned.map { pa, pd in .value(Self.kl(pa, pd)) } ?? Self.noCommonValue
    values[.js] = aligned.map { pa, pd in
      let p = zip(pa, pd).map { 0.5 * ($0 + $1) }
      return .value(0.5 * (Self.kl(pa, p) + Self.kl(pd, p)))
    } ?? Self.noCommonValue
    values[.lp] = aligned.map { pa, pd in .value(zip(pa, pd).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()) }
      ?? Self.noCommonValue
    values[.tvd] = aligned.map { pa, pd in .value(0.5 * zip(pa, pd).reduce(0) { $0 + abs($1.0 - $1.1) }) } ?? Self.noCommonValue
    values[.ks] = aligned.map { pa, pd in .value(zip(pa, pd).map { abs($0 - $1) }.max()!) } ?? Self.noCommonValue
    values[.cdd] = Self.conditionalDemographicDisparity(counts)
    self.values = values
  }

  static let noCommonValue = BiasMetricValue.error("No instance of common facet found, dataset may be too small")

  static func classImbalance(_ c: FacetLabelCounts) -> BiasMetricValue {
    if c.a == 0 { return .error("CI: negated facet set is empty. Check that x[~facet] has non-zero length.") }
    if c.d == 0 { return .error("CI: facet set is empty. Check that x[facet] has non-zero length.") }
    return .value(Double(c.a - c.d) / Double(c.total))
  }

  static func differenceInProportions(_ c: FacetLabelCounts) -> BiasMetricValue {
    if c.a == 0 { return .error("Negative facet set is empty.") }
    if c.d == 0 { return .error("Facet set is empty.") }
    return .value(Double(c.aPositive) / Double(c.a) - Double(c.dPositive) / Double(c.d))
  }

  /// Pa and Pd over the label values (not positive, positive, in that order, as Clarify sorts
  /// False before True) where both are non-zero; nil when there is none.
  static func alignedDistributions(_ c: FacetLabelCounts) -> ([Double], [Double])? {
    guard c.a > 0, c.d > 0 else { return nil }
    var pa: [Double] = []
    var pd: [Double] = []
    for (na, nd) in [(c.aNegative, c.dNegative), (c.aPositive, c.dPositive)] where na > 0 && nd > 0 {
      pa.append(Double(na) / Double(c.a))
      pd.append(Double(nd) / Double(c.d))
    }
    return pa.isEmpty ? nil : (pa, pd)
  }

  static func kl(_ p: [Double], _ q: [Double]) -> Double {
    zip(p, q).reduce(0) { $0 + $1.0 * log($1.0 / $1.1) }
  }

  static func conditionalDemographicDisparity(_ counts: BiasCounts) -> BiasMetricValue {
    guard counts.hasGroupVariable else { return .error("Group variable is empty or not provided") }
    if counts.overall.positives == 0 { return .error("No positive labels in set") }
    if counts.overall.negatives == 0 { return .error("No negative labels in set") }
    var weighted = 0.0
    var rows = 0.0
    for key in counts.groups.keys.sorted() {
      let g = counts.groups[key]!
      let accepted = g.positives > 0 ? Double(g.dPositive) / Double(g.positives) : 0
      let rejected = g.negatives > 0 ? Double(g.dNegative) / Double(g.negatives) : 0
      weighted += Double(g.total) * (rejected - accepted)
      rows += Double(g.total)
    }
    // Clarify's `divide`: 0/0 is 0 (every group value null).
    return .value(rows == 0 ? 0 : weighted / rows)
  }
}
