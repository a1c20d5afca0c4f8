import Foundation
import Testing

@testable import OnboardKit

/// Dynamic rules (`last(k)` and its functions) and `DetectAnomalies`, against a metric history,
/// on the decoded German credit file (1000 rows, mean age 35.546).
@Suite struct MetricHistoryTests {
  static func check(_ rules: String, history: [String: [Double]]) throws -> [RuleOutcome] {
    let runs = (0 ..< (history.values.map(\.count).max() ?? 0)).map { i in
      MetricHistory.Run(ruleset: "t", runAt: "2026-01-0\(i + 1)T00:00:00Z", metrics: history.compactMapValues { i < $0.count ? $0[i] : nil })
    }
    return try Checker.check(
      path: TestPaths.decodedCSV.path, rules: try DQDLParser.parse(rules), rulesName: "t", history: MetricHistory(runs: runs),
      now: Date(timeIntervalSince1970: 1_767_225_600)
    ).report.rules
  }

  static let rows = "Dataset.*.RowCount"

  @Test func dynamicConditionsReadTheHistory() throws {
    // avg(last(3)) of 900, 2000, 2000, 2000 is 2000 (the three latest); 0.9 × 2000 = 1800 > 1000.
    let fail = try Self.check("Rules = [ RowCount > avg(last(3)) * 0.9 ]", history: [Self.rows: [900, 2000, 2000, 2000]])
    #expect(fail[0].result == .fail)
    #expect(fail[0].message == "RowCount is 1000; required > 1800 (> (avg(last(3)) * 0.9), from 4 earlier runs)")
    // min(last(2)) of 950, 1200 is 950; max is 1200: 1000 lies between.
    let pass = try Self.check("Rules = [ RowCount between min(last(2)) - 1 and max(last(2)) + 1 ]", history: [Self.rows: [950, 1200]])
    #expect(pass[0].result == .pass)
    // index(last(3), 0) is the latest run, 1 the one before.
    let latest = try Self.check(
      "Rules = [ RowCount = index(last(3), 1), RowCount = index(last(3), 0) ]", history: [Self.rows: [7, 1000, 999]])
    #expect(latest.map(\.result) == [.pass, .fail])
    // std is the population's: of 990 and 1010 it is 10.
    let spread = try Self.check("Rules = [ RowCount < avg(last(2)) + std(last(2)) ]", history: [Self.rows: [990, 1010]])
    #expect(spread[0].result == .pass)
  }

  @Test func withoutHistoryADynamicRulePassesAndSaysSo() throws {
    let r = try Self.check("Rules = [ RowCount > avg(last(3)) ]", history: [:])
    #expect(r[0].result == .pass)
    #expect(r[0].message == "no earlier runs in the metric history yet: the rule passes until there are")
  }

  /// The AWS documentation's example of a dynamic rule that errors: a count is no list.
  @Test func comparingWithAListIsAnError() throws {
    let text = try String(
      contentsOf: TestPaths.fixtures.appendingPathComponent("dqdl/aws-evaluation-errors/dynamic-rules.dqdl"), encoding: .utf8)
    let r = try Self.check(text, history: [Self.rows: [1000, 1000]])
    #expect(r[0].result == .error)
    #expect(r[0].message?.contains("is a list of earlier values") == true)
    #expect(try Self.check("Rules = [ RowCount > median(last(3)) ]", history: [Self.rows: [1]])[0].result == .error)
  }

  @Test func detectAnomalies() throws {
    // Too little history: passes, saying so.
    let young = try Self.check(#"Rules = [ DetectAnomalies "RowCount" ]"#, history: [Self.rows: [1000, 1000]])
    #expect(young[0].result == .pass && young[0].message?.hasPrefix("2 of the 3 earlier runs") == true)
    // 990, 1000, 1010: mean 1000, population deviation 8.165, limits 1000 ± 24.49; 1000 is inside.
    let steady = try Self.check(#"Rules = [ DetectAnomalies "RowCount" ]"#, history: [Self.rows: [990, 1000, 1010]])
    #expect(steady[0].result == .pass)
    #expect(abs(steady[0].metrics["Dataset.*.RowCount.UpperLimit"]! - (1000 + 3 * (200.0 / 3).squareRoot())) < 1e-9)
    // 500, 510, 490: mean 500, limits 500 ± 24.49; 1000 is an anomaly.
    let jump = try Self.check(#"Rules = [ DetectAnomalies "RowCount" ]"#, history: [Self.rows: [500, 510, 490]])
    #expect(jump[0].result == .fail)
    #expect(jump[0].message?.hasPrefix("RowCount is 1000, outside [475.505, 524.495]") == true)
    // A column metric, keyed as its rule reports it; a constant history allows no real change.
    let mean = "Column.age_in_years.Mean"
    let same = try Self.check(#"Rules = [ DetectAnomalies "Mean" "age_in_years" ]"#, history: [mean: [35.546, 35.546, 35.546]])
    #expect(same[0].result == .pass)
    let moved = try Self.check(#"Rules = [ DetectAnomalies "Mean" "age_in_years" ]"#, history: [mean: [30, 30, 30]])
    #expect(moved[0].result == .fail)
    // Only number rules can be watched.
    #expect(try Self.check(#"Rules = [ DetectAnomalies "IsComplete" "age_in_years" ]"#, history: [:])[0].result == .error)
  }

  @Test func historyFileRoundTripsAndAppends() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("history.jsonl").path
    #expect(try MetricHistory.load(path: path) == MetricHistory())
    let report = QualityReport(
      ruleset: "g", dataSource: "d", rows: 3,
      rules: [RuleOutcome(name: "Rule_1", description: "RowCount > 0", result: .pass, metrics: [Self.rows: 3])],
      analyzers: [AnalyzerOutcome(name: "Analyzer_1", description: "Completeness \"a\"", metrics: ["Column.a.Completeness": 0.5])],
      startedOn: Date(timeIntervalSince1970: 0), completedOn: Date(timeIntervalSince1970: 0))
    try MetricHistory().appending(report, runAt: "2026-01-01T00:00:00Z").write(to: path)
    try MetricHistory.load(path: path).appending(report, runAt: "2026-01-02T00:00:00Z").write(to: path)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == """
      {"metrics":{"Column.a.Completeness":0.5,"Dataset.*.RowCount":3},"ruleset":"g","run_at":"2026-01-01T00:00:00Z"}
      {"metrics":{"Column.a.Completeness":0.5,"Dataset.*.RowCount":3},"ruleset":"g","run_at":"2026-01-02T00:00:00Z"}

      """)
    #expect(try MetricHistory.load(path: path).values == [Self.rows: [3, 3], "Column.a.Completeness": [0.5, 0.5]])
    try Data((text + "not json\n").utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: DQDLError.self) { try MetricHistory.load(path: path) }
    do { _ = try MetricHistory.load(path: path) } catch let e as DQDLError { #expect(e.location.line == 3) }
  }
}
