/// Checking a bias spec against a schema before any row is read (DESIGN.md invariant 3): the
/// counting pass then never meets a missing column.
extension BiasSpec {
  /// The part of the spec a column plays.
  public enum Role: String, Sendable, Equatable {
    case label, facet, group
  }

  /// One thing wrong with a spec on a schema.
  public struct SchemaProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
      case unknownColumn(nearest: String?)
      /// A threshold on a column of this type, which is not a number.
      case notNumeric(DataType)
    }

    public var role: Role
    public var column: String
    public var kind: Kind

    public var description: String {
      switch kind {
      case .unknownColumn(let nearest):
        "the bias \(role.rawValue) column '\(column)' is not in the data" + (nearest.map { "; did you mean '\($0)'?" } ?? "")
      case .notNumeric(let type):
        "the bias \(role.rawValue) '\(column)' has a threshold, but the column is \(type.glueName), not a number"
      }
    }
  }

  /// What is wrong with this spec on `schema`, label first, then facet, then group.
  ///
  /// `thresholdsNeedNumbers`: a recipe's target is typed, so a threshold on a text column is a
  /// mistake; a file profiled as is has only text columns, whose numbers are read as they come
  /// (a value that is not one falls in facet a and is counted as unreadable).
  public func problems(in schema: Schema, thresholdsNeedNumbers: Bool) -> [SchemaProblem] {
    var problems: [SchemaProblem] = []
    func check(_ name: String, _ role: Role, threshold: Bool) {
      guard let i = schema.index(of: name) else {
        problems.append(SchemaProblem(role: role, column: name, kind: .unknownColumn(nearest: Suggestion.nearest(to: name, in: schema.names))))
        return
      }
      if threshold, thresholdsNeedNumbers, !schema[i].type.isNumeric {
        problems.append(SchemaProblem(role: role, column: name, kind: .notNumeric(schema[i].type)))
      }
    }
    let labelHasThreshold = if case .above = label.rule { true } else { false }
    let facetHasThreshold = if case .threshold = facet.rule { true } else { false }
    check(label.column, .label, threshold: labelHasThreshold)
    check(facet.column, .facet, threshold: facetHasThreshold)
    if let group { check(group, .group, threshold: false) }
    return problems
  }
}
