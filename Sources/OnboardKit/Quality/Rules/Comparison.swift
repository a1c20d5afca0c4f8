/// An operator of a DQDL condition with its operands, applied to one value.
///
/// Semantics pinned where tools disagree (docs/quality-rules.md):
/// - `between a and b` excludes both bounds and `not between` is its complement (`<= a or >= b`),
///   as in Deequ's DQDL evaluator, the one public implementation;
/// - a NULL value fails every operator except `!=` and `not in` (AWS's ColumnValues rule); with
///   NULL among the operands, `= NULL` / `in [.., NULL]` pass it and `!= NULL` / `not in [.., NULL]`
///   fail it.
struct Comparison<Value: Comparable & Sendable>: Sendable {
  var op: DQDLCondition.Operator
  var operands: [Value]
  /// NULL is among the operands.
  var listsNull = false

  var nullPasses: Bool {
    listsNull ? (op == .equal || op == .in) : op.passesNull
  }

  func test(_ v: Value) -> Bool {
    switch op {
    case .equal: operands.first == v
    case .notEqual: operands.first != v
    case .greater: v > operands[0]
    case .greaterOrEqual: v >= operands[0]
    case .less: v < operands[0]
    case .lessOrEqual: v <= operands[0]
    case .between: operands[0] < v && v < operands[1]
    case .notBetween: v <= operands[0] || v >= operands[1]
    case .in: operands.contains(v)
    case .notIn: !operands.contains(v)
    case .matches, .notMatches: false  // patterns are tested on text, not here
    }
  }

  /// The test of a value that may be NULL.
  func test(_ v: Value?) -> Bool {
    guard let v else { return nullPasses }
    return test(v)
  }
}
