/// A parsed DQDL document: its sections in the order the grammar fixes
/// (`Metadata`, `DataSources`, variables, `DefaultLabels`, `Rules`, `Analyzers`).
public struct DQDLDocument: Sendable, Equatable {
  /// `Metadata = { "Version": "1.0" }`.
  public var version: String?
  /// `DataSources = { "Primary": ..., "AdditionalDataSources": [...] }`.
  public var primarySource: String?
  public var additionalSources: [String] = []
  /// Variables by name: a string or a list of strings.
  public var variables: [String: DQDLVariable] = [:]
  public var defaultLabels: [DQDLLabel] = []
  public var rules: [DQDLRuleNode] = []
  /// Rules that only compute metrics; nothing passes or fails.
  public var analyzers: [DQDLRule] = []

  public init() {}
}

/// The value of a DQDL variable (`name = "x"` or `name = ["a", "b"]`), used as `$name`.
public enum DQDLVariable: Sendable, Equatable {
  case string(String)
  case list([String])
}
