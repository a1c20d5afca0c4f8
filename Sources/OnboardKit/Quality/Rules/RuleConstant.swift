/// A condition operand with its value worked out before any row is read: `now()` is the run's
/// start, `(now() - 3 days)` an instant, `"9:30 AM"` today at that time (UTC).
enum RuleConstant: Sendable, Equatable {
  case number(Double)
  /// Microseconds since the epoch, UTC.
  case instant(Int64)
  case duration(seconds: Int)
  case size(bytes: Int)
  case text(String)
  case null, empty, whitespacesOnly

  struct Problem: Error, Equatable {
    var message: String
  }

  /// The value of `e`; throws for what needs the metric's history (`last(3)`), which only
  /// aggregate rules take, or for arithmetic that means nothing (a date plus a date).
  init(_ e: DQDLExpression, now: Int64) throws(Problem) {
    switch e {
    case .number(let x): self = .number(x)
    case .string(let s): self = .text(s)
    case .date(let days, _): self = .instant(Int64(days) * CivilTime.microsPerDay)
    case .timeOfDay(let minutes, _):
      let midnight = now - ((now % CivilTime.microsPerDay) + CivilTime.microsPerDay) % CivilTime.microsPerDay
      self = .instant(midnight + Int64(minutes) * 60_000_000)
    case .now: self = .instant(now)
    case .duration(let seconds, _): self = .duration(seconds: seconds)
    case .size(let bytes, _): self = .size(bytes: bytes)
    case .null: self = .null
    case .empty: self = .empty
    case .whitespacesOnly: self = .whitespacesOnly
    case .negated(let inner):
      switch try RuleConstant(inner, now: now) {
      case .number(let x): self = .number(-x)
      default: throw Problem(message: "only a number can be negated: \(e)")
      }
    case .call(let name, _):
      throw Problem(message: "\(name)(...) reads the history of a metric, which a row-by-row condition has not: \(e)")
    case .arithmetic(let op, let a, let b):
      switch (try RuleConstant(a, now: now), op, try RuleConstant(b, now: now)) {
      case (.number(let x), _, .number(let y)): self = .number(RuleConstant.apply(op, x, y))
      case (.instant(let t), .plus, .duration(let s)): self = .instant(t + Int64(s) * 1_000_000)
      case (.instant(let t), .minus, .duration(let s)): self = .instant(t - Int64(s) * 1_000_000)
      case (.duration(let x), .plus, .duration(let y)): self = .duration(seconds: x + y)
      case (.duration(let x), .minus, .duration(let y)): self = .duration(seconds: x - y)
      default: throw Problem(message: "\(e) is not a value: dates move by durations, numbers combine with numbers")
      }
    }
  }

  static func apply(_ op: DQDLExpression.Operator, _ x: Double, _ y: Double) -> Double {
    switch op {
    case .plus: x + y
    case .minus: x - y
    case .times: x * y
    case .divide: x / y
    }
  }
}
