/// One row element as the row pass reads it, held until its end tag and then rendered into one
/// value per column.
///
/// Values are rendered in schema order, not document order, so a struct's JSON keys always come
/// in the same order (`{"_id":"7","city":"Berlin"}` whatever order the document used). The tree
/// lives in two flat arrays reused from row to row: nodes with first-child/next-sibling links,
/// and the bytes of every attribute value and text piece. Elements that the schema does not know
/// (the source changed between the passes) are skipped with their content.
struct XMLRowTree {
  private enum Kind: UInt8 { case element, attribute, text, blank }

  private struct Node {
    var kind: Kind
    /// The key in the parent's frozen shape.
    var key: Int32
    /// For an element: its frozen shape.
    var shape: Int32
    var firstChild: Int32 = -1
    var lastChild: Int32 = -1
    var next: Int32 = -1
    /// For attributes and text: the value's bytes in `bytes`.
    var start = 0
    var end = 0
  }

  private var nodes: [Node] = []
  private var bytes: [UInt8] = []
  /// Open elements, innermost last; the row element is `nodes[0]`.
  private var open: [Int32] = []
  /// How many unknown elements the walk is inside.
  private var skipping = 0

  /// Starts a new row whose element has frozen shape 0.
  mutating func reset() {
    nodes.removeAll(keepingCapacity: true)
    bytes.removeAll(keepingCapacity: true)
    open.removeAll(keepingCapacity: true)
    skipping = 0
    nodes.append(Node(kind: .element, key: -1, shape: 0))
    open.append(0)
  }

  /// Opens a child element of the innermost open element.
  mutating func openElement(_ localName: String, in layout: XMLColumnLayout) {
    if skipping > 0 {
      skipping += 1
      return
    }
    let parent = open[open.count - 1]
    let shape = layout.shapes[Int(nodes[Int(parent)].shape)]
    guard let key = shape.childKey[localName], shape.childShape[key] >= 0 else {
      skipping = 1
      return
    }
    open.append(append(Node(kind: .element, key: Int32(key), shape: Int32(shape.childShape[key])), to: parent))
  }

  mutating func closeElement() {
    if skipping > 0 {
      skipping -= 1
    } else {
      open.removeLast()
    }
  }

  /// An attribute of the element just opened (or of the row element).
  mutating func attribute(_ localName: String, _ value: UnsafeBufferPointer<UInt8>, in layout: XMLColumnLayout) {
    guard skipping == 0 else { return }
    let parent = open[open.count - 1]
    guard let key = layout.shapes[Int(nodes[Int(parent)].shape)].attributeKey[localName] else { return }
    appendValue(.attribute, key: key, value, to: parent)
  }

  /// Text, CDATA, or (`blank`) whitespace-only text inside the innermost open element.
  mutating func text(_ value: UnsafeBufferPointer<UInt8>, blank: Bool) {
    guard skipping == 0 else { return }
    appendValue(blank ? .blank : .text, key: -1, value, to: open[open.count - 1])
  }

  private mutating func appendValue(_ kind: Kind, key: Int, _ value: UnsafeBufferPointer<UInt8>, to parent: Int32) {
    let start = bytes.count
    bytes.append(contentsOf: value)
    var node = Node(kind: kind, key: Int32(key), shape: -1)
    node.start = start
    node.end = bytes.count
    append(node, to: parent)
  }

  @discardableResult
  private mutating func append(_ node: Node, to parent: Int32) -> Int32 {
    let index = Int32(nodes.count)
    nodes.append(node)
    let last = nodes[Int(parent)].lastChild
    if last < 0 { nodes[Int(parent)].firstChild = index } else { nodes[Int(last)].next = index }
    nodes[Int(parent)].lastChild = index
    return index
  }

  // MARK: - Rendering

  /// Appends column `column`'s value to `out`; returns `false` for null (nothing appended).
  func render(_ column: XMLColumnLayout.Column, layout: XMLColumnLayout, into out: inout [UInt8]) -> Bool {
    var element: Int32 = 0
    for key in column.path {
      guard let child = firstChild(of: element, key: key, kind: .element) else { return false }
      element = child
    }
    switch column.kind {
    case .attribute:
      guard let node = firstChild(of: element, key: column.key, kind: .attribute) else { return false }
      out.append(contentsOf: bytes[nodes[Int(node)].start ..< nodes[Int(node)].end])
    case .text:
      return appendText(of: element, includingBlank: false, to: &out)
    case .leaf:
      guard let child = firstChild(of: element, key: column.key, kind: .element) else { return false }
      _ = appendText(of: child, includingBlank: true, to: &out)
    case .object:
      guard let child = firstChild(of: element, key: column.key, kind: .element) else { return false }
      appendObject(child, layout: layout, to: &out)
    case .array:
      guard let child = firstChild(of: element, key: column.key, kind: .element) else { return false }
      appendArray(from: child, key: column.key, layout: layout, to: &out)
    }
    return true
  }

