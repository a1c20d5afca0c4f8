import Foundation

/// Applies a rule's condition to what it measured: numbers to the condition (resolving
/// `avg(last(3))` and its kin against the metric's history), compliances to the threshold.
enum RuleJudge {
  struct Judgement: Equatable {
    var result: RuleOutcome.Result
    var message: String?
  }

  static func judge(_ rule: DQDLRule, _ m: RuleMeasurement, history: [String: [Double]]) -> Judgement {
    switch m.value {
    case .settled(let result, let message):
      return Judgement(result: result, message: message)
    case .verdict(let passed, let message):
      return Judgement(result: passed ? .pass : .fail, message: passed ? nil : message)
    case .number(let x):
      guard let condition = rule.condition else {
        return Judgement(result: .error, message: "\(rule.type.name) needs a condition to pass or fail")
      }
      return check(x, condition, subject: m.subject, history: m.key.flatMap { history[$0] } ?? [])
    case .compliance(let passed, let rows):
      // No rows: nothing broke the rule.
      let share = rows == 0 ? 1 : Double(passed) / Double(rows)
      let counted = "\(percent(share)) of rows passed (\(passed) of \(rows))"
      if let threshold = rule.threshold {
        var j = check(share, threshold, subject: "the share of rows that passed", history: [])
        if j.result == .fail { j.message = "\(counted); the threshold is \(threshold)" }
        return j
      }
      return passed == rows
        ? Judgement(result: .pass, message: nil)
        : Judgement(result: .fail, message: "\(counted); without a threshold every row must pass")
    }
  }

  /// "1 value", "3 values".
  static func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

  static func percent(_ share: Double) -> String { String(format: "%.2f %%", share * 100) }

  /// Glue writes numbers plainly; six significant digits keep messages short.
  static func number(_ x: Double) -> String {
    if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
    return String(format: "%.6g", x)
  }

  enum Operand {
    case number(Double)
    case list([Double])
  }

  struct Unresolved: Error {
    var message: String
    /// The history is shorter than the rule reads: the rule passes until there is one.
    var waitsForHistory = false
  }

  static func check(_ x: Double, _ condition: DQDLCondition, subject: String, history: [Double]) -> Judgement {
    var values: [Double] = []
    do throws(Unresolved) {
      for e in condition.operands {
        guard case .number(let v) = try resolve(e, history: history) else {
          throw Unresolved(message: "\(e) is a list of earlier values: compare with avg(...), min(...), max(...) or index(..., i)")
        }
        values.append(v)
      }
    } catch {
      if error.waitsForHistory { return Judgement(result: .pass, message: error.message) }
      return Judgement(result: .error, message: error.message)
    }
    let passed = Comparison(op: condition.op, operands: values).test(x)
    if passed { return Judgement(result: .pass, message: nil) }
    let shown = values.map(number)
    var required: String =
      switch condition.op {
      case .between, .notBetween: "\(condition.op.rawValue) \(shown[0]) and \(shown[1])"
      case .in, .notIn: "\(condition.op.rawValue) [\(shown.joined(separator: ", "))]"
      default: "\(condition.op.rawValue) \(shown.first ?? "")"
      }
    if condition.isDynamic { required += " (\(condition), from \(history.count) earlier runs)" }
    var message = "\(subject) is \(number(x)); required \(required)"
    if condition.op == .between, values.contains(x) {
      message += " (between excludes its bounds, as Glue's evaluator does: write >= and <= to include them)"
    }
    return Judgement(result: .fail, message: message)
  }

  /// The value of an operand; `last(k)` is the k most recent earlier values, newest first.
  static func resolve(_ e: DQDLExpression, history: [Double]) throws(Unresolved) -> Operand {
    switch e {
    case .number(let x): return .number(x)
    case .negated(let inner):
      guard case .number(let x) = try resolve(inner, history: history) else { throw Unresolved(message: "a list cannot be negated") }
      return .number(-x)
    case .arithmetic(let op, let a, let b):
      guard case .number(let x) = try resolve(a, history: history), case .number(let y) = try resolve(b, history: history) else {
        throw Unresolved(message: "arithmetic on a list of earlier values: take avg(...), min(...) or max(...) first")
      }
      return .number(RuleConstant.apply(op, x, y))
    case .call(let name, let arguments):
      return try call(name, arguments, history: history)
    default:
      throw Unresolved(message: "\(e) is not a number")
    }
  }

  static func call(_ name: String, _ arguments: [DQDLExpression], history: [Double]) throws(Unresolved) -> Operand {
    if name == "last" {
      guard arguments.count == 1, case .number(let k) = arguments[0], k >= 1, k == k.rounded() else {
        throw Unresolved(message: "last(k) takes one whole number of runs, e.g. last(3)")
      }
      guard !history.isEmpty else {
        throw Unresolved(message: "no earlier runs in the metric history yet: the rule passes until there are", waitsForHistory: true)
      }
      return .list(Array(history.suffix(Int(k)).reversed()))
    }
    var lists: [[Double]] = []
    var numbers: [Double] = []
    for a in arguments {
      switch try resolve(a, history: history) {
      case .list(let l): lists.append(l)
      case .number(let x): numbers.append(x)
      }
    }
    guard let list = lists.first, lists.count == 1, !list.isEmpty else {
      throw Unresolved(message: "\(name)(...) takes the earlier values of a metric: \(name)(last(3))")
    }
    let n = Double(list.count)
    switch (name, numbers.count) {
    case ("avg", 0): return .number(list.reduce(0, +) / n)
    case ("min", 0): return .number(list.min()!)
    case ("max", 0): return .number(list.max()!)
    case ("std", 0):
      // Population standard deviation, as the rule StandardDeviation computes it.
      let mean = list.reduce(0, +) / n
      return .number((list.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot())
    case ("index", 1):
      let i = numbers[0]
      guard i == i.rounded(), i >= 0 else { throw Unresolved(message: "index(list, i) takes a whole i from 0 (the latest run)") }
      guard Int(i) < list.count else {
        throw Unresolved(message: "index(\(Int(i))) needs \(Int(i) + 1) earlier runs; the history has \(list.count)", waitsForHistory: true)
      }
      return .number(list[Int(i)])
    default:
      throw Unresolved(message: "unknown function \(name)(...): DQDL's are last, avg, min, max, std and index")
    }
  }
}
