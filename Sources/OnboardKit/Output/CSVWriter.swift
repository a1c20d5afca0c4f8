#if canImport(Glibc)
  import Glibc
#endif

/// Writes batches as RFC 4180 CSV to a temporary file, renamed into place by `commit`.
///
/// A field is quoted when it holds the delimiter, a quote, CR or LF, or is an empty string (so
/// that an empty string and a null, written as nothing, stay apart). Output is UTF-8.
public final class CSVWriter {
  public let path: String
  private let temporary: String
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private let delimiter: UInt8
  private let lineEnding: [UInt8]
  private var committed = false
  public private(set) var rowsWritten = 0

  public init(path: String, schema: Schema, delimiter: UInt8 = UInt8(ascii: ","), crlf: Bool = false) throws {
    self.path = path
    self.delimiter = delimiter
    lineEnding = crlf ? [13, 10] : [10]
    temporary = AtomicFile.temporaryPath(for: path)
    descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw OutputError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    buffer.reserveCapacity(1 << 20)
    for (i, field) in schema.fields.enumerated() {
      if i > 0 { buffer.append(delimiter) }
      appendText(Array(field.name.utf8)[...])
    }
    buffer.append(contentsOf: lineEnding)
  }

  deinit {
    close(descriptor)
    if !committed { unlink(temporary) }
  }

  public func write(_ batch: Batch) throws {
    var scratch: [UInt8] = []
    for row in 0 ..< batch.rowCount {
      for (i, column) in batch.columns.enumerated() {
        if i > 0 { buffer.append(delimiter) }
        switch column {
        case .text(let c):
          if !c.isNull(row) { appendText(c.value(row)) }
        default:
          scratch.removeAll(keepingCapacity: true)
          if ValueFormatter.append(column, row: row, to: &scratch) { appendText(scratch[...]) }
        }
      }
      buffer.append(contentsOf: lineEnding)
      if buffer.count >= 1 << 20 { try flush() }
    }
    rowsWritten += batch.rowCount
  }

  private func appendText(_ value: ArraySlice<UInt8>) {
    let needsQuotes = value.isEmpty || value.contains { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }
    guard needsQuotes else { return buffer.append(contentsOf: value) }
    buffer.append(34)
    for b in value {
      if b == 34 { buffer.append(34) }
      buffer.append(b)
    }
    buffer.append(34)
  }

  private func flush() throws {
    var offset = 0
    while offset < buffer.count {
      let n = buffer.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        throw OutputError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
      }
      offset += n
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, syncs and renames the file into place.
  public func commit() throws {
    try flush()
    guard fsync(descriptor) == 0 else { throw OutputError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    try AtomicFile.commit(temporary, to: path)
    committed = true
  }
}
