import Foundation

/// A quality report as JUnit XML, in the common format that GitHub, GitLab and Jenkins test
/// report viewers read (the one Jenkins' `junit-10.xsd` describes): one `<testsuite>` for the
/// rule set, one `<testcase>` per rule, `<failure>` for FAIL and `<error>` for ERROR.
///
/// Layout choices:
/// - A test case is named by its rule text, the most readable handle in a viewer, and its
///   `classname` is the rule set, which groups a report's rules when several are published together.
/// - Metrics and labels go in the test case's `<system-out>`: Jenkins' schema allows no
///   `<properties>` inside a test case, and GitLab ignores them there.
/// - Analyzers assert nothing, so they are not test cases: counting them would make the test
///   count disagree with the rules and the score. They are listed, with their metrics, in the
///   suite's `<system-out>`.
/// - The run's time is the suite's; rules are judged from one pass of metrics, so a test case
///   takes no time of its own (`time="0"`). No `hostname`: it would make the output depend on
///   the machine. `timestamp` is UTC without a zone, the form Jenkins' schema accepts.
///
/// Every string is escaped for where it goes, and characters XML 1.0 cannot carry (control
/// characters but tab and line breaks, U+FFFE, U+FFFF) become U+FFFD.
public enum JUnitReport {
  public static func data(_ report: QualityReport) -> Data {
    Data(xml(report).utf8)
  }

  static func xml(_ report: QualityReport) -> String {
    let time = seconds(from: report.startedOn, to: report.completedOn)
    let counts = [
      ("tests", String(report.rules.count)), ("failures", String(report.failed)), ("errors", String(report.errored)),
    ]
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites\(attributes([("name", report.ruleset)] + counts + [("time", time)]))>\n"
    let suite = [("name", report.ruleset)] + counts + [("skipped", "0"), ("time", time), ("timestamp", timestamp(report.startedOn))]
    out += "  <testsuite\(attributes(suite))>\n"
    out += "    <properties>\n"
    for (name, value) in properties(report) {
      out += "      <property\(attributes([("name", name), ("value", value)]))/>\n"
    }
    out += "    </properties>\n"
    for rule in report.rules {
      out += "    <testcase\(attributes([("name", rule.description), ("classname", report.ruleset), ("time", "0")]))>\n"
      switch rule.result {
      case .pass: break
      case .fail: out += "      " + problem("failure", rule) + "\n"
      case .error: out += "      " + problem("error", rule) + "\n"
      }
      out += "      <system-out>\(escaped(ruleDetails(rule)))</system-out>\n"
      out += "    </testcase>\n"
    }
    if !report.analyzers.isEmpty {
      out += "    <system-out>\(escaped(report.analyzers.map(analyzerDetails).joined(separator: "\n")))</system-out>\n"
    }
    out += "  </testsuite>\n"
    out += "</testsuites>\n"
    return out
  }

  /// What the suite was run on, for viewers that show suite properties; `glue_result_id` ties
  /// the XML to the Glue result document of the same run.
  static func properties(_ report: QualityReport) -> [(String, String)] {
    [
      ("data_source", report.dataSource), ("rows", String(report.rows)), ("score", ValueFormatter.formatDouble(report.score)),
      ("glue_result_id", GlueResultDocument.resultId(report)),
    ]
  }

  /// `<failure>` or `<error>`: the message is what a viewer shows first, the body says which rule.
  private static func problem(_ element: String, _ rule: RuleOutcome) -> String {
    let message = rule.message ?? "\(rule.name) \(rule.result == .fail ? "failed" : "could not be evaluated")"
    let body = "\(rule.name): \(rule.description)\n\(message)"
    return "<\(element)\(attributes([("message", message), ("type", rule.result.rawValue)]))>\(escaped(body))</\(element)>"
  }

  /// `Rule_2: <rule text>`, then one indented line per metric and label, sorted.
  private static func ruleDetails(_ rule: RuleOutcome) -> String {
    let labels = rule.labels.sorted { $0.key < $1.key }.map { "  label \($0.key) = \($0.value)" }
    return ([header(rule.name, rule.description)] + metricLines(rule.metrics) + labels).joined(separator: "\n")
  }

  private static func analyzerDetails(_ analyzer: AnalyzerOutcome) -> String {
    let message = analyzer.message.map { ["  \($0)"] } ?? []
    return ([header(analyzer.name, analyzer.description)] + message + metricLines(analyzer.metrics)).joined(separator: "\n")
  }

  private static func header(_ name: String, _ description: String) -> String { "\(name): \(description)" }

  private static func metricLines(_ metrics: [String: Double]) -> [String] {
    metrics.sorted { $0.key < $1.key }.map { "  \($0.key) = \(ValueFormatter.formatDouble($0.value))" }
  }

  /// Seconds between two dates with three decimals; never negative.
  private static func seconds(from start: Date, to end: Date) -> String {
    let millis = Int64((max(0, end.timeIntervalSince(start)) * 1000).rounded())
    var out: [UInt8] = []
    ValueFormatter.appendDecimal(millis, scale: 3, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// `2024-05-01T12:00:00`: UTC, whole seconds, no zone designator.
  private static func timestamp(_ date: Date) -> String {
    let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    var out: [UInt8] = []
    ValueFormatter.appendTimestamp(seconds * 1_000_000, to: &out)
    return String(decoding: out, as: UTF8.self).replacingOccurrences(of: " ", with: "T")
  }

  private static func attributes(_ pairs: [(String, String)]) -> String {
    pairs.map { " \($0.0)=\"\(escaped($0.1, inAttribute: true))\"" }.joined()
  }

  /// `text` as XML character data, or as a double-quoted attribute value. In an attribute, tab and
  /// line breaks are written as references, since a parser would otherwise turn them into spaces;
  /// a carriage return is one everywhere, since a parser would otherwise turn it into a line feed.
  static func escaped(_ text: String, inAttribute: Bool = false) -> String {
    var out = String.UnicodeScalarView()
    func append(_ s: String) { out.append(contentsOf: s.unicodeScalars) }
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x26: append("&amp;")
      case 0x3C: append("&lt;")
      case 0x3E: append("&gt;")  // so that `]]>` never appears in text
      case 0x22 where inAttribute: append("&quot;")
      case 0x09 where inAttribute: append("&#9;")
      case 0x0A where inAttribute: append("&#10;")
      case 0x0D: append("&#13;")
      case 0x09, 0x0A, 0x20 ... 0xD7FF, 0xE000 ... 0xFFFD, 0x10000 ... 0x10FFFF: out.append(scalar)
      default: out.append("\u{FFFD}")  // not a character XML 1.0 can carry, even as a reference
      }
    }
    return String(out)
  }
}
