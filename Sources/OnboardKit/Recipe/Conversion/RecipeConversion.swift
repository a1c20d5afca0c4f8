import Foundation
import Yams

/// `onboard convert`: a recipe in one spelling written in the other, step for step.
///
/// Most steps map one to one (our `upper_case: {source_column: a}` is DataBrew's `UPPER_CASE`
/// with `sourceColumn`). Our conveniences expand into DataBrew steps (`rename` of several columns
/// into several `RENAME`, `map_values` with a code book into `CATEGORICAL_MAPPING` per column),
/// and where DataBrew means something slightly different the conversion says so in a warning.
public enum RecipeConversion {
  public struct Output: Sendable {
    public var text: String
    /// What the other spelling cannot say exactly, one sentence each.
    public var warnings: [String]
  }

  // MARK: - JSON values of a DataBrew step

  /// DataBrew's parameter values are strings; lists and maps are JSON packed into strings.
  static func databrewValue(_ node: RecipeNode) throws -> String {
    if node.isSequence || node.isMapping {
      let data = try JSONSerialization.data(withJSONObject: try plain(node), options: [.sortedKeys, .withoutEscapingSlashes])
      return String(decoding: data, as: UTF8.self)
    }
    return try node.string()
  }

  /// A node as plain JSON values (strings, arrays, dictionaries).
  static func plain(_ node: RecipeNode) throws -> Any {
    if node.isSequence { return try node.items().map(plain) }
    if node.isMapping {
      var out: [String: Any] = [:]
      for entry in try node.entries() { out[entry.key] = try plain(entry.value) }
      return out
    }
    return node.isNull ? NSNull() : try node.string()
  }

  /// `source_column` → `sourceColumn`.
  static func camelCase(_ name: String) -> String {
    let parts = name.split(separator: "_")
    guard let first = parts.first else { return name }
    return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
  }

  static func step(_ operation: String, _ parameters: [String: String], conditions: [[String: String]] = []) -> [String: Any] {
    var step: [String: Any] = ["Action": ["Operation": operation, "Parameters": parameters] as [String: Any]]
    if !conditions.isEmpty { step["ConditionExpressions"] = conditions }
    return step
  }

  static func json(_ steps: [[String: Any]]) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: steps, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Our type names as DataBrew's `columnDataType`.
  static func databrewType(_ type: DataType) -> (name: String, exact: Bool) {
    switch type {
    case .integer: ("int", true)
    case .bigint: ("long", true)
    case .double: ("double", true)
    case .decimal: ("decimal", false)
    case .boolean: ("boolean", true)
    case .date: ("date", true)
    case .timestamp: ("timestamp", true)
    case .string, .array, .struct: ("string", true)
    }
  }
}
