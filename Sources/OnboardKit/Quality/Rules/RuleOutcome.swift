/// What one entry of `Rules = [...]` came to: passed, failed, or could not be evaluated, with the
/// metrics it read and why. The fields follow Glue's `DataQualityRuleResult`.
public struct RuleOutcome: Sendable, Equatable {
  public enum Result: String, Sendable, Codable {
    case pass = "PASS", fail = "FAIL", error = "ERROR"
  }

  /// `Rule_1`, `Rule_2`, ... in document order, as Glue names them.
  public var name: String
  /// The rule as written.
  public var description: String
  public var result: Result
  /// Why it failed or errored, with the measured value and what was required; nil on a pass.
  public var message: String?
  /// Metrics read, by Glue's key `Entity.Instance.Name` (`Column.age.Completeness`).
  public var metrics: [String: Double]
  /// `DefaultLabels` and the rule's own labels.
  public var labels: [String: String]
  public var location: RecipeLocation?

  public init(
    name: String, description: String, result: Result, message: String? = nil, metrics: [String: Double] = [:],
    labels: [String: String] = [:], location: RecipeLocation? = nil
  ) {
    self.name = name
    self.description = description
    self.result = result
    self.message = message
    self.metrics = metrics
    self.labels = labels
    self.location = location
  }
}

/// What an entry of `Analyzers = [...]` computed: metrics only.
public struct AnalyzerOutcome: Sendable, Equatable {
  /// `Analyzer_1`, ... in document order.
  public var name: String
  public var description: String
  /// Set when the metrics could not be computed (a missing column).
  public var message: String?
  public var metrics: [String: Double]

  public init(name: String, description: String, message: String? = nil, metrics: [String: Double] = [:]) {
    self.name = name
    self.description = description
    self.message = message
    self.metrics = metrics
  }
}
