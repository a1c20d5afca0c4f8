/// The comparison after a rule's parameters, or in `with threshold`: an operator and its operands
/// (two for `between`, a list for `in`).
public struct DQDLCondition: Sendable, Equatable, CustomStringConvertible {
  public enum Operator: String, Sendable, Equatable {
    case equal = "="
    case notEqual = "!="
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="
    case between = "between"
    case notBetween = "not between"
    case `in` = "in"
    case notIn = "not in"
    case matches = "matches"
    case notMatches = "not matches"

    /// True for the operators that let a NULL row pass a row-level rule (AWS: "NULL rows fail
    /// every operator except != and not in").
    public var passesNull: Bool { self == .notEqual || self == .notIn }
  }

  public var op: Operator
  public var operands: [DQDLExpression]

  public init(_ op: Operator, _ operands: [DQDLExpression]) {
    self.op = op
    self.operands = operands
  }

  public var isDynamic: Bool { operands.contains(where: \.isDynamic) }

  public var description: String {
    switch op {
    case .between, .notBetween: "\(op.rawValue) \(operands[0]) and \(operands[1])"
    case .in, .notIn: "\(op.rawValue) [\(operands.map(\.description).joined(separator: ", "))]"
    default: "\(op.rawValue) \(operands[0])"
    }
  }
}
