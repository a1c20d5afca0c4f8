import Crypto
import Foundation

/// A quality report as AWS Glue's `GetDataQualityResult` returns it: Glue's field names, types and
/// JSON wire format (the `GetDataQualityResultResponse` shape of botocore's `glue` model), so that
/// tools written for Glue's results read ours. The same report gives the same bytes: keys sorted,
/// numbers in their shortest round-trip form, and a `ResultId` derived from the content.
///
/// Left out, because a local evaluation has nothing true to put there:
/// - `DataSource`: Glue's is a Data Catalog table (`GlueTable` or `DataQualityGlueTable`, both
///   requiring `DatabaseName` and `TableName`). A file has neither, and an invented table would
///   send readers looking for one that does not exist. The data source goes in
///   `EvaluationContext`, the free-text field Glue uses to tell evaluations in one job apart.
/// - `JobName`, `JobRunId`, `RulesetEvaluationRunId`, `EvaluationRunMode`, `ProfileId`: no Glue
///   job or run exists.
/// - `EvaluatedRule`, `RuleMetrics`, `Observations`, `TotalRowsPassed`, `TotalRowsFailed`: we
///   keep no rule text with values filled in, no row-level results and no metrics history.
///
/// Strings are cleaned to Glue's patterns: characters they refuse (control characters but tab,
/// and line breaks outside descriptions and messages) become U+FFFD. Non-finite metrics are
/// written `"NaN"`, `"Infinity"`, `"-Infinity"`, as the AWS JSON protocol writes them.
public struct GlueResultDocument: Encodable, Sendable {
  var resultId: String?
  var score: Double
  var rulesetName: String
  var evaluationContext: String
  /// Seconds since 1970 in milliseconds: the JSON protocol's timestamp, as Glue sends it.
  var startedOn: Double?
  var completedOn: Double?
  var ruleResults: [RuleResult]
  var analyzerResults: [AnalyzerResult]
  var aggregatedMetrics: AggregatedMetrics

  struct RuleResult: Encodable {
    var name: String
    var description: String
    var evaluationMessage: String?
    var result: String
    var evaluatedMetrics: [String: Double]
    /// Absent when the rule has none, as in Glue's responses.
    var labels: [String: String]?

    enum CodingKeys: String, CodingKey {
      case name = "Name", description = "Description", evaluationMessage = "EvaluationMessage", result = "Result"
      case evaluatedMetrics = "EvaluatedMetrics", labels = "Labels"
    }
  }

  struct AnalyzerResult: Encodable {
    var name: String
    var description: String
    var evaluationMessage: String?
    var evaluatedMetrics: [String: Double]

    enum CodingKeys: String, CodingKey {
      case name = "Name", description = "Description", evaluationMessage = "EvaluationMessage"
      case evaluatedMetrics = "EvaluatedMetrics"
    }
  }

  /// Counts are doubles in Glue's model (`NullableDouble`).
  struct AggregatedMetrics: Encodable {
    var totalRowsProcessed: Double
    var totalRulesProcessed: Double
    var totalRulesPassed: Double
    /// Rules that did not pass: Glue has no count of errored rules, so they count as failed,
    /// which keeps passed + failed = processed.
    var totalRulesFailed: Double

    enum CodingKeys: String, CodingKey {
      case totalRowsProcessed = "TotalRowsProcessed", totalRulesProcessed = "TotalRulesProcessed"
      case totalRulesPassed = "TotalRulesPassed", totalRulesFailed = "TotalRulesFailed"
    }
  }

  enum CodingKeys: String, CodingKey {
    case resultId = "ResultId", score = "Score", rulesetName = "RulesetName", evaluationContext = "EvaluationContext"
    case startedOn = "StartedOn", completedOn = "CompletedOn", ruleResults = "RuleResults"
    case analyzerResults = "AnalyzerResults", aggregatedMetrics = "AggregatedMetrics"
  }

