import CLibXML2

/// The row pass's position: the row being read, the batch being filled, and what a reject
/// needs to know. A value that `XMLReader.next()` takes out of the reader for its loop, so that
/// the loop works on locals rather than on class properties (each access to one of those is a
/// runtime exclusivity check, per node).
struct XMLRowPass {
  var builders: [TextColumnBuilder]
  var origins: [RowOrigin] = []
  private var tree = XMLRowTree()
  private var scratch: [UInt8] = []
  /// Depth of the open row element; `nil` between rows.
  private(set) var rowDepth: Int?
  private(set) var rowOrigin = RowOrigin(line: 1, byteOffset: 0)
  private(set) var rowsStarted = 0
  /// Bytes handed to libxml2 when the last row ended: where the text between rows begins.
  private(set) var lastRowEnd = 0

  init(columns: Int, batchSize: Int) {
    builders = (0 ..< columns).map { _ in TextColumnBuilder(rows: min(batchSize, 4096), bytes: 64 * 1024) }
  }

  /// Empties the batch for the next call.
  mutating func startBatch() {
    for i in builders.indices { builders[i].reset() }
    origins.removeAll(keepingCapacity: true)
  }

  /// Takes in the node `stream` is on (of type `nodeType`); a completed row goes to the batch.
  mutating func visit(_ nodeType: Int32, stream: XMLStream, tag: XMLRowTag, layout: XMLColumnLayout) {
    switch UInt32(nodeType) {
    case XML_READER_TYPE_ELEMENT.rawValue:
      let local = stream.localName
      if rowDepth == nil {
        guard tag.matches(local, in: stream) else { return }
        rowDepth = stream.depth
        rowOrigin = RowOrigin(line: stream.elementOrigin.line, byteOffset: stream.elementOrigin.byteOffset)
        rowsStarted += 1
        tree.reset()
        stream.beginCapture(at: rowOrigin.byteOffset)
        stream.forEachAttribute { tree.attribute($0, $1, in: layout) }
        if stream.isEmptyElement { finishRow(stream: stream, layout: layout) }
        return
      }
      tree.openElement(local, in: layout)
      stream.forEachAttribute { tree.attribute($0, $1, in: layout) }
      if stream.isEmptyElement { tree.closeElement() }
    case XML_READER_TYPE_END_ELEMENT.rawValue:
      guard let depth = rowDepth else { return }
      if stream.depth == depth {
        finishRow(stream: stream, layout: layout)
      } else {
        tree.closeElement()
      }
    case XML_READER_TYPE_TEXT.rawValue, XML_READER_TYPE_CDATA.rawValue:
      if rowDepth != nil { stream.withValue { tree.text($0, blank: false) } }
    case XML_READER_TYPE_WHITESPACE.rawValue, XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue:
      if rowDepth != nil { stream.withValue { tree.text($0, blank: true) } }
    default:
      break
    }
  }

  private mutating func finishRow(stream: XMLStream, layout: XMLColumnLayout) {
    for (i, column) in layout.columns.enumerated() {
      scratch.removeAll(keepingCapacity: true)
      if tree.render(column, layout: layout, into: &scratch) {
        scratch.withUnsafeBufferPointer { builders[i].append($0) }
      } else {
        builders[i].close(valid: false)
      }
    }
    origins.append(rowOrigin)
    rowDepth = nil
    lastRowEnd = stream.fedOffset
    stream.endCapture()
  }

  func deallocate() {
    for builder in builders { builder.deallocate() }
  }
}
