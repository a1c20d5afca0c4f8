/// Reads a CSV source as a stream of batches of text columns.
///
/// Memory is one read buffer (grown only for a record longer than the buffer, up to
/// `maxRecordBytes`) plus the batch being filled, however large the file.
public final class CSVReader: BatchReader {
  public let source: any ByteSource
  public let dialect: CSVDialect
  public let schema: Schema
  public var batchSize: Int

  private var buffer: [UInt8]
  private var start = 0
  private var end = 0
  private var bufferFileOffset = 0
  private var line = 1
  private var atEOF = false
  private var finished = false
  private let scanner: CSVScanner
  private let builders: UnsafeMutableBufferPointer<TextColumnBuilder>
  /// Bytes per column in the last batch, to reserve the next one's.
  private var columnBytes: [Int]
  private static let readSize = 1 << 20

  /// `formats`, per column, say how its numbers or dates are written (from the sniffer).
  public init(
    source: any ByteSource, dialect: CSVDialect = CSVDialect(), formats: [ValueFormat?] = [], batchSize: Int = 65_536
  ) throws {
    self.source = source
    self.dialect = dialect
    self.batchSize = batchSize
    buffer = [UInt8](repeating: 0, count: CSVReader.readSize * 2)
    var initial = (buffer: buffer, start: 0, end: 0, atEOF: false)
    // Read enough to hold the preamble and the first record (the header) before anything else.
    repeat {
      if initial.end == initial.buffer.count { initial.buffer.append(contentsOf: [UInt8](repeating: 0, count: initial.buffer.count)) }
      let n = try initial.buffer.withUnsafeMutableBytes { raw in
        try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[initial.end...]))
      }
      initial.end += n
      if n == 0 { initial.atEOF = true }
    } while !initial.atEOF && initial.end < dialect.maxRecordBytes
      && (initial.end < 1 << 16 || CSVRecord.firstRecordEnd(initial.buffer[..<initial.end], dialect: dialect) == nil)
    buffer = initial.buffer
    end = initial.end
    atEOF = initial.atEOF
    // A UTF-8 byte order mark is not part of the first column's name.
    if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
    if start == end { throw InputError.empty(path: source.name) }
    // Preamble lines, then blank and comment lines, come before the header.
    var skipped = 0
    while start < end {
      let isPreamble = skipped < dialect.skipRows
      let b = buffer[start]
      let isSkippable = b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") || (dialect.comment != nil && b == dialect.comment)
      guard isPreamble || isSkippable else { break }
      let lineEnd = buffer[start ..< end].firstIndex(of: UInt8(ascii: "\n")) ?? end
      start = min(lineEnd + 1, end)
      line += 1
      skipped += 1
    }
    if start == end { throw InputError.empty(path: source.name) }

    let first = CSVRecord.parseFirst(buffer[start ..< end], dialect: dialect)
    var names: [String]
    if dialect.header {
      start += first.length
      line += first.lines
      names = first.fields
      if let given = dialect.columnNames {
        guard given.count == names.count else {
          throw InputError.columnCountMismatch(path: source.name, expected: given.count, found: names.count)
        }
        names = given
      }
    } else {
      names = dialect.columnNames ?? (1 ... first.fields.count).map { "column_\($0)" }
    }
    names = CSVRecord.uniqueNames(names)
    schema = Schema(names.enumerated().map { i, name in
      Field(name: name, type: .string, format: i < formats.count ? formats[i] : nil)
    })
    scanner = CSVScanner(dialect: dialect, columnCount: names.count, sourceName: source.name)
    builders = .allocate(capacity: names.count)
    let chunk = min(batchSize, CSVReader.defaultChunkRows)
    for i in 0 ..< names.count { (builders.baseAddress! + i).initialize(to: TextColumnBuilder(rows: chunk, bytes: chunk * 16)) }
    columnBytes = Array(repeating: batchSize * 8, count: names.count)
  }

  deinit {
    for builder in builders { builder.deallocate() }
    builders.deallocate()
  }

  /// Rows scanned into the builders before they are moved to the batch's columns. The scanner
  /// writes each field to its column's builder: two dozen columns are four dozen write streams,
  /// which miss the cache unless the builders are small enough to stay in it; moving a chunk out
  /// is then one sequential copy per column.
  public var chunkRows = CSVReader.defaultChunkRows
  public static let defaultChunkRows = 8192

  /// The next batch with the rows that were rejected while reading it; `nil` at the end.
  public func next() throws -> ReadResult? {
    if finished { return nil }
    for i in builders.indices { builders[i].reset() }
    var output = CSVScanner.Output(columns: builders)
    output.origins.reserveCapacity(batchSize)
    var columns = columnBytes.map { bytes in
      var column = TextColumn()
      column.reserveCapacity(rows: batchSize, bytes: bytes + bytes / 8)
      return column
    }
    func moveChunk() {
      for i in builders.indices {
        builders[i].append(to: &columns[i])
        builders[i].reset()
      }
      output.rowBase = output.origins.count
    }
    while true {
      var position = start
      var truncatedRecord = false
      let limit = min(batchSize, output.rowBase + max(1, chunkRows))
      let stop = buffer.withUnsafeBufferPointer { all in
        let filled = UnsafeBufferPointer(rebasing: all[..<end])
        return scanner.scan(
          filled, position: &position, line: &line, fileOffset: bufferFileOffset, atEOF: atEOF,
          maxRows: limit, into: &output)
      }
      start = position
      switch stop {
      case .batchFull:
        moveChunk()
        if output.origins.count >= batchSize { return ReadResult(batch: makeBatch(columns, output), rejects: output.rejects) }
        continue
      case .endOfInput:
        moveChunk()
        finished = true
        if output.origins.isEmpty && output.rejects.isEmpty { return nil }
        return ReadResult(batch: makeBatch(columns, output), rejects: output.rejects)
      case .needMoreData:
        if end - start >= dialect.maxRecordBytes { truncatedRecord = true }
      }
      if truncatedRecord {
        // A quote opened and never closed would otherwise swallow the rest of the file: quarantine
        // the record's first line and read on, as at the end of the file.
        output.rejects.append(try rejectFirstLine(
          code: "record-too-long",
          reason: "a record runs past \(dialect.maxRecordBytes) bytes, most likely a quote that is never closed; the rest of the file was read on from the next line"))
        continue
      }
      try refill()
    }
  }

  private func rejectFirstLine(code: String, reason: String) throws -> RejectedRow {
    guard let newline = buffer[start ..< end].firstIndex(of: UInt8(ascii: "\n")) else {
      throw InputError.recordTooLong(path: source.name, line: line, limit: dialect.maxRecordBytes)
    }
    var lineEnd = newline
    if lineEnd > start && buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
    let row = RejectedRow(
      code: code, reason: reason, file: source.name, line: line, byteOffset: bufferFileOffset + start,
      raw: String(decoding: buffer[start ..< lineEnd], as: UTF8.self))
    start = newline + 1
    line += 1
    return row
  }

  /// Moves the unread tail to the front and reads more after it.
  private func refill() throws {
    let tail = end - start
    if start > 0 {
      buffer.withUnsafeMutableBytes { raw in
        raw.baseAddress!.copyMemory(from: raw.baseAddress! + start, byteCount: tail)
      }
      bufferFileOffset += start
      start = 0
      end = tail
    }
    if buffer.count - end < CSVReader.readSize {
      buffer.append(contentsOf: [UInt8](repeating: 0, count: max(buffer.count, CSVReader.readSize)))
    }
    let n = try buffer.withUnsafeMutableBytes { raw in
      try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[end...]))
    }
    end += n
    if n == 0 { atEOF = true }
  }

  private func makeBatch(_ columns: [TextColumn], _ output: CSVScanner.Output) -> Batch {
    // The next batch reserves about as many bytes per column as this one took.
    columnBytes = columns.map(\.bytes.count)
    var batch = Batch(schema: schema, columns: columns.map { .text($0) }, origins: output.origins)
    batch.source = source.name
    return batch
  }
}
