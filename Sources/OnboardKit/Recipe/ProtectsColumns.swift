/// A step that protects the values of columns (masks them, replaces them with random values), so
/// the manifest can say which columns of the product are protected, by which step, and how.
protocol ProtectsColumns {
  /// How the values are protected: `masked`, `randomized`, `hashed`.
  static var protection: String { get }
  /// The columns the step protects, by name.
  var protectedColumns: [String] { get }
  /// The manifest's record for a column protected by step `step` (`index:kind`); a step with
  /// more to say (the hash algorithm, the secret's id) fills it in.
  func protectionRecord(step: String) -> ColumnProtection
}

extension ProtectsColumns {
  func protectionRecord(step: String) -> ColumnProtection { ColumnProtection(kind: Self.protection, step: step) }
}

/// Where a column of the product was protected.
public struct ColumnProtection: Sendable, Codable, Equatable {
  public var kind: String
  /// `index:kind` of the step, as quarantine records name steps.
  public var step: String
  /// The hash algorithm (`HMAC_SHA256`) of a hashed column.
  public var algorithm: String? = nil
  /// The id of the HMAC secret (`databrew!default`, an ARN), never its value.
  public var secretId: String? = nil
  /// The secret's version when the recipe pins one.
  public var secretVersion: String? = nil
}

extension Plan {
  /// For each target column, how its values were protected: by the last protecting step on its
  /// lineage, so the mark follows renames, copies and merges, and leaves with a dropped column.
  public var protections: [String: ColumnProtection] {
    var marks: [String: ColumnProtection] = [:]
    for (field, trace) in zip(target.fields, traces().columns) {
      let masked = trace.steps.filter(\.transformation.masking).map(\.step)
      if let last = masked.max(), let step = steps[last].step as? any ProtectsColumns {
        marks[field.name] = step.protectionRecord(step: stepName(last))
      }
    }
    return marks
  }
}
