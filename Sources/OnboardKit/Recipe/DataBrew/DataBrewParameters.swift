import Foundation
import Yams

/// DataBrew parameters as our steps read them: camelCase (API) and PascalCase (CloudFormation)
/// names become snake_case, and the JSON that DataBrew packs into strings (`"[\"a\",\"b\"]"`) is
/// unpacked into lists and maps. Decoded values keep the location of the string they came from,
/// so an error still points at the recipe line.
enum DataBrewParameters {
  static func normalize(_ parameters: RecipeNode) throws -> RecipeNode {
    let pairs = try parameters.entries().map { entry -> (Node, Node) in
      let key = Node.Scalar(snakeCase(entry.key), .implicit, .plain, entry.keyNode.node.mark)
      let name = snakeCase(entry.key)
      return (.scalar(key), textParameters.contains(name) ? entry.value.node : unpack(entry.value.node))
    }
    let mapping = Node.Mapping(pairs, .implicit, .any, parameters.node.mark)
    return RecipeNode(.mapping(mapping), file: parameters.file, path: parameters.path)
  }

  /// `sourceColumn` → `source_column`, `SourceColumn1` → `source_column1`, `IPAddress` → `ip_address`.
  static func snakeCase(_ name: String) -> String {
    let scalars = Array(name.unicodeScalars)
    var out = ""
    for (i, c) in scalars.enumerated() {
      let isUpper = CharacterSet.uppercaseLetters.contains(c)
      if isUpper && i > 0 {
        let previous = scalars[i - 1]
        let nextIsLower = i + 1 < scalars.count && CharacterSet.lowercaseLetters.contains(scalars[i + 1])
        if CharacterSet.lowercaseLetters.contains(previous) || CharacterSet.decimalDigits.contains(previous)
          || (CharacterSet.uppercaseLetters.contains(previous) && nextIsLower)
        {
          out += "_"
        }
      }
      out += String(c).lowercased()
    }
    return out
  }

  /// Parameters that are text by nature: a regex such as `[0-9]` or a value such as `[x]` must
  /// not be read as a packed list.
  static let textParameters: Set<String> = [
    "pattern", "start_pattern", "end_pattern", "value", "value1", "value2", "custom_value", "custom_characters",
    "true_string", "false_string", "source_column", "target_column", "mask_symbol", "delimiter", "other",
    "start_delimiter", "end_delimiter", "date_time_format", "target_date_format",
  ]

  /// A string holding a JSON list or object becomes that list or object; anything else stays.
  /// Only strict JSON counts: YAML would also read `[^0-9]` as a list.
  static func unpack(_ node: Node) -> Node {
    guard case .scalar(let scalar) = node else { return node }
    let text = scalar.string.trimmingCharacters(in: .whitespaces)
    guard text.hasPrefix("[") || text.hasPrefix("{"),
      (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil,
      let parsed = try? Yams.compose(yaml: text)
    else { return node }
    return relocated(parsed, to: scalar.mark)
  }

  /// The same tree with every node at `mark` (the line of the string it was packed in).
  static func relocated(_ node: Node, to mark: Mark?) -> Node {
    switch node {
    case .scalar(let s): return .scalar(Node.Scalar(s.string, s.tag, s.style, mark))
    case .mapping(let m): return .mapping(Node.Mapping(m.map { (relocated($0.key, to: mark), relocated($0.value, to: mark)) }, m.tag, m.style, mark))
    case .sequence(let s): return .sequence(Node.Sequence(s.map { relocated($0, to: mark) }, s.tag, s.style, mark))
    case .alias: return node
    }
  }
}
