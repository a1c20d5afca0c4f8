/// The compact canonical JSON text of a nested value: what a `struct` or `array` column holds.
///
/// Whitespace between tokens is dropped, keys stay in the order written (duplicates included:
/// a nested object is text, not a row, so "last one wins" applies to top-level keys only),
/// numbers and literals stay exactly as written, and strings get their one canonical spelling
/// (see `JSONStringDecoding.decode(canonical: true)`). `{ "a" : [1, 2.50] }` becomes
/// `{"a":[1,2.50]}`. Compact input is copied in one piece: bytes are only split where whitespace
/// is dropped or an escape is rewritten.
enum JSONCanonical {
  /// Writes the value at `position` into `out`, validating it; returns the index after it.
  static func write<Sink: JSONPieceSink>(
    _ bytes: UnsafeBufferPointer<UInt8>, from position: Int, limit: Int, final: Bool, depth: Int,
    into out: inout Sink
  ) throws(JSONStop) -> Int {
    var writer = Writer(bytes: bytes, limit: limit, final: final, run: position)
    let end = try writer.value(at: position, depth: depth, into: &out)
    writer.flush(upTo: end, into: &out)
    return end
  }

  /// The scan state: `run` is where the bytes not yet copied begin.
  private struct Writer {
    let bytes: UnsafeBufferPointer<UInt8>
    let limit: Int
    let final: Bool
    var run: Int

    mutating func flush<Sink: JSONPieceSink>(upTo end: Int, into out: inout Sink) {
      if end > run { out.appendPiece(UnsafeBufferPointer(rebasing: bytes[run ..< end])) }
      run = end
    }

    /// Skips whitespace at `position`, cutting it out of the copied text.
    mutating func dropWhitespace<Sink: JSONPieceSink>(at position: Int, into out: inout Sink) -> Int {
      let next = JSONTokens.skipWhitespace(bytes, position, limit)
      if next != position {
        flush(upTo: position, into: &out)
        run = next
      }
      return next
    }

    mutating func value<Sink: JSONPieceSink>(at position: Int, depth: Int, into out: inout Sink) throws(JSONStop) -> Int {
      guard position < limit else { throw JSONTokens.ran(out: position, final: final, expecting: "a value") }
      switch bytes[position] {
      case JSONTokens.quote:
        let (end, escaped) = try JSONTokens.stringEnd(bytes, from: position + 1, limit: limit, final: final)
        if escaped {
          flush(upTo: position + 1, into: &out)
          JSONStringDecoding.decode(bytes, from: position + 1, to: end - 1, canonical: true, into: &out)
          run = end - 1
        }
        return end
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        return try container(at: position, depth: depth, into: &out)
      case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
        return try JSONTokens.literalEnd(bytes, from: position, limit: limit, final: final)
      case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
        return try JSONTokens.numberEnd(bytes, from: position, limit: limit, final: final).end
      default:
        throw .syntax(offset: position, problem: .expected("a value"))
      }
    }

    private mutating func container<Sink: JSONPieceSink>(at position: Int, depth: Int, into out: inout Sink)
      throws(JSONStop) -> Int
    {
      guard depth < JSONTokens.maximumDepth else { throw .syntax(offset: position, problem: .tooDeep) }
      let isObject = bytes[position] == UInt8(ascii: "{")
      let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
      var p = dropWhitespace(at: position + 1, into: &out)
      guard p < limit else { throw JSONTokens.ran(out: p, final: final, expecting: isObject ? "a key or '}'" : "a value or ']'") }
      if bytes[p] == close { return p + 1 }
      while true {
        if isObject {
          guard bytes[p] == JSONTokens.quote else { throw .syntax(offset: p, problem: .expected("a key in double quotes")) }
          p = dropWhitespace(at: try value(at: p, depth: depth + 1, into: &out), into: &out)
          guard p < limit else { throw JSONTokens.ran(out: p, final: final, expecting: "':'") }
          guard bytes[p] == UInt8(ascii: ":") else { throw .syntax(offset: p, problem: .expected("':' after the key")) }
          p = dropWhitespace(at: p + 1, into: &out)
        }
        p = dropWhitespace(at: try value(at: p, depth: depth + 1, into: &out), into: &out)
        guard p < limit else { throw JSONTokens.ran(out: p, final: final, expecting: isObject ? "',' or '}'" : "',' or ']'") }
        if bytes[p] == close { return p + 1 }
        guard bytes[p] == UInt8(ascii: ",") else {
          throw .syntax(offset: p, problem: .expected(isObject ? "',' or '}' after a value" : "',' or ']' after a value"))
        }
        p = dropWhitespace(at: p + 1, into: &out)
        guard p < limit else { throw JSONTokens.ran(out: p, final: final, expecting: isObject ? "a key" : "a value") }
      }
    }
  }
}
