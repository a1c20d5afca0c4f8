/// One rule of a DQDL document: its type, parameters, condition, `where` clause, tags and labels.
public struct DQDLRule: Sendable, Equatable {
  public var type: DQDLRuleType
  /// Parameters as given, variables replaced by their values (column names, paths, SQL, ...).
  public var parameters: [String]
  public var condition: DQDLCondition?
  /// The row filter, as written (a SQL predicate in Glue).
  public var whereClause: String?
  /// `with threshold > 0.9`: the share of rows that must pass a row-level rule.
  public var threshold: DQDLCondition?
  /// `with name = value` tags other than the threshold (`timeZone`, `hashAlgorithm`, ...), as
  /// written; numbers are kept as their text.
  public var tags: [String: String]
  /// The rule's text as written in the document.
  public var text: String
  public var location: RecipeLocation

  public init(
    type: DQDLRuleType, parameters: [String], condition: DQDLCondition? = nil, whereClause: String? = nil, threshold: DQDLCondition? = nil,
    tags: [String: String] = [:], text: String, location: RecipeLocation
  ) {
    self.type = type
    self.parameters = parameters
    self.condition = condition
    self.whereClause = whereClause
    self.threshold = threshold
    self.tags = tags
    self.text = text
    self.location = location
  }
}
