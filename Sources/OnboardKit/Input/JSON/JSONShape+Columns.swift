/// The table a shape describes: its columns, their types, and which node feeds which column.
extension JSONShape {
  struct Columns {
    var schema: Schema
    /// For each node, the column its values go to, or -1.
    var columnOfNode: [Int32]
    /// For each node, whether its keys are columns of their own (the row; objects when flattening).
    var flattened: [Bool]
  }

  /// Top-level keys become columns in first-seen order. A key whose values are all objects (or
  /// null) becomes a `struct` column, or with `flatten` one dotted column per key, recursively; a
  /// key whose values are all arrays an `array` column; anything else (scalars, or a mix of
  /// kinds) a `string` column, nested values in it as JSON text. An object that is always empty
  /// has no keys to make columns of: it stays one `string` column holding `{}`.
  func columns(flatten: Bool) -> Columns {
    let children = childLists()
    var fields: [Field] = []
    var columnOfNode = [Int32](repeating: -1, count: nodes.count)
    var flattened = [Bool](repeating: false, count: nodes.count)
    flattened[Int(JSONShape.row)] = true
    var taken: Set<String> = []

    func visit(_ object: Int32, prefix: String) {
      for child in children[Int(object)] {
        let name = prefix + self.name(child)
        if flatten && nodes[Int(child)].kinds.subtracting(.null) == .object && !children[Int(child)].isEmpty {
          flattened[Int(child)] = true
          visit(child, prefix: name + ".")
          continue
        }
        // A key may repeat a dotted name ("a.b" next to a flattened "a" holding "b"), or be empty.
        var unique = name.isEmpty ? "column_\(fields.count + 1)" : name
        var k = 2
        while taken.contains(unique) {
          unique = "\(name)_\(k)"
          k += 1
        }
        taken.insert(unique)
        columnOfNode[Int(child)] = Int32(fields.count)
        fields.append(Field(name: unique, type: columnType(child, children)))
      }
    }
    visit(JSONShape.row, prefix: "")
    return Columns(schema: Schema(fields), columnOfNode: columnOfNode, flattened: flattened)
  }

  /// A column's type: scalars arrive as text (the profiler infers their type from it), nested
  /// values as `struct` or `array` described by `nestedType`.
  private func columnType(_ node: Int32, _ children: [[Int32]]) -> DataType {
    switch nodes[Int(node)].kinds.subtracting(.null) {
    case .object where !children[Int(node)].isEmpty, .array: nestedType(node, children)
    default: .string
    }
  }

  /// The type of a value inside a nested one, from the token kinds seen there over all rows:
  /// integers `int` (or `bigint` when one has ten or more digits), other numbers `double`, `true`/`false` `boolean`, strings `string`,
  /// objects `struct` (the union of their keys), arrays `array`; a mix, or only nulls, `string`.
  private func nestedType(_ node: Int32, _ children: [[Int32]]) -> DataType {
    let n = nodes[Int(node)]
    switch n.kinds.subtracting(.null) {
    case .integer: return .integer
    case [.integer, .wideInteger]: return .bigint
    case .double, [.integer, .double], [.integer, .wideInteger, .double]: return .double
    case .boolean: return .boolean
    case .object where !children[Int(node)].isEmpty:
      return .struct(children[Int(node)].map { Field(name: name($0), type: nestedType($0, children)) })
    case .array: return .array(n.element >= 0 ? nestedType(n.element, children) : .string)
    default: return .string
    }
  }
}
