#if canImport(Glibc)
  import Glibc
#endif

/// Writes batches as RFC 4180 CSV to a temporary file, renamed into place by `commit`.
///
/// A field is quoted when it holds the delimiter, a quote, CR or LF, or is an empty string (so
/// that an empty string and a null, written as nothing, stay apart). Output is UTF-8.
public final class CSVWriter: @unchecked Sendable {
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
    try append(encode(batch), rows: batch.rowCount)
  }

  /// Appends rows already encoded by `encode`, in order.
  public func append(_ encoded: [UInt8], rows: Int) throws {
    buffer.append(contentsOf: encoded)
    if buffer.count >= 1 << 20 { try flush() }
    rowsWritten += rows
  }

  /// The batch's rows as CSV bytes. Pure, so batches can be encoded on several threads and
  /// appended in order.
  public func encode(_ batch: Batch) -> [UInt8] {
    let rows = batch.rowCount
    let columns = batch.columns.count
    guard rows > 0 else { return [] }
    // Every column as text (typed ones formatted column by column), then all of them flattened into
    // one byte buffer with offsets, so the row-major loop below runs on pointers alone.
    var bytes: [UInt8] = []
    var offsets: [Int] = []
    var nulls: [Bool] = []
    offsets.reserveCapacity(columns * (rows + 1))
    nulls.reserveCapacity(columns * rows)
    for column in batch.columns {
      let text: TextColumn
      if case .text(let t) = column { text = t } else { text = CSVWriter.formatted(column) }
      let base = bytes.count
      bytes.append(contentsOf: text.bytes)
      for o in text.offsets { offsets.append(base + o) }
      for row in 0 ..< rows { nulls.append(text.isNull(row)) }
    }
    if bytes.isEmpty { bytes = [0] }  // every value empty or null: a base address all the same
    // Written through a pointer into a buffer sized for the worst case (every byte a doubled
    // quote, every field quoted), so the loop never checks capacity.
    let lineEnding = self.lineEnding
    let capacity = 2 * bytes.count + rows * (3 * columns + lineEnding.count)
    let delimiter = self.delimiter
    return [UInt8](unsafeUninitializedCapacity: capacity) { out, written in
      let base = out.baseAddress!
      var p = 0
      bytes.withUnsafeBufferPointer { b in
        offsets.withUnsafeBufferPointer { o in
          nulls.withUnsafeBufferPointer { isNull in
            for row in 0 ..< rows {
              for c in 0 ..< columns {
                if c > 0 {
                  base[p] = delimiter
                  p += 1
                }
                if isNull[c * rows + row] { continue }
                let k = c * (rows + 1) + row
                p = CSVWriter.putField(b.baseAddress! + o[k], count: o[k + 1] - o[k], delimiter: delimiter, at: base + p) - base
              }
              for byte in lineEnding {
                base[p] = byte
                p += 1
              }
            }
          }
        }
      }
      written = p
    }
  }

  /// Writes a value at `out`, quoted when it holds the delimiter, a quote, CR or LF, or is empty,
  /// and returns the position after it. `out` must have room for `2 * count + 2` bytes.
  @inline(__always)
  static func putField(_ value: UnsafePointer<UInt8>, count: Int, delimiter: UInt8, at out: UnsafeMutablePointer<UInt8>)
    -> UnsafeMutablePointer<UInt8>
  {
    var needsQuotes = count == 0
    var i = 0
    while i < count {
      let b = value[i]
      if b == delimiter || b == 34 || b == 10 || b == 13 {
        needsQuotes = true
        break
      }
      i += 1
    }
    guard needsQuotes else {
      out.update(from: value, count: count)
      return out + count
    }
    var q = out
    q.pointee = 34
    q += 1
    for j in 0 ..< count {
      if value[j] == 34 {
        q.pointee = 34
        q += 1
      }
      q.pointee = value[j]
      q += 1
    }
    q.pointee = 34
    return q + 1
  }

  /// A typed column as the text the writer emits.
  static func formatted(_ column: Column) -> TextColumn {
    var text = TextColumn()
    var scratch: [UInt8] = []
    for row in 0 ..< column.count {
      scratch.removeAll(keepingCapacity: true)
      if ValueFormatter.append(column, row: row, to: &scratch) { text.append(scratch) } else { text.appendNull() }
    }
    return text
  }

  /// Appends a value, quoted when it holds the delimiter, a quote, CR or LF, or is empty.
  @inline(__always)
  static func appendField(_ value: UnsafeBufferPointer<UInt8>, delimiter: UInt8, to out: inout [UInt8]) {
    var needsQuotes = value.isEmpty
    for b in value where b == delimiter || b == 34 || b == 10 || b == 13 {
      needsQuotes = true
      break
    }
    guard needsQuotes else { return out.append(contentsOf: value) }
    out.append(34)
    for b in value {
      if b == 34 { out.append(34) }
      out.append(b)
    }
    out.append(34)
  }

  private func appendText(_ value: ArraySlice<UInt8>) {
    value.withUnsafeBufferPointer { CSVWriter.appendField($0, delimiter: delimiter, to: &buffer) }
  }

  static func write(_ out: inout [UInt8], to descriptor: Int32, path: String) throws {
    var offset = 0
    while offset < out.count {
      let n = out.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        throw OutputError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
      }
      offset += n
    }
    out.removeAll(keepingCapacity: true)
  }

  private func flush() throws {
    try CSVWriter.write(&buffer, to: descriptor, path: path)
  }

  /// Flushes, syncs and renames the file into place.
  public func commit() throws {
    try flush()
    guard fsync(descriptor) == 0 else { throw OutputError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    try AtomicFile.commit(temporary, to: path)
    committed = true
  }
}
