import Testing

@testable import OnboardKit

/// What one rule should come to: its result, its metrics, a part of its message, and where the
/// expectation is written (failures point there).
struct ExpectedRule {
  var rule: String
  var result: RuleOutcome.Result
  var metrics: [String: Double]
  /// A part of the message (nil: not checked; a pass has no message unless it waits for history).
  var message: String?
  var location: SourceLocation
}

/// The rule tables of the rule suites: `Self.rule(...)` writes an expectation, `verify` checks a
/// report's outcomes against them in order.
protocol RuleExpectations {}

extension RuleExpectations {
  typealias Expected = ExpectedRule

  static func rule(
    _ text: String, _ result: RuleOutcome.Result, _ metrics: [String: Double] = [:], message: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> ExpectedRule {
    ExpectedRule(rule: text, result: result, metrics: metrics, message: message, location: sourceLocation)
  }

  /// Each outcome against its expectation: the result; each metric within `tolerance` (relative);
  /// the message part; and a message whenever a rule does not pass.
  static func verify(_ cases: [ExpectedRule], _ report: QualityReport, tolerance: Double = 1e-12) throws {
    try #require(report.rules.count == cases.count)
    for (c, o) in zip(cases, report.rules) {
      #expect(o.result == c.result, "\(c.rule): \(o.message ?? "no message")", sourceLocation: c.location)
      for (key, value) in c.metrics {
        let got = o.metrics[key]
        let close = got.map { $0 == value || relativeError($0, value) <= tolerance } ?? false
        #expect(close, "\(c.rule): \(key) is \(got.map { "\($0)" } ?? "missing"), expected \(value)", sourceLocation: c.location)
      }
      if let part = c.message {
        #expect(o.message?.contains(part) == true, "\(c.rule): message \(o.message ?? "nil") lacks \(part)", sourceLocation: c.location)
      }
      if c.result != .pass || o.result != .pass {
        #expect(o.message?.isEmpty == false, "\(c.rule): a failure says why", sourceLocation: c.location)
      }
    }
  }
}