  init(_ report: QualityReport) {
    score = report.score
    rulesetName = report.ruleset.glueName
    evaluationContext = report.dataSource
    startedOn = Self.timestamp(report.startedOn)
    completedOn = Self.timestamp(report.completedOn)
    ruleResults = report.rules.map { rule in
      RuleResult(
        name: rule.name.glueName, description: rule.description.glueText, evaluationMessage: rule.message?.glueText,
        result: rule.result.rawValue, evaluatedMetrics: rule.metrics.glueKeys,
        labels: rule.labels.isEmpty ? nil : rule.labels.glueKeys.mapValues(\.glueName))
    }
    analyzerResults = report.analyzers.map { analyzer in
      AnalyzerResult(
        name: analyzer.name.glueName, description: analyzer.description.glueText,
        evaluationMessage: analyzer.message?.glueText, evaluatedMetrics: analyzer.metrics.glueKeys)
    }
    aggregatedMetrics = AggregatedMetrics(
      totalRowsProcessed: Double(report.rows), totalRulesProcessed: Double(report.rules.count),
      totalRulesPassed: Double(report.passed), totalRulesFailed: Double(report.failed + report.errored))
    resultId = Self.resultId(of: self)
  }

  /// The document as pretty-printed JSON with sorted keys, ending with a newline.
  public static func data(_ report: QualityReport) throws -> Data {
    let json = String(decoding: try encoder(pretty: true).encode(GlueResultDocument(report)), as: UTF8.self)
    // Foundation pretty-prints an empty object or list over three lines; Glue's own examples
    // write `{}`. Only formatting puts a raw line break in JSON, so this cannot touch a string.
    let tidy = json.replacingOccurrences(of: #"([\[{])\n\n *([\]}])"#, with: "$1$2", options: .regularExpression)
    return Data((tidy + "\n").utf8)
  }

  /// `dqresult-` and 40 hex digits, as Glue's look: the SHA-256 of the document without its
  /// timestamps, so an unchanged evaluation of unchanged data keeps its id from run to run.
  static func resultId(_ report: QualityReport) -> String {
    GlueResultDocument(report).resultId ?? ""
  }

  private static func resultId(of document: GlueResultDocument) -> String {
    var content = document
    content.resultId = nil
    content.startedOn = nil
    content.completedOn = nil
    // Encoding plain values cannot fail; an empty input would still give a well-formed id.
    let bytes = (try? encoder(pretty: false).encode(content)) ?? Data()
    let digits = Array("0123456789abcdef")
    let hex = SHA256.hash(data: bytes).prefix(20).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }
    return "dqresult-" + String(hex)
  }

  private static func timestamp(_ date: Date) -> Double {
    (date.timeIntervalSince1970 * 1000).rounded() / 1000
  }

  private static func encoder(pretty: Bool) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return encoder
  }
}

extension Dictionary where Key == String {
  /// Keys cleaned as Glue names; of two keys that clean to the same name, the smaller one's value
  /// stays, whatever the dictionary's order.
  fileprivate var glueKeys: [String: Value] {
    Dictionary(sorted { $0.key < $1.key }.map { ($0.key.glueName, $0.value) }) { first, _ in first }
  }
}

extension String {
  /// For Glue's `NameString` fields (names, metric keys, labels): no control character but tab.
  fileprivate var glueName: String { glueCleaned(lineBreaks: false) }
  /// For Glue's description fields (rule text, messages), which also allow line breaks.
  fileprivate var glueText: String { glueCleaned(lineBreaks: true) }

  /// Glue's string pattern `[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]*` (plus `\r\n`
  /// for descriptions), with every other character replaced by U+FFFD.
  private func glueCleaned(lineBreaks: Bool) -> String {
    let allowed: (Unicode.Scalar) -> Bool = { scalar in
      switch scalar.value {
      case 0x09: true
      case 0x0A, 0x0D: lineBreaks
      case 0x20 ... 0xD7FF, 0xE000 ... 0xFFFD, 0x10000 ... 0x10FFFF: true
      default: false
      }
    }
    guard !unicodeScalars.allSatisfy(allowed) else { return self }
    var cleaned = String.UnicodeScalarView()
    for scalar in unicodeScalars { cleaned.append(allowed(scalar) ? scalar : "\u{FFFD}") }
    return String(cleaned)
  }
}
