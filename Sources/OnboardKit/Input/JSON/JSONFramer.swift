#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a pass does with the objects the framer finds: learn their keys (the schema pass) or
/// write their values into columns (the reading pass).
protocol JSONRowSink {
  /// Rows accepted into the current batch.
  var rowCount: Int { get }
  /// Whether rejected rows are wanted; the schema pass says no, so none are built there.
  var keepsRejects: Bool { get }
  /// Reads the object whose `{` is at `start`; returns the index after its `}`.
  mutating func object(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, limit: Int, final: Bool) throws(JSONStop) -> Int
  /// The object just read is a row.
  mutating func accept(_ origin: RowOrigin)
  /// The object just read (in part) is not a row: take back whatever it changed.
  mutating func discard()
  mutating func reject(_ row: RejectedRow)
}

/// Splits bytes into top-level values by layout and hands each object to a sink; both passes use
/// it, so they see the same rows. It owns line numbers and the policy for broken input:
///
/// - JSON Lines: a line that is not one valid object is rejected (`malformed-json`, with its line,
///   column and text) and reading goes on with the next line.
/// - array and concatenated: a value that is valid JSON but not an object is rejected. After a
///   syntax error the next row cannot be found for sure: the broken object is rejected if bracket
///   matching finds its end followed by what may follow a row (`,` or `]` in an array, `{` or the
///   end of the file otherwise); if not, reading stops with `InputError.malformedDocument`.
struct JSONFramer {
  enum Stop {
    case batchFull, needMoreData, endOfInput
    case failed(InputError)
  }

  /// Where an array document is: before `[`, after `[`, after an element, after a comma, after `]`.
  private enum ArrayPhase { case open, first, next, afterComma, closed }

  /// Reject records keep at most this many bytes of the raw text.
  static let rawLimit = 65_536

  let layout: JSONLayout
  let name: String
  /// The line number at file offset `counted`, and the file offset where that line starts.
  private var line = 1
  private var counted: Int
  private var lineStart: Int
  private var phase = ArrayPhase.open

  /// `start` is the file offset of the first byte to scan (3 after a byte order mark).
  init(layout: JSONLayout, name: String, start: Int) {
    self.layout = layout
    self.name = name
    counted = start
    lineStart = start
  }

  /// Scans values from `bytes[position...]` until `maxRows` rows are in the sink or the bytes run
  /// out. `fileOffset` is the file offset of `bytes[0]`.
  mutating func scan<Sink: JSONRowSink>(
    _ bytes: UnsafeBufferPointer<UInt8>, position: inout Int, fileOffset: Int, atEOF: Bool, maxRows: Int,
    into sink: inout Sink
  ) -> Stop {
    let stop =
      layout == .lines
      ? scanLines(bytes, position: &position, fileOffset: fileOffset, atEOF: atEOF, maxRows: maxRows, into: &sink)
      : scanValues(bytes, position: &position, fileOffset: fileOffset, atEOF: atEOF, maxRows: maxRows, into: &sink)
    // The caller may drop the bytes before `position` now: count their lines first.
    advance(bytes, to: position, fileOffset: fileOffset)
    return stop
  }

  // MARK: - JSON Lines

  private mutating func scanLines<Sink: JSONRowSink>(
    _ bytes: UnsafeBufferPointer<UInt8>, position: inout Int, fileOffset: Int, atEOF: Bool, maxRows: Int,
    into sink: inout Sink
  ) -> Stop {
    let n = bytes.count
    var pos = position
    defer { position = pos }
    while sink.rowCount < maxRows {
      guard pos < n else { return atEOF ? .endOfInput : .needMoreData }
      var lineEnd = n
      if let base = bytes.baseAddress, let found = memchr(base + pos, Int32(JSONTokens.newline), n - pos) {
        lineEnd = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      } else if !atEOF {
        return .needMoreData
      }
      var contentEnd = lineEnd
      if contentEnd > pos && bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
      let first = JSONTokens.skipWhitespace(bytes, pos, contentEnd)
      if first < contentEnd {
        let origin = RowOrigin(line: line, byteOffset: fileOffset + pos)
        do throws(JSONStop) {
          guard bytes[first] == UInt8(ascii: "{") else { throw .syntax(offset: first, problem: .notAnObject) }
          let end = try sink.object(bytes, at: first, limit: contentEnd, final: true)
          let rest = JSONTokens.skipWhitespace(bytes, end, contentEnd)
          guard rest == contentEnd else { throw .syntax(offset: rest, problem: .trailingText) }
          sink.accept(origin)
        } catch {
          sink.discard()
          if sink.keepsRejects {
            let (offset, problem) = error.located(at: contentEnd)
            let found = offset < contentEnd ? bytes[offset] : nil
            sink.reject(RejectedRow(
              code: "malformed-json",
              reason: "column \(offset - pos + 1): \(problem.describe(found: found, end: "the line")); the line was set aside and reading went on with the next",
              file: name, line: origin.line, byteOffset: origin.byteOffset,
              raw: JSONFramer.raw(bytes, pos, contentEnd)))
          }
        }
      }
      pos = min(lineEnd + 1, n)
      line += 1
      counted = fileOffset + pos
      lineStart = counted
    }
    return .batchFull
  }

