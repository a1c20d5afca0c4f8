/// What the parser knows of a rule type: how many parameters it takes, what its value is (which
/// decides the condition it accepts), and whether it takes a threshold or a `where` clause.
///
/// The table restates the public registry (`awslabs/dqdl`, `configuration/rules/rules-config.json`)
/// with the rule types AWS documents since (file rules, `DuplicateRowCount`, `Variance`), and our
/// extension (`BiasMetric`, `Correctness`), which Glue would not accept: `isExtension` marks it.
public struct DQDLRuleType: Sendable, Equatable {
  /// The kind of value a rule computes; a condition must compare that kind.
  public enum Value: Sendable, Equatable {
    /// Passes or fails by itself: no condition allowed.
    case boolean
    case number
    /// A type name, compared with `=`, `!=`, `in`.
    case string
    /// Each row's value: a string, number or date condition, applied row by row.
    case rowValues
    /// Each row's age: a duration condition (`<= 24 hours`).
    case rowAges
    /// Each file's size: a size condition (`< 5 MB`) or plain bytes.
    case fileSizes
    /// Each file's last-modified time: a date condition.
    case fileTimes
    /// A number when a condition is given, otherwise a row-level predicate (`CustomSql`).
    case numberOrBoolean
  }

  public var name: String
  /// Fixed parameter counts this type accepts (`DatasetMatch` takes 2 or 3), or the minimum for a
  /// variadic type.
  public var arities: [Int]
  public var isVariadic = false
  public var value: Value
  public var takesThreshold = false
  public var takesWhere = false
  /// Computes metrics only: allowed in `Analyzers`, not in `Rules`.
  public var isAnalyzerOnly = false
  /// Ours, not DQDL's: `onboard` evaluates it, Glue would reject the document.
  public var isExtension = false
  /// Compares the primary data with a second source named in `DataSources`.
  public var needsReference = false

  /// The value for a rule of this type with `count` parameters: `FileMatch` compares two paths
  /// (boolean) or one file's checksum with a list (string).
  public func value(parameters count: Int) -> Value {
    name == "FileMatch" && count < 2 ? .string : value
  }

  public func accepts(parameters count: Int) -> Bool {
    isVariadic ? count >= (arities.first ?? 0) : arities.contains(count)
  }

  public var parametersShown: String {
    if isVariadic { return "\(arities.first ?? 0) or more parameters" }
    let counts = arities.map(String.init)
    let joined = counts.count == 1 ? counts[0] : counts.dropLast().joined(separator: ", ") + " or " + counts.last!
    return "\(joined) parameter" + (arities == [1] ? "" : "s")
  }

  static func rule(
    _ name: String, _ arities: [Int], _ value: Value, threshold: Bool = false, whereClause: Bool = false, variadic: Bool = false,
    analyzerOnly: Bool = false, extension isExtension: Bool = false, reference: Bool = false
  ) -> DQDLRuleType {
    DQDLRuleType(
      name: name, arities: arities, isVariadic: variadic, value: value, takesThreshold: threshold, takesWhere: whereClause,
      isAnalyzerOnly: analyzerOnly, isExtension: isExtension, needsReference: reference)
  }

  /// Every rule type, by name.
  public static let all: [String: DQDLRuleType] = Dictionary(
    uniqueKeysWithValues: [
      rule("RowCount", [0], .number, whereClause: true),
      rule("RowCountMatch", [1], .number, reference: true),
      rule("ColumnCount", [0], .number),
      rule("ColumnExists", [1], .boolean),
      rule("ColumnNamesMatchPattern", [1], .boolean),
      rule("ColumnDataType", [1], .string, threshold: true, whereClause: true),
      rule("Completeness", [1], .number, whereClause: true),
      rule("IsComplete", [1], .boolean, whereClause: true),
      rule("Uniqueness", [1], .number, whereClause: true, variadic: true),
      rule("IsUnique", [1], .boolean, whereClause: true, variadic: true),
      rule("IsPrimaryKey", [1], .boolean, whereClause: true, variadic: true),
      rule("UniqueValueRatio", [1], .number, whereClause: true),
      rule("DistinctValuesCount", [1], .number, whereClause: true),
      rule("Entropy", [1], .number, whereClause: true),
      rule("Mean", [1], .number, whereClause: true),
      rule("Sum", [1], .number, whereClause: true),
      rule("StandardDeviation", [1], .number, whereClause: true),
      rule("Variance", [1], .number, whereClause: true),
      rule("ColumnCorrelation", [2], .number, whereClause: true),
      rule("ColumnLength", [1], .number, threshold: true, whereClause: true),
      rule("ColumnValues", [1], .rowValues, threshold: true, whereClause: true),
      rule("DataFreshness", [1], .rowAges, whereClause: true),
      rule("CustomSql", [1], .numberOrBoolean, threshold: true),
      rule("ReferentialIntegrity", [2], .number, reference: true),
      rule("DatasetMatch", [2, 3], .number, reference: true),
      rule("SchemaMatch", [1], .number, reference: true),
      rule("AggregateMatch", [2], .number, reference: true),
      rule("DuplicateRowCount", [0], .number, whereClause: true, variadic: true),
      rule("DetectAnomalies", [1], .boolean, variadic: true),
      rule("AllStatistics", [1], .number, analyzerOnly: true),
      rule("FileFreshness", [0, 1], .fileTimes, threshold: true),
      rule("FileMatch", [0, 1, 2], .boolean),
      rule("FileSize", [0, 1], .fileSizes, threshold: true),
      rule("FileUniqueness", [0, 1], .number),
      // Ours: Clarify's pre-training bias metrics and the correctness of declared domains.
      rule("BiasMetric", [2, 3], .number, extension: true),
      rule("Correctness", [1], .number, extension: true),
    ].map { ($0.name, $0) })
}
