/// Every rule type onboard evaluates, by name. A type of the grammar that is not here is
/// reported as ERROR with the reason, never skipped.
enum RuleEvaluators {
  // A constant table of stateless types: nothing to share unsafely, but metatypes of a protocol
  // are not Sendable to the compiler.
  nonisolated(unsafe) static let all: [String: any RuleEvaluator.Type] = Dictionary(
    uniqueKeysWithValues: ([
      RowCountRule.self, ColumnCountRule.self, ColumnExistsRule.self, ColumnNamesMatchPatternRule.self, CompletenessRule.self,
      IsCompleteRule.self, MeanRule.self, SumRule.self, StandardDeviationRule.self, VarianceRule.self, UniquenessRule.self,
      IsUniqueRule.self, IsPrimaryKeyRule.self, UniqueValueRatioRule.self, DistinctValuesCountRule.self, EntropyRule.self,
      DuplicateRowCountRule.self, ColumnCorrelationRule.self, ColumnValuesRule.self, ColumnLengthRule.self, ColumnDataTypeRule.self,
      DataFreshnessRule.self, CustomSqlRule.self, AllStatisticsAnalyzer.self, BiasMetricRule.self, CorrectnessRule.self, DetectAnomaliesRule.self,
      FileSizeRule.self, FileFreshnessRule.self, FileUniquenessRule.self, FileMatchRule.self,
      ReferentialIntegrityRule.self, RowCountMatchRule.self, DatasetMatchRule.self, SchemaMatchRule.self, AggregateMatchRule.self,
    ] as [any RuleEvaluator.Type]).map { ($0.ruleType, $0) })
}
