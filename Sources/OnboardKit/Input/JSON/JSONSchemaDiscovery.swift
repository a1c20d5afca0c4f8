/// The schema pass: a skipping scan over every row that records key paths and value kinds in a
/// `JSONShape`, and nothing else.
///
/// Strings are scanned for their closing quote but not decoded (keys with escapes aside), numbers
/// are classified but not converted, and nothing is allocated per value: after the first rows
/// the shape only changes when a key or a kind is new, so a row costs a byte scan plus one key
/// comparison per key. A malformed row is taken back (`discard`), so it adds no columns.
struct JSONSchemaDiscovery: JSONRowSink {
  var shape = JSONShape()
  /// Objects that were rows.
  private(set) var rows = 0

  var rowCount: Int { 0 }
  var keepsRejects: Bool { false }

  mutating func object(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, limit: Int, final: Bool) throws(JSONStop) -> Int {
    try skimObject(JSONShape.row, bytes, start, limit, final, depth: 1)
  }

  mutating func accept(_ origin: RowOrigin) {
    shape.commit()
    rows += 1
  }

  mutating func discard() { shape.rollBack() }

  mutating func reject(_ row: RejectedRow) {}

  private mutating func skimObject(
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
        child = shape.child(of: node, after: previous, key: bytes, p + 1, key.end - 1, escaped: key.escaped, insert: true)
        p = key.end
      }
      p = JSONTokens.skipWhitespace(bytes, p, limit)
      guard p < limit else { throw JSONTokens.ran(out: p, final: final, expecting: "':'") }
      guard bytes[p] == UInt8(ascii: ":") else { throw .syntax(offset: p, problem: .expected("':' after the key")) }
      p = JSONTokens.skipWhitespace(bytes, p + 1, limit)
      p = JSONTokens.skipWhitespace(bytes, try skimValue(child, bytes, p, limit, final, depth: depth), limit)
      guard p < limit else { throw JSONTokens.ran(out: p, final: final, expecting: "',' or '}'") }
      if bytes[p] == UInt8(ascii: "}") { return p + 1 }
      guard bytes[p] == UInt8(ascii: ",") else { throw .syntax(offset: p, problem: .expected("',' or '}' after a value")) }
      p = JSONTokens.skipWhitespace(bytes, p + 1, limit)
      guard p < limit else { throw JSONTokens.ran(out: p, final: final, expecting: "a key") }
      previous = child
    }
  }

  private mutating func skimValue(
    _ node: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ limit: Int, _ final: Bool, depth: Int
  ) throws(JSONStop) -> Int {
    guard start < limit else { throw JSONTokens.ran(out: start, final: final, expecting: "a value") }
    switch bytes[start] {
    case JSONTokens.quote:
      shape.mark(node, .string)
      let end = JSONTokens.plainStringEnd(bytes, from: start + 1, limit: limit)
      return end >= 0 ? end : try JSONTokens.stringEnd(bytes, from: start + 1, limit: limit, final: final).end
    case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
      var integer = false
      var end = JSONTokens.plainNumberEnd(bytes, from: start, limit: limit, integer: &integer)
      if end < 0 { (end, integer) = try JSONTokens.numberEnd(bytes, from: start, limit: limit, final: final) }
      // More than 18 digits may not fit a bigint.
      let digits = end - start - (bytes[start] == UInt8(ascii: "-") ? 1 : 0)
      shape.mark(node, !integer || digits > 18 ? .double : digits > 9 ? [.integer, .wideInteger] : .integer)
      return end
    case UInt8(ascii: "t"), UInt8(ascii: "f"):
      shape.mark(node, .boolean)
      return try JSONTokens.literalEnd(bytes, from: start, limit: limit, final: final)
    case UInt8(ascii: "n"):
      shape.mark(node, .null)
      return try JSONTokens.literalEnd(bytes, from: start, limit: limit, final: final)
    case UInt8(ascii: "{"):
      guard depth < JSONTokens.maximumDepth else { throw .syntax(offset: start, problem: .tooDeep) }
      shape.mark(node, .object)
      return try skimObject(node, bytes, start, limit, final, depth: depth + 1)
    case UInt8(ascii: "["):
      guard depth < JSONTokens.maximumDepth else { throw .syntax(offset: start, problem: .tooDeep) }
      shape.mark(node, .array)
      var p = JSONTokens.skipWhitespace(bytes, start + 1, limit)
      guard p < limit else { throw JSONTokens.ran(out: p, final: final, expecting: "a value or ']'") }
      if bytes[p] == UInt8(ascii: "]") { return p + 1 }
      let element = shape.element(of: node, insert: true)
      while true {
        p = JSONTokens.skipWhitespace(bytes, try skimValue(element, bytes, p, limit, final, depth: depth + 1), limit)
        guard p < limit else { throw JSONTokens.ran(out: p, final: final, expecting: "',' or ']'") }
        if bytes[p] == UInt8(ascii: "]") { return p + 1 }
        guard bytes[p] == UInt8(ascii: ",") else { throw .syntax(offset: p, problem: .expected("',' or ']' after a value")) }
        p = JSONTokens.skipWhitespace(bytes, p + 1, limit)
      }
    default:
      throw .syntax(offset: start, problem: .expected("a value"))
    }
  }
}

