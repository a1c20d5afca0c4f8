/// What every instance of one element has held, merged: its attributes, child elements and
/// text, in first-seen order. Schema discovery builds one per row candidate; its type is the
/// row's or a column's type.
///
/// Names follow spark-xml: an attribute `id` is the field `_id` (`attributePrefix` `_`), text
/// beside attributes or child elements is `_VALUE` (`valueTag`), a child element is its local
/// name. An element with neither attributes nor children is a `string`; one with either is a
/// `struct`; a child seen more than once within one instance is an `array` of its type.
///
/// ```
/// <address id="7"><city>Berlin</city></address>    struct<_id:string,city:string>
/// <address><city>Paris</city>…</address>         (the same struct: fields are a union)
/// <phone>1</phone><phone>2</phone>                  array<string>
/// ```
///
/// A reference type, because shapes nest and are grown in place while the document streams.
final class XMLShape {
  enum Key: Hashable {
    case attribute(String)
    case child(String)
    /// Non-blank text directly inside the element.
    case text
  }

  /// Every key seen, in first-seen order; an index into it identifies a field.
  private(set) var keys: [Key] = []
  /// The shape of each child element, by local name.
  private(set) var children: [String: XMLShape] = [:]
  /// Children seen more than once inside one instance.
  private(set) var repeated: Set<String> = []
  private var attributes: Set<String> = []
  private var hasText = false
  /// The instance of the parent element this child was last seen in, to spot repeats without a
  /// set per instance (see `XMLSchemaDiscovery`).
  var lastSeenIn = -1

  /// Whether any instance had attributes or child elements: a `struct`, not a `string`.
  private(set) var isStructured = false

  /// Records attribute `name`; `true` if it is new.
  func noteAttribute(_ name: String) -> Bool {
    guard attributes.insert(name).inserted else { return false }
    keys.append(.attribute(name))
    isStructured = true
    return true
  }

  /// Records non-blank text; `true` if it is new.
  func noteText() -> Bool {
    guard !hasText else { return false }
    hasText = true
    keys.append(.text)
    return true
  }

  /// The shape of child `name`, and whether it is new.
  func child(_ name: String) -> (shape: XMLShape, isNew: Bool) {
    if let shape = children[name] { return (shape, false) }
    let shape = XMLShape()
    children[name] = shape
    keys.append(.child(name))
    isStructured = true
    return (shape, true)
  }

  /// Records that child `name` repeats; `true` if that is new.
  func noteRepeated(_ name: String) -> Bool { repeated.insert(name).inserted }

  /// Takes back the newest key (with its child shape), to forget a row that broke.
  func removeLastKey() {
    switch keys.removeLast() {
    case .attribute(let name): attributes.remove(name)
    case .child(let name): children[name] = nil
    case .text: hasText = false
    }
    isStructured = keys.contains { $0 != .text }
  }

  func removeRepeated(_ name: String) { repeated.remove(name) }

  // MARK: - Types and names

  /// The field name of `key`, before names are made unique.
  static func fieldName(_ key: Key) -> String {
    switch key {
    case .attribute(let name): "_" + name
    case .child(let name): name
    case .text: "_VALUE"
    }
  }

  /// Field names for `keys`, made unique (`name_2`, ...) where an attribute `_x` meets an
  /// element `<_x>`, or two prefixes meet in one local name.
  var fieldNames: [String] { XMLShape.unique(keys.map(XMLShape.fieldName)) }

  /// This element's type as a value: `string` for text only, else a `struct` of its fields.
  var dataType: DataType {
    guard isStructured else { return .string }
    return .struct(zip(fieldNames, keys).map { Field(name: $0, type: type(of: $1)) })
  }

  /// The type of the field `key`.
  func type(of key: Key) -> DataType {
    guard case .child(let name) = key, let shape = children[name] else { return .string }
    return repeated.contains(name) ? .array(shape.dataType) : shape.dataType
  }

  static func unique(_ names: [String]) -> [String] {
    var seen: Set<String> = []
    return names.map { name in
      var candidate = name
      var k = 2
      while !seen.insert(candidate).inserted {
        candidate = "\(name)_\(k)"
        k += 1
      }
      return candidate
    }
  }
}
