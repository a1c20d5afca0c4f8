/// The pre-training bias metrics of SageMaker Clarify, by their Clarify codes (CDD is Clarify's CDDL).
public enum BiasMetric: String, CaseIterable, Sendable, Codable, Comparable {
  case ci = "CI"
  case dpl = "DPL"
  case kl = "KL"
  case js = "JS"
  case lp = "LP"
  case tvd = "TVD"
  case ks = "KS"
  case cdd = "CDD"

  public var name: String {
    switch self {
    case .ci: "Class Imbalance"
    case .dpl: "Difference in Proportions of Labels"
    case .kl: "Kullback-Leibler Divergence"
    case .js: "Jensen-Shannon Divergence"
    case .lp: "L2 norm"
    case .tvd: "Total Variation Distance"
    case .ks: "Kolmogorov-Smirnov Distance"
    case .cdd: "Conditional Demographic Disparity in Labels"
    }
  }

  public static func < (a: BiasMetric, b: BiasMetric) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// One metric's outcome, as Clarify's report carries it: a value, or no value and the reason
/// (an empty facet, no common label value, no group variable), never NaN.
public enum BiasMetricValue: Sendable, Equatable {
  case value(Double)
  case error(String)

  public var value: Double? { if case .value(let v) = self { v } else { nil } }
  public var error: String? { if case .error(let e) = self { e } else { nil } }
}
