import Yams

/// A node of a recipe document with its location, read with errors that point at the line.
///
/// Recipes are read from the YAML node tree rather than decoded with `Codable`, because a
/// decoding error has no line number, and a recipe error without one is half an error.
public struct RecipeNode {
  let node: Node
  /// The file the node came from, for messages.
  public let file: String
  /// Key path for messages, e.g. `steps[2].map_values.unmapped`.
  public let path: String

  init(_ node: Node, file: String, path: String) {
    self.node = node
    self.file = file
    self.path = path
  }

  /// Parses YAML text; a syntax error carries the line and column where libyaml stopped.
  public static func parse(_ text: String, file: String) throws -> RecipeNode {
    do {
      guard let root = try Yams.compose(yaml: text) else {
        throw RecipeError("empty-recipe", "the recipe is empty", at: RecipeLocation(file: file, line: 1, column: 1),
                          fix: "start from recipes/german-credit.yaml")
      }
      return RecipeNode(root, file: file, path: "")
    } catch let error as YamlError {
      var location = RecipeLocation(file: file, line: 0, column: 0)
      var problem = "\(error)"
      switch error {
      case .scanner(_, let p, let mark, _), .parser(_, let p, let mark, _):
        location = RecipeLocation(file: file, line: mark.line, column: mark.column)
        problem = p
      default: break
      }
      throw RecipeError("yaml-syntax", "YAML syntax error: \(problem)", at: location,
                        fix: "check indentation and quoting on this line or the one before")
    }
  }

  public var location: RecipeLocation {
    RecipeLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
  }

  var what: String { path.isEmpty ? "the recipe" : "'\(path)'" }

  public func string() throws -> String {
    guard let scalar = node.scalar else {
      throw RecipeError("wrong-type", "\(what) must be a single value (text), not a \(kindName)", at: location)
    }
    return scalar.string
  }

  public func bool() throws -> Bool {
    switch try string().lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default:
      throw RecipeError("wrong-type", "\(what) must be true or false", at: location)
    }
  }

  public func int() throws -> Int {
    guard let value = Int(try string()) else {
      throw RecipeError("wrong-type", "\(what) must be a whole number", at: location)
    }
    return value
  }

  /// The entries of a mapping, in the order written.
  public func entries() throws -> [(key: String, keyNode: RecipeNode, value: RecipeNode)] {
    guard let mapping = node.mapping else {
      throw RecipeError("wrong-type", "\(what) must be a mapping of `key: value` lines, not a \(kindName)", at: location)
    }
    return mapping.map { pair in
      let key = pair.key.scalar?.string ?? "\(pair.key)"
      let childPath = path.isEmpty ? key : "\(path).\(key)"
      return (key, RecipeNode(pair.key, file: file, path: childPath), RecipeNode(pair.value, file: file, path: childPath))
    }
  }

  public func items() throws -> [RecipeNode] {
    guard let sequence = node.sequence else {
      throw RecipeError("wrong-type", "\(what) must be a list (lines starting with '- '), not a \(kindName)", at: location)
    }
    return sequence.enumerated().map { RecipeNode($1, file: file, path: "\(path)[\($0 + 1)]") }
  }

  /// A list of strings; a single string counts as a list of one.
  public func strings() throws -> [String] {
    if node.scalar != nil { return [try string()] }
    return try items().map { try $0.string() }
  }

  public var isMapping: Bool { node.mapping != nil }
  public var isSequence: Bool { node.sequence != nil }
  public var isScalar: Bool { node.scalar != nil }
  public var isNull: Bool {
    guard let scalar = node.scalar, scalar.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  var kindName: String {
    switch node {
    case .scalar: "single value"
    case .mapping: "mapping"
    case .sequence: "list"
    case .alias: "alias"
    }
  }

  /// Reads a mapping whose keys must come from `allowed`; an unknown key is an error with a suggestion.
  public func fields(allowed: [String], required: [String] = [], step: StepReference? = nil) throws -> Fields {
    let all = try entries()
    var map: [String: RecipeNode] = [:]
    for entry in all {
      guard allowed.contains(entry.key) else {
        let fix = Suggestion.nearest(to: entry.key, in: allowed).map { "did you mean '\($0)'?" }
          ?? "allowed here: \(allowed.joined(separator: ", "))"
        throw RecipeError("unknown-key", "unknown key '\(entry.key)' in \(what)", at: entry.keyNode.location, step: step, fix: fix)
      }
      map[entry.key] = entry.value
    }
    for key in required where map[key] == nil {
      throw RecipeError("missing-key", "\(what) needs '\(key)'", at: location, step: step,
                        fix: "add `\(key):` (allowed keys: \(allowed.joined(separator: ", ")))")
    }
    return Fields(map: map, owner: self)
  }

  /// The checked keys of a mapping.
  public struct Fields {
    let map: [String: RecipeNode]
    public let owner: RecipeNode
    public subscript(key: String) -> RecipeNode? { map[key].flatMap { $0.isNull ? nil : $0 } }

    /// A required text parameter; its absence is an error naming the step.
    public func required(_ key: String, step: StepReference?) throws -> RecipeNode {
      guard let node = self[key] else {
        throw RecipeError("missing-parameter", "'\(key)' is required", at: owner.location, step: step, fix: "add `\(key):`")
      }
      return node
    }

    /// The columns a step works on: `source_columns` (a list, or one name) or `source_column`,
    /// as DataBrew names them; each with its location for errors.
    public func sourceColumns(step: StepReference?) throws -> [(name: String, location: RecipeLocation)] {
      guard let node = self["source_columns"] ?? self["source_column"] else {
        throw RecipeError(
          "missing-parameter", "the step needs `source_column` or `source_columns`", at: owner.location, step: step,
          fix: "add `source_column: <name>`")
      }
      if node.isSequence { return try node.items().map { (try $0.string(), $0.location) } }
      return [(try node.string(), node.location)]
    }
  }
}
