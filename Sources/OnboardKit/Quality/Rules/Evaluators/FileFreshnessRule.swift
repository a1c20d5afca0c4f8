import Foundation

/// `FileFreshness "data/" > (now() - 24 hours)`: each file's last-modified time meets the date
/// condition: `now()` (the run's start) moved by durations, a date (`"2024-01-31"`, that day's
/// midnight) or a time of day (`"9:30 AM"`, `"21:45"`: today at that time). The files are those
/// of `FileRuleScope`, after `recentFiles` and `uriRegex`.
///
/// Dates and times of day are in UTC, or in the zone of `with timeZone = "America/New_York"` (an
/// IANA name), then compared as instants. Glue documents the zone for times of day; onboard
/// applies it to dates too, so `"2024-01-31"` is midnight where the producer is.
///
/// The share of files that pass must meet the threshold; without one every file must pass.
/// `between` excludes its bounds. Metrics: `Dataset.*.FileFreshness.Compliance` (that share) and
/// `Dataset.*.FileCount`.
enum FileFreshnessRule: RuleEvaluator {
  static let ruleType = "FileFreshness"

  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) -> PlannedRule {
    let scope: FileRuleScope
    do throws(FileRuleScope.Problem) {
      scope = try FileRuleScope(rule.parameters.first, rule: rule, environment: planning.environment, ownTags: ["timeZone"])
    } catch {
      return .settled(error.result, error.message)
    }
    guard let condition = rule.condition else {
      return .settled(.error, "FileFreshness needs a date condition, e.g. FileFreshness > (now() - 24 hours)")
    }
    var zone = TimeZone(secondsFromGMT: 0)!
    if let name = rule.tags["timeZone"] {
      guard let named = TimeZone(identifier: name) else {
        return .settled(.error, "timeZone \"\(name)\" is not a time zone onboard knows: give an IANA name, e.g. \"America/New_York\"")
      }
      zone = named
    }
    var instants: [Int64] = []
    do throws(RuleConstant.Problem) {
      for operand in condition.operands {
        instants.append(try instant(operand, now: planning.now, zone: zone))
      }
    } catch {
      return .settled(.error, error.message)
    }
    let comparison = Comparison(op: condition.op, operands: instants)
    return PlannedRule { _ in
      scope.measure { files in
        let (value, share) = FileRuleScope.compliance(
          files, passing: { comparison.test($0.modified) }, rule: rule, describe: { "modified \(shown($0.modified))" })
        return RuleMeasurement(
          value: value, metrics: ["Dataset.*.FileFreshness.Compliance": share, "Dataset.*.FileCount": Double(files.count)])
      }
    }
  }

  /// An operand as microseconds since the epoch: dates and times of day in `zone`, the rest as
  /// every rule reads them (`now()`, arithmetic with durations).
  static func instant(_ e: DQDLExpression, now: Int64, zone: TimeZone) throws(RuleConstant.Problem) -> Int64 {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    func micros(_ components: DateComponents) throws(RuleConstant.Problem) -> Int64 {
      guard let date = calendar.date(from: components) else { throw RuleConstant.Problem(message: "\(e) is no time in \(zone.identifier)") }
      return Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }
    switch e {
    case .date(let days, _):
      let (year, month, day) = CivilTime.civil(days: days)
      return try micros(DateComponents(year: year, month: month, day: day, hour: 0, minute: 0))
    case .timeOfDay(let minutes, _):
      var today = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(now) / 1_000_000))
      today.hour = minutes / 60
      today.minute = minutes % 60
      return try micros(today)
    case .arithmetic(let op, let a, let b) where a.isTemporal && (op == .plus || op == .minus):
      guard case .duration(let seconds) = try RuleConstant(b, now: now) else {
        throw RuleConstant.Problem(message: "\(e) is not a time: dates move by durations, e.g. (now() - 24 hours)")
      }
      let t = try instant(a, now: now, zone: zone)
      return op == .plus ? t + Int64(seconds) * 1_000_000 : t - Int64(seconds) * 1_000_000
    default:
      guard case .instant(let t) = try RuleConstant(e, now: now) else {
        throw RuleConstant.Problem(message: "FileFreshness compares file times with dates, e.g. > (now() - 24 hours); found \(e)")
      }
      return t
    }
  }

  /// An instant for messages, in UTC: `2026-01-01T00:00:00Z`.
  static func shown(_ micros: Int64) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(secondsFromGMT: 0)
    return formatter.string(from: Date(timeIntervalSince1970: Double(micros) / 1_000_000))
  }
}
