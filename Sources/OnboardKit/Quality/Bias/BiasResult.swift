/// The bias report of one declared facet, as the manifest and the terminal show it: what was
/// compared (label, facet, group), the counts behind the figures, and each of Clarify's
/// pre-training metrics with its value or Clarify's reason for having none.
///
/// It holds aggregates only (row counts, never row values), so it may describe sensitive columns;
/// the facet values it names are the ones the recipe declared. Nothing in it is NaN or infinite,
/// so it always encodes as JSON:
///
/// ```json
/// {"label": {"column": "credit_risk", "positive": ["good"]},
///  "facet": {"column": "age_in_years", "threshold": 25, "sensitive": "at_or_below"},
///  "group": "purpose",
///  "counts": {"rows": 1000, "facet_a": {"rows": 810, "positive": 590}, "facet_d": {"rows": 190, "positive": 110},
///             "groups": 10, "ungrouped_rows": 0, "unreadable_facet_rows": 0},
///  "metrics": [{"code": "CI", "name": "Class Imbalance", "value": 0.62, "error": null}, ...]}
/// ```
public struct BiasResult: Sendable, Equatable, Codable {
  /// The label column and which of its values count as positive (favourable).
  public struct Label: Sendable, Equatable, Codable {
    public var column: String
    /// The positive values, sorted; nil for a numeric threshold.
    public var positive: [String]?
    /// Positive means `label > positiveAbove` (Clarify's label threshold); nil for values.
    public var positiveAbove: Double?

    /// The positive label in one line, e.g. `credit_risk = good` or `score > 0.5`.
    public var summary: String {
      if let positiveAbove { return "\(column) > \(BiasResult.number(positiveAbove))" }
      return "\(column) = \((positive ?? []).joined(separator: " or "))"
    }
  }

  /// The facet column and the rule that puts a row in facet d (the sensitive group).
  public struct Facet: Sendable, Equatable, Codable {
    public var column: String
    /// The sensitive values, sorted; nil for a threshold.
    public var values: [String]?
    public var threshold: Double?
    /// Which side of the threshold is facet d: `above` (Clarify's `x > t`) or `at_or_below`.
    public var sensitive: BiasFacet.ThresholdSide?

    /// The rule in one line, e.g. `age_in_years <= 25` or `foreign_worker in {yes}`.
    public var summary: String {
      if let threshold, let sensitive {
        return "\(column) \(sensitive == .above ? ">" : "<=") \(BiasResult.number(threshold))"
      }
      return "\(column) in {\((values ?? []).joined(separator: ", "))}"
    }
  }

  /// Rows of one facet and how many of them have a positive label.
  public struct FacetCount: Sendable, Equatable, Codable {
    public var rows: Int
    public var positive: Int
  }

  /// The counts every metric is computed from.
  public struct Counts: Sendable, Equatable, Codable {
    public var rows: Int
    /// Every row not in facet d.
    public var facetA: FacetCount
    /// The sensitive facet.
    public var facetD: FacetCount
    /// Distinct non-null values of the group variable (0 without one); the values themselves
    /// are not listed, as they may be as sensitive as the facet.
    public var groups: Int
    /// Rows whose group value is null: in CI to KS, left out of CDD (as Clarify leaves NaN out).
    public var ungroupedRows: Int
    /// Rows of a threshold facet whose value is not a number: counted in facet a, as Clarify
    /// counts NaN.
    public var unreadableFacetRows: Int
  }

  /// One metric: a value, or no value and Clarify's reason.
  public struct Metric: Sendable, Equatable, Codable {
    public var code: BiasMetric
    public var name: String
    public var value: Double?
    public var error: String?

    public var outcome: BiasMetricValue { value.map(BiasMetricValue.value) ?? .error(error ?? "no value") }

    init(_ code: BiasMetric, _ outcome: BiasMetricValue) {
      self.code = code
      name = code.name
      switch outcome {
      case .value(let v) where v.isFinite:
        value = v
        error = nil
      case .value(let v):
        // Not reached from a count table; kept so that a NaN can never break the manifest.
        value = nil
        error = "the value is \(v)"
      case .error(let message):
        value = nil
        error = message
      }
    }

    enum CodingKeys: String, CodingKey { case code, name, value, error }

    /// Writes `value` and `error` even when null, so every metric has the same keys.
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(code, forKey: .code)
      try c.encode(name, forKey: .name)
      try c.encode(value, forKey: .value)
      try c.encode(error, forKey: .error)
    }
  }

  public var label: Label
  public var facet: Facet
  /// The group variable of CDD; nil when none was declared.
  public var group: String?
  public var counts: Counts
  /// Every metric, in `BiasMetric.allCases` order.
  public var metrics: [Metric]

  public init(spec: BiasSpec, counts: BiasCounts) {
    switch spec.label.rule {
    case .values(let values): label = Label(column: spec.label.column, positive: values.sorted(), positiveAbove: nil)
    case .above(let t): label = Label(column: spec.label.column, positive: nil, positiveAbove: t)
    }
    switch spec.facet.rule {
    case .values(let values): facet = Facet(column: spec.facet.column, values: values.sorted(), threshold: nil, sensitive: nil)
    case .threshold(let t, let side): facet = Facet(column: spec.facet.column, values: nil, threshold: t, sensitive: side)
    }
    group = spec.group
    let c = counts.overall
    self.counts = Counts(
      rows: c.total, facetA: FacetCount(rows: c.a, positive: c.aPositive), facetD: FacetCount(rows: c.d, positive: c.dPositive),
      groups: counts.groups.count, ungroupedRows: counts.ungroupedRows, unreadableFacetRows: counts.unreadableFacetRows)
    let report = counts.result
    metrics = BiasMetric.allCases.map { Metric($0, report[$0]) }
  }

  /// A threshold as written: `25`, not `25.0`.
  static func number(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
  }

  /// The outcome of `metric`.
  public subscript(metric: BiasMetric) -> BiasMetricValue {
    metrics.first { $0.code == metric }?.outcome ?? .error("not computed")
  }
}
