import Foundation

/// The metrics of earlier runs, for dynamic rules (`RowCount > avg(last(3))`) and
/// `DetectAnomalies`: a JSON Lines file, one run per line, oldest first:
///
/// ```json
/// {"ruleset":"german-credit.dqdl","run_at":"2026-11-22T10:00:00Z","metrics":{"Dataset.*.RowCount":1000}}
/// ```
///
/// Keep it where CI keeps state (committed to the repository, or a cache): a clean checkout
/// without it starts a new history. A run appends its line after its rules are judged, so a
/// rule never compares a value with itself.
public struct MetricHistory: Sendable, Equatable {
  public struct Run: Sendable, Equatable, Codable {
    public var ruleset: String
    public var runAt: String
    public var metrics: [String: Double]

    enum CodingKeys: String, CodingKey {
      case ruleset, metrics
      case runAt = "run_at"
    }
  }

  public var runs: [Run] = []

  public init(runs: [Run] = []) { self.runs = runs }

  /// Reads the file; a missing file is an empty history. A line that does not parse is an error
  /// with its line number: a history silently cut short would let a drift through.
  public static func load(path: String) throws -> MetricHistory {
    guard FileManager.default.fileExists(atPath: path) else { return MetricHistory() }
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw DQDLError(
        "unreadable-history", "cannot read the metric history: \(error.localizedDescription)",
        at: RecipeLocation(file: path, line: 0, column: 0), fix: "check the path, or remove the file to start a new history")
    }
    var runs: [Run] = []
    for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
      do {
        runs.append(try JSONDecoder().decode(Run.self, from: Data(line.utf8)))
      } catch {
        throw DQDLError(
          "bad-history-line", "line \(n + 1) of the metric history is not a run: \(error)", at: RecipeLocation(file: path, line: n + 1, column: 1),
          fix: "mend or remove that line; each line is {\"ruleset\": ..., \"run_at\": ..., \"metrics\": {...}}")
      }
    }
    return MetricHistory(runs: runs)
  }

  /// Each metric's earlier values, oldest first.
  public var values: [String: [Double]] {
    var values: [String: [Double]] = [:]
    for run in runs {
      for key in run.metrics.keys.sorted() { values[key, default: []].append(run.metrics[key]!) }
    }
    return values
  }

  /// The history with this report's metrics appended as the latest run.
  public func appending(_ report: QualityReport, runAt: String) -> MetricHistory {
    var metrics: [String: Double] = [:]
    for rule in report.rules { metrics.merge(rule.metrics) { a, _ in a } }
    for analyzer in report.analyzers { metrics.merge(analyzer.metrics) { a, _ in a } }
    return MetricHistory(runs: runs + [Run(ruleset: report.ruleset, runAt: runAt, metrics: metrics.filter { $0.value.isFinite })])
  }

  /// Writes the whole file under a temporary name and renames it into place.
  public func write(to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var data = Data()
    for run in runs {
      data.append(try encoder.encode(run))
      data.append(UInt8(ascii: "\n"))
    }
    try AtomicFile.write(data, to: path)
  }
}
