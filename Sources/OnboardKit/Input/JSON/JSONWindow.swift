/// The read buffer of one pass: bytes `[start, end)` are read and not yet consumed.
///
/// Refilling moves the unconsumed tail to the front and reads after it; the buffer grows only
/// when one row does not fit, so memory stays at about two reads plus the longest row.
struct JSONWindow {
  let source: any ByteSource
  private(set) var buffer: [UInt8]
  var start = 0
  private(set) var end = 0
  /// The file offset of `buffer[0]`.
  private(set) var fileOffset = 0
  private(set) var atEOF = false

  static let readSize = 1 << 20
  /// The longest row (a JSON Lines line, or one object) the reader holds before giving up.
  static let maximumRowBytes = 1 << 28

  init(source: any ByteSource) {
    self.source = source
    buffer = [UInt8](repeating: 0, count: JSONWindow.readSize * 2)
  }

  /// Reads until at least `count` unconsumed bytes are held or the source ends.
  mutating func fill(atLeast count: Int) throws {
    while !atEOF && end - start < count { try refill() }
  }

  /// Skips a UTF-8 byte order mark at the start of the file; returns whether there was one.
  mutating func skipByteOrderMark() throws -> Bool {
    try fill(atLeast: 3)
    guard fileOffset == 0, start == 0, end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF else { return false }
    start = 3
    return true
  }

  /// Moves the unconsumed tail to the front and reads more after it.
  mutating func refill() throws {
    let tail = end - start
    if start > 0 {
      buffer.withUnsafeMutableBytes { raw in
        raw.baseAddress!.copyMemory(from: raw.baseAddress! + start, byteCount: tail)
      }
      fileOffset += start
      start = 0
      end = tail
    }
    if buffer.count - end < JSONWindow.readSize {
      buffer.append(contentsOf: [UInt8](repeating: 0, count: max(buffer.count, JSONWindow.readSize)))
    }
    let n = try buffer.withUnsafeMutableBytes { raw in
      try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[end...]))
    }
    end += n
    if n == 0 { atEOF = true }
  }

  /// Runs `framer` over the held bytes, refilling as needed, until the sink holds `maxRows`
  /// rows, the input ends, or the framer fails.
  mutating func run<Sink: JSONRowSink>(_ framer: inout JSONFramer, into sink: inout Sink, maxRows: Int) throws
    -> JSONFramer.Stop
  {
    while true {
      var position = start
      let (held, offset, final) = (end, fileOffset, atEOF)
      let stop = buffer.withUnsafeBufferPointer { all in
        framer.scan(
          UnsafeBufferPointer(rebasing: all[..<held]), position: &position, fileOffset: offset, atEOF: final,
          maxRows: maxRows, into: &sink)
      }
      start = position
      guard case .needMoreData = stop else { return stop }
      guard !atEOF else {
        // The framer treats the end of the input as final, so it cannot ask for more there.
        assertionFailure("the framer asked for more bytes at the end of the input")
        return .endOfInput
      }
      if end - start >= JSONWindow.maximumRowBytes {
        return .failed(framer.rowTooLong(limit: JSONWindow.maximumRowBytes, position: start, fileOffset: fileOffset))
      }
      try refill()
    }
  }
}
