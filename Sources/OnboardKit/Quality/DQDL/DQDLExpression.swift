/// A value in a DQDL condition, as written: a literal, a date expression, a duration or size, a
/// call on the metric's history (`avg(last(3))`) or arithmetic over those.
///
/// Arithmetic is left to right with equal precedence, as DQDL's grammar has it: `a + b * c` is
/// `(a + b) * c`.
public indirect enum DQDLExpression: Sendable, Equatable, CustomStringConvertible {
  case number(Double)
  case string(String)
  /// `"2024-01-31"`: a calendar date, in days since 1970-01-01.
  case date(days: Int, text: String)
  /// `"9:30 AM"`, `"21:45"`: today at that time, in minutes after midnight.
  case timeOfDay(minutes: Int, text: String)
  /// `now()`.
  case now
  /// `24 hours`, `3 days`, `90 minutes`: in seconds.
  case duration(seconds: Int, text: String)
  /// `5 MB`: in bytes (1 KB = 1024 B).
  case size(bytes: Int, text: String)
  case null
  case empty
  case whitespacesOnly
  /// `last(3)`, `avg(...)`: the grammar takes any name; evaluation decides which exist.
  case call(String, [DQDLExpression])
  case arithmetic(Operator, DQDLExpression, DQDLExpression)
  case negated(DQDLExpression)

  public enum Operator: String, Sendable {
    case plus = "+", minus = "-", times = "*", divide = "/"
  }

  /// A condition over dates uses this kind of expression.
  var isTemporal: Bool {
    switch self {
    case .date, .timeOfDay, .now: true
    case .arithmetic(_, let a, _): a.isTemporal
    default: false
    }
  }

  /// True when the value needs the metric's history (`last(k)`).
  public var isDynamic: Bool {
    switch self {
    case .call(let name, let arguments): name == "last" || arguments.contains(where: \.isDynamic)
    case .arithmetic(_, let a, let b): a.isDynamic || b.isDynamic
    case .negated(let a): a.isDynamic
    default: false
    }
  }

  public var description: String {
    switch self {
    case .number(let x): DQDLExpression.format(x)
    case .string(let s): DQDLExpression.quoted(s)
    case .date(_, let text), .timeOfDay(_, let text): "\"\(text)\""
    case .now: "now()"
    case .duration(_, let text), .size(_, let text): text
    case .null: "NULL"
    case .empty: "EMPTY"
    case .whitespacesOnly: "WHITESPACES_ONLY"
    case .call(let name, let arguments): "\(name)(\(arguments.map(\.description).joined(separator: ", ")))"
    case .arithmetic(let op, let a, let b): "(\(a) \(op.rawValue) \(b))"
    case .negated(let a): "-\(a)"
    }
  }

  /// A string as DQDL writes it: double quotes, with its two escapes.
  static func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  /// A number as DQDL would write it: integers without a point, others as Swift prints them.
  static func format(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
  }
}
