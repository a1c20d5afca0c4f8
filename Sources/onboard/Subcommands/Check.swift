import ArgumentParser
import Foundation
import OnboardKit

extension OnboardCommand {
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Gate a file on AWS Glue Data Quality (DQDL) rules, without a recipe.",
      discussion: """
        The file is read once; the rules are judged from that pass's metrics (docs/quality-rules.md \
        lists the rule types and where onboard's semantics are pinned). Prints one line per rule; \
        --junit writes JUnit XML for CI test reports, --json Glue's GetDataQualityResult fields.

        Exit codes: 0 every rule passed; 1 a rule failed or could not be evaluated (FAIL or ERROR); \
        2 the check could not run (unreadable rules or data, a syntax error in the rules).
        """)

    @Argument(help: "The file to check: CSV, JSON, JSON Lines or XML, plain or gzip; or a folder or glob of such files.")
    var file: String

    @Option(help: "The DQDL rules file: Rules = [ ... ], optionally Analyzers = [ ... ].")
    var rules: String

    @Option(help: "Write JUnit XML here (one test case per rule).")
    var junit: String?

    @Option(help: "Write the result here as JSON with AWS Glue's field names (RuleResults, Score, AnalyzerResults).")
    var json: String?

    @Option(name: .customLong("reference"), help: ArgumentHelp(
      "A second source that comparison rules (ReferentialIntegrity, RowCountMatch, DatasetMatch, SchemaMatch, AggregateMatch) name by alias, as ALIAS=PATH (repeatable); read with every setting detected.",
      valueName: "alias=path"))
    var references: [String] = []

    @Option(help: "The metric history (JSON Lines) that last(k) and DetectAnomalies compare with; this run's metrics are appended to it.")
    var history: String?

    @Option(help: "Write malformed rows to this JSON Lines file, with file, line, reason and raw text.")
    var quarantine: String?

    @Option(help: "Worker threads (default: one per core).")
    var threads: Int?

    @OptionGroup var input: InputOptions

    @OptionGroup(title: "Bias (for BiasMetric rules: SageMaker Clarify pre-training metrics)") var bias: BiasOptions

    static func references(_ given: [String]) throws -> [String: RuleEnvironment.Reference] {
      var out: [String: RuleEnvironment.Reference] = [:]
      for text in given {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex, text.index(after: eq) != text.endIndex else {
          throw ValidationError("--reference takes ALIAS=PATH, e.g. --reference customers=data/customers.csv, not '\(text)'")
        }
        out[String(text[..<eq])] = RuleEnvironment.Reference(path: String(text[text.index(after: eq)...]))
      }
      return out
    }

    func run() throws {
      var failed = false
      try Terminal.reportingErrors {
        let document = try Checker.rules(at: rules)
        let earlier = try history.map(MetricHistory.load) ?? MetricHistory()
        let writer = quarantine.map(QuarantineWriter.init(path:))
        let options = try input.options()
        let result = try Checker.check(
          path: file, options: options, rules: document, rulesName: (rules as NSString).lastPathComponent, threads: threads,
          bias: try bias.parsed(), history: earlier, references: try Self.references(references)
        ) { rows in try writer?.write(rows) }
        if let history {
          try earlier.appending(result.report, runAt: Manifest.timestamp(result.report.startedOn)).write(to: history)
        }
        try writer?.commit()
        if let junit { try AtomicFile.write(JUnitReport.data(result.report), to: junit) }
        if let json { try AtomicFile.write(try GlueResultDocument.data(result.report), to: json) }
        print(QualitySummary.render(result.report))
        if result.rejectedRows > 0 {
          FileHandle.standardError.write(Data("note: \(result.rejectedRows) malformed rows were left out of the check\n".utf8))
        }
        failed = result.report.passed < result.report.rules.count
      }
      if failed { throw ExitCode(1) }
    }
  }
}