  // MARK: - Arrays and concatenated values

  private mutating func scanValues<Sink: JSONRowSink>(
    _ bytes: UnsafeBufferPointer<UInt8>, position: inout Int, fileOffset: Int, atEOF: Bool, maxRows: Int,
    into sink: inout Sink
  ) -> Stop {
    let n = bytes.count
    var pos = position
    defer { position = pos }
    while true {
      pos = JSONTokens.skipWhitespace(bytes, pos, n)
      guard pos < n else {
        guard atEOF else { return .needMoreData }
        if layout == .array && phase != .closed && phase != .open {
          return .failed(failure(bytes, at: pos, fileOffset: fileOffset, .expected(phase == .next ? "',' or ']'" : "an object"),
            note: "the array is never closed; the file may have been cut short"))
        }
        return .endOfInput
      }
      if layout == .array {
        switch phase {
        case .open:
          guard bytes[pos] == UInt8(ascii: "[") else {
            return .failed(failure(bytes, at: pos, fileOffset: fileOffset, .expected("'[' to open the array"),
              note: "the layout was set to array; set it to lines or concatenated for other files"))
          }
          phase = .first
          pos += 1
          continue
        case .next:
          if bytes[pos] == UInt8(ascii: ",") {
            phase = .afterComma
          } else if bytes[pos] == UInt8(ascii: "]") {
            phase = .closed
          } else {
            return .failed(failure(bytes, at: pos, fileOffset: fileOffset, .expected("',' or ']' after an element"), note: nil))
          }
          pos += 1
          continue
        case .closed:
          return .failed(failure(bytes, at: pos, fileOffset: fileOffset, .expected("nothing after the array's closing ']'"), note: nil))
        case .first where bytes[pos] == UInt8(ascii: "]"):
          phase = .closed
          pos += 1
          continue
        case .afterComma where bytes[pos] == UInt8(ascii: "]"):
          return .failed(failure(bytes, at: pos, fileOffset: fileOffset, .expected("an element after ','"),
            note: "a comma before ']' is not allowed in JSON; remove it"))
        case .first, .afterComma:
          break
        }
      }
      guard sink.rowCount < maxRows else { return .batchFull }
      switch value(bytes, at: pos, fileOffset: fileOffset, atEOF: atEOF, into: &sink) {
      case .next(let end):
        pos = end
        phase = .next
      case .needMoreData:
        return .needMoreData
      case .failed(let error):
        return .failed(error)
      }
    }
  }

  private enum Step {
    case next(Int)
    case needMoreData
    case failed(InputError)
  }

  /// Reads one top-level value of the array or concatenated layouts.
  private mutating func value<Sink: JSONRowSink>(
    _ bytes: UnsafeBufferPointer<UInt8>, at start: Int, fileOffset: Int, atEOF: Bool, into sink: inout Sink
  ) -> Step {
    let n = bytes.count
    advance(bytes, to: start, fileOffset: fileOffset)
    let origin = RowOrigin(line: line, byteOffset: fileOffset + start)
    guard bytes[start] == UInt8(ascii: "{") else {
      do throws(JSONStop) {
        let end = try JSONTokens.skipValue(bytes, from: start, limit: n, final: atEOF)
        if sink.keepsRejects {
          sink.reject(RejectedRow(
            code: "malformed-json",
            reason: "column \(fileOffset + start - lineStart + 1): \(JSONProblem.notAnObject.describe(found: bytes[start], end: "the file")); only objects are rows",
            file: name, line: origin.line, byteOffset: origin.byteOffset, raw: JSONFramer.raw(bytes, start, end)))
        }
        return .next(end)
      } catch {
        guard case .syntax(let offset, let problem) = error else { return .needMoreData }
        return .failed(failure(bytes, at: offset, fileOffset: fileOffset, problem, note: nil))
      }
    }
    do throws(JSONStop) {
      let end = try sink.object(bytes, at: start, limit: n, final: atEOF)
      sink.accept(origin)
      return .next(end)
    } catch {
      sink.discard()
      guard case .syntax(let offset, let problem) = error else { return .needMoreData }
      switch resynchronise(bytes, from: start, atEOF: atEOF) {
      case .found(let end):
        if sink.keepsRejects {
          let (errorLine, column) = location(bytes, of: offset, fileOffset: fileOffset)
          let found = offset < n ? bytes[offset] : nil
          sink.reject(RejectedRow(
            code: "malformed-json",
            reason: "line \(errorLine), column \(column): \(problem.describe(found: found, end: "the file")); the object was set aside and reading went on after it",
            file: name, line: origin.line, byteOffset: origin.byteOffset, raw: JSONFramer.raw(bytes, start, end)))
        }
        return .next(end)
      case .needMoreData:
        return .needMoreData
      case .lost:
        return .failed(failure(bytes, at: offset, fileOffset: fileOffset, problem,
          note: "the end of this object cannot be found for sure, so the rest of the file was not read"))
      }
    }
  }

