/// The hot loop of JSON reading: tokenizes one object into the text columns of a batch.
///
/// Each key is sent to its column through the shape (one byte comparison when keys come in the
/// same order as in the row before). Values are written straight into the column builders:
/// strings decoded (escapes, `\uXXXX`, surrogate pairs) into UTF-8, numbers and `true`/`false`
/// exactly as written (the profiler infers their types from the text), `null` as null, nested
/// objects and arrays as compact canonical JSON text (`JSONCanonical`), or, for flattened
/// objects, key by key into dotted columns.
///
/// A key that appears twice in one object: the last value wins, as in Python's `json` and DuckDB.
/// (For a flattened object that appears twice, each of its keys keeps its last value.)
struct JSONScanner: JSONRowSink {
  private var shape: JSONShape
  private let columnOfNode: [Int32]
  private let flattened: [Bool]
  /// One builder per column, owned by the reader.
  let columns: UnsafeMutableBufferPointer<TextColumnBuilder>
  private(set) var origins: [RowOrigin] = []
  private(set) var rejects: [RejectedRow] = []

  init(shape: JSONShape, layout: JSONShape.Columns, columns: UnsafeMutableBufferPointer<TextColumnBuilder>) {
    self.shape = shape
    columnOfNode = layout.columnOfNode
    flattened = layout.flattened
    self.columns = columns
  }

  var rowCount: Int { origins.count }
  var keepsRejects: Bool { true }

  /// Empties the builders and the lists for the next batch.
  mutating func startBatch(capacity: Int) {
    for i in columns.indices { columns[i].reset() }
    origins.removeAll(keepingCapacity: true)
    origins.reserveCapacity(capacity)
    rejects = []
  }

  mutating func object(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, limit: Int, final: Bool) throws(JSONStop) -> Int {
    try readObject(JSONShape.row, bytes, start, limit, final, depth: 1)
  }

  /// Completes the row: columns whose key did not appear get a null.
  mutating func accept(_ origin: RowOrigin) {
    let row = origins.count
    for i in columns.indices where columns[i].rows == row { columns[i].close(valid: false) }
    origins.append(origin)
  }

  mutating func discard() {
    // Also drops a value cut off mid-way (pieces appended, never closed).
    let row = origins.count
    for i in columns.indices { columns[i].truncate(toRows: row) }
  }

  mutating func reject(_ row: RejectedRow) { rejects.append(row) }

  private mutating func readObject(
    _ node: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ limit: Int, _ final: Bool, depth: Int
  ) throws(JSONStop) -> Int {
    var p = JSONTokens.skipWhitespace(bytes, start + 1, limit)
    guard p < limit else { throw JSONTokens.ran(out: p, final: final, expecting: "a key or '}'") }
    if bytes[p] == UInt8(ascii: "}") { return p + 1 }
    var previous: Int32 = -1
    while true {
      guard bytes[p] == JSONTokens.quote else { throw .syntax(offset: p, problem: .expected("a key in double quotes")) }
      let child: Int32
      if let guessed = shape.guessedKey(of: node, after: previous, bytes, p + 1, limit) {
        child = guessed.node
        p = guessed.end
      } else {
        let key = try JSONTokens.stringEnd(bytes, from: p + 1, limit: limit, final: final)
        child = shape.child(of: node, after: previous, key: bytes, p + 1, key.end - 1, escaped: key.escaped, insert: false)
        p = key.end
      }
      p = JSONTokens.skipWhitespace(bytes, p, limit)
      guard p < limit else { throw JSONTokens.ran(out: p, final: final, expecting: "':'") }
      guard bytes[p] == UInt8(ascii: ":") else { throw .syntax(offset: p, problem: .expected("':' after the key")) }
      p = JSONTokens.skipWhitespace(bytes, p + 1, limit)
      p = JSONTokens.skipWhitespace(bytes, try readValue(child, bytes, p, limit, final, depth: depth), limit)
      guard p < limit else { throw JSONTokens.ran(out: p, final: final, expecting: "',' or '}'") }
      if bytes[p] == UInt8(ascii: "}") { return p + 1 }
      guard bytes[p] == UInt8(ascii: ",") else { throw .syntax(offset: p, problem: .expected("',' or '}' after a value")) }
      p = JSONTokens.skipWhitespace(bytes, p + 1, limit)
      guard p < limit else { throw JSONTokens.ran(out: p, final: final, expecting: "a key") }
      if child >= 0 { previous = child }
    }
  }

  @inline(__always)
  private mutating func readValue(
    _ node: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ limit: Int, _ final: Bool, depth: Int
  ) throws(JSONStop) -> Int {
    guard start < limit else { throw JSONTokens.ran(out: start, final: final, expecting: "a value") }
    // A key the schema pass did not see can only come from a file that changed between passes.
    guard node >= 0 else { return try JSONTokens.skipValue(bytes, from: start, limit: limit, final: final, depth: depth) }
    let column = Int(columnOfNode[Int(node)])
    guard column >= 0 else {
      if flattened[Int(node)] && bytes[start] == UInt8(ascii: "{") {
        guard depth < JSONTokens.maximumDepth else { throw .syntax(offset: start, problem: .tooDeep) }
        return try readObject(node, bytes, start, limit, final, depth: depth + 1)
      }
      // null for a flattened object leaves its columns null.
      return try JSONTokens.skipValue(bytes, from: start, limit: limit, final: final, depth: depth)
    }
    let row = origins.count
    if columns[column].rows > row { columns[column].truncate(toRows: row) }  // a repeated key: the last wins
    switch bytes[start] {
    case JSONTokens.quote:
      let plainEnd = JSONTokens.plainStringEnd(bytes, from: start + 1, limit: limit)
      if plainEnd >= 0 {
        columns[column].append(UnsafeBufferPointer(rebasing: bytes[start + 1 ..< plainEnd - 1]))
        return plainEnd
      }
      let (end, escaped) = try JSONTokens.stringEnd(bytes, from: start + 1, limit: limit, final: final)
      if escaped {
        JSONStringDecoding.decode(bytes, from: start + 1, to: end - 1, canonical: false, into: &columns[column])
        columns[column].close(valid: true)
      } else {
        columns[column].append(UnsafeBufferPointer(rebasing: bytes[start + 1 ..< end - 1]))
      }
      return end
    case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
      var integer = false
      var end = JSONTokens.plainNumberEnd(bytes, from: start, limit: limit, integer: &integer)
      if end < 0 { end = try JSONTokens.numberEnd(bytes, from: start, limit: limit, final: final).end }
      columns[column].append(UnsafeBufferPointer(rebasing: bytes[start ..< end]))
      return end
    case UInt8(ascii: "n"):
      let end = try JSONTokens.literalEnd(bytes, from: start, limit: limit, final: final)
      columns[column].close(valid: false)
      return end
    case UInt8(ascii: "t"), UInt8(ascii: "f"):
      let end = try JSONTokens.literalEnd(bytes, from: start, limit: limit, final: final)
      columns[column].append(UnsafeBufferPointer(rebasing: bytes[start ..< end]))
      return end
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      let end = try JSONCanonical.write(bytes, from: start, limit: limit, final: final, depth: depth, into: &columns[column])
      columns[column].close(valid: true)
      return end
    default:
      throw .syntax(offset: start, problem: .expected("a value"))
    }
  }
}