extension JSONSchemaDiscovery {
  /// How many bytes one worker scans at a time in `discoverLines`.
  static let chunkBytes = 4 << 20

  /// The schema pass over JSON Lines on `workers` threads: the rest of the source is read in
  /// chunks that end at line ends (a line is a row, so no row is split), each chunk gets a shape
  /// of its own, and the shapes are merged in chunk order (`JSONShape.merge`), which gives the
  /// same shape as one scan from start to end. `window` holds the bytes read so far.
  static func discoverLines(
    after window: JSONWindow, name: String, workers: Int, chunkBytes: Int = JSONSchemaDiscovery.chunkBytes
  ) throws -> JSONShape {
    let fold = ParallelFold<[UInt8], Int, JSONShape, JSONShape>(
      workers: workers, capacity: 2, initial: 0, combined: JSONShape(),
      fold: { _, chunk in
        var discovery = JSONSchemaDiscovery()
        var framer = JSONFramer(layout: .lines, name: name, start: 0)
        var position = 0
        _ = chunk.withUnsafeBufferPointer {
          framer.scan($0, position: &position, fileOffset: 0, atEOF: true, maxRows: .max, into: &discovery)
        }
        return discovery.shape
      },
      combine: { total, shape in total.merge(shape) })
    do {
      var carry = Array(window.buffer[window.start ..< window.end])
      var scratch = [UInt8](repeating: 0, count: JSONWindow.readSize)
      var atEOF = window.atEOF
      while !carry.isEmpty || !atEOF {
        var chunk = carry
        chunk.reserveCapacity(max(chunkBytes, carry.count) + JSONWindow.readSize)
        var lastNewline = chunk.lastIndex(of: JSONTokens.newline)
        // Read to the chunk size, and on until a line ends (a line longer than a chunk).
        while !atEOF && (chunk.count < chunkBytes || lastNewline == nil) {
          let before = chunk.count
          if try read(window.source, through: &scratch, appendingTo: &chunk) == 0 { atEOF = true }
          if let found = chunk[before...].lastIndex(of: JSONTokens.newline) { lastNewline = found }
          // The reading pass reports a line too long to hold; the schema pass just stops there.
          if lastNewline == nil && chunk.count >= JSONWindow.maximumRowBytes { atEOF = true }
        }
        let cut = atEOF ? chunk.count : (lastNewline ?? chunk.count - 1) + 1
        carry = Array(chunk[cut...])
        chunk.removeLast(chunk.count - cut)
        if !chunk.isEmpty { fold.submit(chunk) }
      }
    } catch {
      _ = fold.finish()
      throw error
    }
    return fold.finish().combined
  }

  /// Reads once from `source` through `scratch` onto the end of `bytes`; returns the count read.
  private static func read(_ source: any ByteSource, through scratch: inout [UInt8], appendingTo bytes: inout [UInt8]) throws -> Int {
    let n = try scratch.withUnsafeMutableBytes { try source.read(into: $0) }
    scratch.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<n])) }
    return n
  }
}
