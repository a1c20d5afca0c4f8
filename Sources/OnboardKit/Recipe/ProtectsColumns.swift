/// A step that protects the values of columns (masks them, replaces them with random values), so
/// the manifest can say which columns of the product are protected, by which step, and how.
protocol ProtectsColumns {
  /// How the values are protected: `masked`, `randomized`, later `hashed`.
  static var protection: String { get }
  /// The columns the step protects, by name.
  var protectedColumns: [String] { get }
}

/// Where a column of the product was protected.
public struct ColumnProtection: Sendable, Codable, Equatable {
  public var kind: String
  /// `index:kind` of the step, as quarantine records name steps.
  public var step: String
}

extension Plan {
  /// For each target column, how its values were protected: each protecting step marks its
  /// columns, renames carry the mark to the new name, and a dropped column takes it with it.
  public var protections: [String: ColumnProtection] {
    var marks: [String: ColumnProtection] = [:]
    for (i, planned) in steps.enumerated() {
      // A step's output schema is `schemas[i + 1]`: follow renames by position when the step
      // keeps the column count (renames do), then keep only names that still exist.
      let before = schemas[i].names
      let after = schemas[i + 1].names
      if before.count == after.count && before != after {
        var renamed: [String: ColumnProtection] = [:]
        for (old, new) in zip(before, after) { if let mark = marks[old] { renamed[new] = mark } }
        marks = renamed
      }
      marks = marks.filter { after.contains($0.key) }
      if let protecting = planned.step as? any ProtectsColumns {
        let reference = planned.context.reference
        for column in protecting.protectedColumns {
          marks[column] = ColumnProtection(kind: type(of: protecting).protection, step: "\(reference.index):\(reference.kind)")
        }
      }
    }
    return marks
  }
}
