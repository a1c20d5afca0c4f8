import Foundation

/// Gates a file on DQDL rules without a recipe: the file is read once, profiled on all cores with
/// the rules' probes, and every rule judged from that pass.
public enum Checker {
  public struct Result: Sendable {
    public var report: QualityReport
    public var profile: TableProfile
    /// Malformed rows the reader rejected (they are not in the rows the rules saw).
    public var rejectedRows: Int
  }

  /// The run's start: `SOURCE_DATE_EPOCH` when set (reproducible results), else the clock.
  public static func runStart(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
    environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init).map(Date.init(timeIntervalSince1970:)) ?? Date()
  }

  /// The run's end: the start when `SOURCE_DATE_EPOCH` pins it, else the clock.
  static func runEnd(start: Date, environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
    environment["SOURCE_DATE_EPOCH"] == nil ? Date() : start
  }

  /// Reads the rules file (DQDL; CRLF or LF), with errors that name it.
  public static func rules(at path: String) throws -> DQDLDocument {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw DQDLError(
        "unreadable-rules", "cannot read the rules file: \(error.localizedDescription)", at: RecipeLocation(file: path, line: 0, column: 0),
        fix: "give the path of a UTF-8 text file of DQDL rules, e.g. --rules quality.dqdl")
    }
    return try DQDLParser.parse(text, file: path)
  }

  /// `bias` are the reports `BiasMetric` rules read; their columns are checked against the
  /// file's before any row is read.
  public static func check(
    path: String, options: Source.Options = .init(), rules document: DQDLDocument, rulesName: String, threads: Int? = nil,
    bias: [BiasSpec] = [], history: MetricHistory = MetricHistory(), references: [String: RuleEnvironment.Reference] = [:],
    now: Date = runStart(), rejects: @escaping (inout [RejectedRow]) throws -> Void = { _ in }
  ) throws -> Result {
    let opened = try Source.open(path: path, options: options, batchSize: Profiler.batchRows)
    for spec in bias {
      if let problem = spec.problems(in: opened.reader.schema, thresholdsNeedNumbers: false).first { throw problem }
    }
    let environment = RuleEnvironment(files: opened.files.map(\.path), references: references)
    let rules = RuleSet(document, name: rulesName, schema: opened.reader.schema, now: now, environment: environment)
    var profiler = Profiler(threads: threads)
    profiler.rules = rules.probes
    profiler.bias = bias
    var rejected = 0
    let accumulator = try profiler.profile(opened.reader) { rows in
      rejected += rows.count
      try rejects(&rows)
    }
    let profile = accumulator.result()
    // Second sources of comparison rules are read now, each once, after the file's single pass.
    let references = rules.readReferences(threads: threads)
    let report = rules.report(
      profile: profile, probes: accumulator.ruleProbes, dataSource: path, startedOn: now, completedOn: runEnd(start: now),
      history: history.values, references: references)
    return Result(report: report, profile: profile, rejectedRows: rejected)
  }
}
