/// A condition that narrows a step to some rows: DataBrew's `ConditionExpressions`, our `when:`.
///
/// ```yaml
/// - remove_values:
///     source_column: rating
///     when: [{condition: less_than, target_column: rating, value: 1800}]
/// ```
/// A step's conditions are ANDed, as DataBrew does. `value` is one value or a list (`IS`,
/// `IS_NOT`), two numbers for `IS_BETWEEN` (`[lo, hi]`, both inclusive, or DataBrew's
/// `{GREATER_THAN_EQUAL: lo, LESS_THAN_EQUAL: hi}`), and the type name for `IS_INVALID`.
public struct Condition: Sendable {
  public enum Kind: String, Sendable, CaseIterable {
    case `is` = "IS", isNot = "IS_NOT", isBetween = "IS_BETWEEN"
    case contains = "CONTAINS", notContains = "NOT_CONTAINS"
    case startsWith = "STARTS_WITH", notStartsWith = "NOT_STARTS_WITH"
    case endsWith = "ENDS_WITH", notEndsWith = "NOT_ENDS_WITH"
    case lessThan = "LESS_THAN", lessThanEqual = "LESS_THAN_EQUAL"
    case greaterThan = "GREATER_THAN", greaterThanEqual = "GREATER_THAN_EQUAL"
    case isInvalid = "IS_INVALID", isMissing = "IS_MISSING"
  }

  public var kind: Kind
  public var column: String
  /// The values compared with, as text (numbers are parsed when the condition is planned).
  public var values: [String]
  var location: RecipeLocation
  /// Filled by `plan`: the column's index and what the comparison needs.
  var columnIndex = -1
  var bounds: (lower: Double, upper: Double) = (-.infinity, .infinity)
  var invalidType: DataType?

  /// Reads one condition in either spelling: keys `condition`, `target_column`, `value`
  /// (DataBrew's `Condition`, `TargetColumn`, `Value` come here snake_cased).
  static func parse(_ node: RecipeNode, step: StepReference) throws -> Condition {
    let f = try node.fields(allowed: ["condition", "target_column", "value"], required: ["condition", "target_column"], step: step)
    let name = try f["condition"]!.string()
    guard let kind = Kind(rawValue: name.uppercased()) else {
      let names = Kind.allCases.map(\.rawValue)
      throw RecipeError(
        "unknown-condition", "unknown condition '\(name)'", at: f["condition"]!.location, step: step,
        fix: Suggestion.nearest(to: name.uppercased(), in: names).map { "did you mean '\($0)'?" } ?? "use one of \(names.joined(separator: ", "))")
    }
    var values: [String] = []
    if let v = f["value"] {
      let unpacked = RecipeNode(DataBrewParameters.unpack(v.node), file: v.file, path: v.path)
      if unpacked.isSequence {
        values = try unpacked.items().map { try $0.string() }
      } else if unpacked.isMapping {
        // DataBrew's IS_BETWEEN: {"GREATER_THAN_EQUAL": lo, "LESS_THAN_EQUAL": hi}.
        let entries = try unpacked.entries()
        let lower = try entries.first { $0.key.uppercased() == "GREATER_THAN_EQUAL" }?.value.string()
        let upper = try entries.first { $0.key.uppercased() == "LESS_THAN_EQUAL" }?.value.string()
        values = [lower ?? "-Infinity", upper ?? "Infinity"]
      } else {
        values = [try unpacked.string()]
      }
    }
    let needsValue: Set<Kind> = [.isMissing, .isInvalid]
    if values.isEmpty && !needsValue.contains(kind) {
      throw RecipeError("missing-parameter", "condition \(kind.rawValue) needs a `value`", at: node.location, step: step)
    }
    return Condition(kind: kind, column: try f["target_column"]!.string(), values: values, location: f["target_column"]!.location)
  }

  /// Resolves the column and checks the values against the schema the step receives.
  mutating func plan(_ schema: Schema, step: StepReference) throws {
    guard let i = schema.index(of: column) else {
      throw RecipeError.unknownColumn(column, among: schema.names, at: location, step: step)
    }
    columnIndex = i
    func number(_ text: String) throws -> Double {
      switch text.lowercased() {
      case "-infinity", "-inf": return -.infinity
      case "infinity", "inf": return .infinity
      default:
        guard let n = ValueParser.parse(text).number else {
          throw RecipeError("invalid-parameter", "condition \(kind.rawValue) compares numbers, but '\(text)' is not one", at: location, step: step)
        }
        return n
      }
    }
    switch kind {
    case .lessThan, .lessThanEqual, .greaterThan, .greaterThanEqual:
      let n = try number(values[0])
      bounds = (n, n)
    case .isBetween:
      guard values.count == 2 else {
        throw RecipeError("invalid-parameter", "IS_BETWEEN needs two bounds", at: location, step: step, fix: "write `value: [lo, hi]`")
      }
      bounds = (try number(values[0]), try number(values[1]))
    case .isInvalid:
      if let name = values.first {
        guard let type = DataType(parsing: name) else {
          throw RecipeError("unknown-type", "unknown type '\(name)' for IS_INVALID", at: location, step: step, fix: DataType.fix(forUnknown: name))
        }
        invalidType = type
      } else if schema[i].type == .string {
        throw RecipeError(
          "missing-parameter", "IS_INVALID on the text column '\(column)' needs the type its values should have", at: location,
          step: step, fix: "write `value: integer` (or date, decimal(10,2), ...)")
      }
    default: break
    }
  }
}
