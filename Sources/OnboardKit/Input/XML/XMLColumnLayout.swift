/// How the row element's shape becomes columns, and the shapes frozen into tables that the row
/// pass reads by index (no name hashing per field beyond one lookup per element).
///
/// Without flattening every field of the row is one column: `_id` (an attribute), `name`
/// (text), `address` (`struct<...>`, JSON text), `phone` (`array<...>`, JSON text). With
/// flattening a struct column is replaced by its fields, recursively: `address._id`,
/// `address.city`, `address._VALUE`; arrays stay one column, since a row has one value per column.
struct XMLColumnLayout {
  /// A shape, frozen. Index 0 is the row element's. A class, so that the row pass reads it
  /// through one reference instead of copying its arrays.
  final class Shape {
    let keys: [XMLShape.Key]
    /// `"name":` for each key, ready for JSON objects.
    let jsonNames: [[UInt8]]
    /// For each key: the frozen shape of that child element, or -1 for attributes and text.
    fileprivate(set) var childShape: [Int]
    /// For each key: whether that child repeats (an array).
    fileprivate(set) var isArray: [Bool]
    let isStructured: Bool
    fileprivate(set) var childKey: [String: Int] = [:]
    fileprivate(set) var attributeKey: [String: Int] = [:]

    fileprivate init(_ shape: XMLShape) {
      keys = shape.keys
      jsonNames = shape.fieldNames.map { Array((JSONText.quoted($0) + ":").utf8) }
      childShape = Array(repeating: -1, count: shape.keys.count)
      isArray = Array(repeating: false, count: shape.keys.count)
      isStructured = shape.isStructured
    }
  }

  /// One output column: a field of the shape reached by descending `path` from the row.
  struct Column {
    /// How the field's value is rendered.
    enum Kind {
      /// An attribute's value.
      case attribute
      /// The element's own non-blank text (`_VALUE`); null without any.
      case text
      /// A text-only child: its text, blanks included (`<a/>` is empty, not null).
      case leaf
      /// A child with attributes or children: a JSON object.
      case object
      /// A repeated child: a JSON array.
      case array
    }

    var name: String
    var type: DataType
    /// Keys of (non-repeated) child elements to descend through; empty unless flattened.
    var path: [Int]
    var shape: Int
    var key: Int
    var kind: Kind
  }

  private(set) var shapes: [Shape] = []
  private(set) var columns: [Column] = []

  var schema: Schema { Schema(columns.map { Field(name: $0.name, type: $0.type) }) }

  init(row: XMLShape, flatten: Bool) {
    _ = freeze(row)
    addColumns(of: row, shape: 0, prefix: "", path: [], flatten: flatten)
    let names = XMLShape.unique(columns.map(\.name))
    for i in columns.indices { columns[i].name = names[i] }
  }

  /// Appends `shape` and, depth first, its children; returns its index.
  private mutating func freeze(_ shape: XMLShape) -> Int {
    let index = shapes.count
    shapes.append(Shape(shape))
    for (k, key) in shape.keys.enumerated() {
      switch key {
      case .attribute(let name):
        shapes[index].attributeKey[name] = k
      case .text:
        break
      case .child(let name):
        shapes[index].childKey[name] = k
        shapes[index].isArray[k] = shape.repeated.contains(name)
        if let child = shape.children[name] {
          let frozen = freeze(child)
          shapes[index].childShape[k] = frozen
        }
      }
    }
    return index
  }

  private func kind(of key: XMLShape.Key, at k: Int, in shape: Int) -> Column.Kind {
    switch key {
    case .attribute: .attribute
    case .text: .text
    case .child:
      shapes[shape].isArray[k] ? .array : shapes[shapes[shape].childShape[k]].isStructured ? .object : .leaf
    }
  }

  private mutating func addColumns(of shape: XMLShape, shape index: Int, prefix: String, path: [Int], flatten: Bool) {
    for (k, (key, name)) in zip(shape.keys, shape.fieldNames).enumerated() {
      if flatten, case .child(let childName) = key, !shapes[index].isArray[k], let child = shape.children[childName],
        child.isStructured
      {
        addColumns(of: child, shape: shapes[index].childShape[k], prefix: prefix + name + ".", path: path + [k], flatten: true)
      } else {
        let kind = kind(of: key, at: k, in: index)
        columns.append(Column(name: prefix + name, type: shape.type(of: key), path: path, shape: index, key: k, kind: kind))
      }
    }
  }
}