  private func firstChild(of parent: Int32, key: Int, kind: Kind) -> Int32? {
    var child = nodes[Int(parent)].firstChild
    while child >= 0 {
      if nodes[Int(child)].key == key && nodes[Int(child)].kind == kind { return child }
      child = nodes[Int(child)].next
    }
    return nil
  }

  /// The element's own text: every piece for a text-only value (`<name> Ada </name>` keeps its
  /// spaces, `<name/>` is empty, not null), the non-blank pieces for `_VALUE` (whitespace
  /// between child elements is layout). Returns `false` when no piece was appended.
  private func appendText(of element: Int32, includingBlank: Bool, to out: inout [UInt8]) -> Bool {
    var any = false
    var child = nodes[Int(element)].firstChild
    while child >= 0 {
      let node = nodes[Int(child)]
      if node.kind == .text || (includingBlank && node.kind == .blank) {
        out.append(contentsOf: bytes[node.start ..< node.end])
        any = true
      }
      child = node.next
    }
    return any || includingBlank
  }

  /// `[v1,v2,...]`: every child of `first`'s parent with `first`'s key.
  private func appendArray(from first: Int32, key: Int, layout: XMLColumnLayout, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "["))
    var child: Int32 = first
    var count = 0
    while child >= 0 {
      let node = nodes[Int(child)]
      if node.kind == .element && node.key == key {
        if count > 0 { out.append(UInt8(ascii: ",")) }
        appendJSON(child, layout: layout, to: &out)
        count += 1
      }
      child = node.next
    }
    out.append(UInt8(ascii: "]"))
  }

  /// An element as a JSON value: an object if its shape is structured, else a string.
  private func appendJSON(_ element: Int32, layout: XMLColumnLayout, to out: inout [UInt8]) {
    if layout.shapes[Int(nodes[Int(element)].shape)].isStructured {
      appendObject(element, layout: layout, to: &out)
    } else {
      appendJSONText(of: element, includingBlank: true, to: &out)
    }
  }

  /// Whether the element has non-blank text (for `_VALUE`).
  private func hasText(_ element: Int32) -> Bool {
    var child = nodes[Int(element)].firstChild
    while child >= 0 {
      if nodes[Int(child)].kind == .text { return true }
      child = nodes[Int(child)].next
    }
    return false
  }

  /// The element's text as a JSON string (see `appendText` for which pieces).
  private func appendJSONText(of element: Int32, includingBlank: Bool, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var child = nodes[Int(element)].firstChild
    while child >= 0 {
      let node = nodes[Int(child)]
      if node.kind == .text || (includingBlank && node.kind == .blank) {
        XMLRowTree.appendEscaped(bytes[node.start ..< node.end], to: &out)
      }
      child = node.next
    }
    out.append(UInt8(ascii: "\""))
  }

  /// `{"_id":"7","city":"Berlin"}`: the fields present, in schema order.
  private func appendObject(_ element: Int32, layout: XMLColumnLayout, to out: inout [UInt8]) {
    let shape = layout.shapes[Int(nodes[Int(element)].shape)]
    out.append(UInt8(ascii: "{"))
    var written = 0
    for (k, key) in shape.keys.enumerated() {
      let before = out.count
      if written > 0 { out.append(UInt8(ascii: ",")) }
      out.append(contentsOf: shape.jsonNames[k])
      switch key {
      case .attribute:
        if let node = firstChild(of: element, key: k, kind: .attribute) {
          out.append(UInt8(ascii: "\""))
          XMLRowTree.appendEscaped(bytes[nodes[Int(node)].start ..< nodes[Int(node)].end], to: &out)
          out.append(UInt8(ascii: "\""))
          written += 1
          continue
        }
      case .text:
        if hasText(element) {
          appendJSONText(of: element, includingBlank: false, to: &out)
          written += 1
          continue
        }
      case .child:
        if let first = firstChild(of: element, key: k, kind: .element) {
          if shape.isArray[k] {
            appendArray(from: first, key: k, layout: layout, to: &out)
          } else {
            appendJSON(first, layout: layout, to: &out)
          }
          written += 1
          continue
        }
      }
      out.removeSubrange(before...)  // absent: take back the separator and the name
    }
    out.append(UInt8(ascii: "}"))
  }

  /// UTF-8 bytes as the inside of a JSON string: quotes, backslashes and control characters
  /// escaped, everything else (multi-byte characters included) as is.
  static func appendEscaped(_ text: ArraySlice<UInt8>, to out: inout [UInt8]) {
    for byte in text {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0 ..< 0x20:
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: Array("\\u00".utf8))
        out.append(contentsOf: [hex[Int(byte >> 4)], hex[Int(byte & 15)]])
      default: out.append(byte)
      }
    }
  }
}
