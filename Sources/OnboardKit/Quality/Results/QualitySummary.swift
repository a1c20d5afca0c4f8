/// A quality report for the terminal: what was checked and the score, then one line per rule with
/// its result, its text (clipped) and why it failed, then the analyzers' metrics.
///
///     orders on orders.csv: 3 rows, 3 rules
///     score 0.33: 1 passed, 1 failed, 1 error
///
///     result  rule                      message
///     ------  ------------------------  ----------------------------------------------------
///     PASS    IsComplete "id"
///     FAIL    Completeness "age" > 0.9  Value: 0.5 does not meet the constraint requirement!
///
/// Text from the rules file or the data is shown with control characters neutralized, so that
/// it can neither break the table nor send escape sequences to the terminal.
public enum QualitySummary {
  /// Rule texts longer than this are clipped; the message, in the last column, never is.
  static let ruleWidth = 60

  public static func render(_ report: QualityReport) -> String {
    let header = [
      "\(shown(report.ruleset)) on \(shown(report.dataSource)): \(RuleJudge.counted(report.rows, "row")), \(RuleJudge.counted(report.rules.count, "rule"))",
      "score \(score(report.score)): \(report.passed) passed, \(report.failed) failed, \(RuleJudge.counted(report.errored, "error"))",
    ]
    var rules = TextTable(headers: ["result", "rule", "message"])
    rules.rows = report.rules.map { rule in
      [rule.result.rawValue, shown(rule.description).clipped(ruleWidth), shown(rule.message ?? "")]
    }
    var sections = [header.joined(separator: "\n"), rules.render()]
    if !report.analyzers.isEmpty {
      // One metric a line, the analyzer named on its first: an analyzer of a whole column
      // (AllStatistics) has eight metrics, too many for one cell.
      var analyzers = TextTable(headers: ["analyzer", "metric", "value"])
      analyzers.rightAligned = [2]
      for analyzer in report.analyzers {
        let name = shown(analyzer.description).clipped(ruleWidth)
        if let message = analyzer.message {
          analyzers.rows.append([name, shown(message), ""])
          continue
        }
        for (i, metric) in analyzer.metrics.sorted(by: { $0.key < $1.key }).enumerated() {
          analyzers.rows.append([i == 0 ? name : "", shown(metric.key), ValueFormatter.formatDouble(metric.value)])
        }
      }
      sections.append(analyzers.render())
    }
    return sections.joined(separator: "\n\n") + "\n"
  }

  /// `0.33`: two decimals are enough to read a score at a glance.
  private static func score(_ x: Double) -> String {
    var out: [UInt8] = []
    ValueFormatter.appendDecimal(Int64((x * 100).rounded()), scale: 2, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Tab and line breaks become spaces; other control characters (C0, DEL, C1: the ones that
  /// start terminal escape sequences) become U+FFFD.
  private static func shown(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x09, 0x0A, 0x0D: out.append(" ")
      case 0x00 ... 0x1F, 0x7F ... 0x9F: out.append("\u{FFFD}")
      default: out.append(scalar)
      }
    }
    return String(out)
  }
}