  private enum Resync {
    case found(Int)
    case needMoreData
    case lost
  }

  /// Finds the end of a broken object by bracket matching alone (strings skipped, a line break
  /// inside a string means the quotes are out of step), and accepts it only when what follows
  /// can follow a row.
  private func resynchronise(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEOF: Bool) -> Resync {
    let n = bytes.count
    var depth = 0
    var p = start
    while p < n {
      switch bytes[p] {
      case JSONTokens.quote:
        p += 1
        while p < n && bytes[p] != JSONTokens.quote {
          if bytes[p] == JSONTokens.newline { return .lost }
          p += bytes[p] == JSONTokens.backslash ? 2 : 1
        }
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        if depth == 0 {
          let end = p + 1
          let next = JSONTokens.skipWhitespace(bytes, end, n)
          guard next < n else { return atEOF ? .found(end) : .needMoreData }
          let follower = bytes[next]
          let fits =
            layout == .array
            ? follower == UInt8(ascii: ",") || follower == UInt8(ascii: "]") : follower == UInt8(ascii: "{")
          return fits ? .found(end) : .lost
        }
      default:
        break
      }
      p += 1
    }
    return atEOF ? .lost : .needMoreData
  }

  // MARK: - Locations

  /// Counts lines up to `position`, so that `line` and `lineStart` describe it.
  private mutating func advance(_ bytes: UnsafeBufferPointer<UInt8>, to position: Int, fileOffset: Int) {
    let target = fileOffset + position
    guard target > counted else { return }
    var p = max(counted - fileOffset, 0)
    while p < position {
      if bytes[p] == JSONTokens.newline {
        line += 1
        lineStart = fileOffset + p + 1
      }
      p += 1
    }
    counted = target
  }

  /// The 1-based line and column of `offset`, which lies at or after the counted position.
  private func location(_ bytes: UnsafeBufferPointer<UInt8>, of offset: Int, fileOffset: Int) -> (line: Int, column: Int) {
    var atLine = line
    var start = lineStart
    var p = max(counted - fileOffset, 0)
    while p < min(offset, bytes.count) {
      if bytes[p] == JSONTokens.newline {
        atLine += 1
        start = fileOffset + p + 1
      }
      p += 1
    }
    return (atLine, fileOffset + offset - start + 1)
  }

  private func failure(
    _ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, fileOffset: Int, _ problem: JSONProblem, note: String?
  ) -> InputError {
    let (errorLine, column) = location(bytes, of: offset, fileOffset: fileOffset)
    let found = offset < bytes.count ? bytes[offset] : nil
    var reason = problem.describe(found: found, end: "the file")
    if let note { reason += "; " + note }
    reason += ". Rows before this point were read; fix the file here (or set the layout if it was detected wrongly)"
    return .malformedDocument(path: name, line: errorLine, column: column, reason: reason)
  }

  /// The error for a row that outgrows `limit` bytes, the largest buffer a row may need.
  func rowTooLong(limit: Int, position: Int, fileOffset: Int) -> InputError {
    .malformedDocument(
      path: name, line: line, column: fileOffset + position - lineStart + 1,
      reason: "a row runs past \(limit / (1 << 20)) MiB without ending; the file may not be \(layout == .lines ? "JSON Lines" : "JSON"), or a string or bracket is never closed")
  }

  /// The raw text of a rejected value, cut at `rawLimit` bytes.
  static func raw(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< min(end, start + rawLimit)]), as: UTF8.self)
  }
}

extension JSONStop {
  /// The offset and problem of a syntax error; running out of bytes counts as an unexpected end.
  func located(at end: Int) -> (offset: Int, problem: JSONProblem) {
    switch self {
    case .syntax(let offset, let problem): (offset, problem)
    case .incomplete: (end, .expected("more"))
    }
  }
}
