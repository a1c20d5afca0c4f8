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
    // Typed columns are formatted column by column; then the row-major loop reads every column's
    // bytes, offsets and validity through pointers, into a buffer sized for the worst case (every
    // byte a doubled quote, every field quoted), so it never checks capacity.
    let texts = batch.columns.map { column in
      if case .text(let t) = column { t } else { CSVWriter.formatted(column) }
    }
    // Typed values are written with digits, signs, `.`, `:`, `e`, spaces and the letters of
    // true/false/NaN/Infinity: never empty, never quoted unless the delimiter is one of those.
    let typedNeedNoQuotes = !Array("0123456789+-.: eETtrufalsNIinfy".utf8).contains(self.delimiter)
    // A text column whose bytes hold no delimiter, quote, CR or LF (most columns) quotes only its
    // empty values: four memchr over its buffer spare a scan of every value.
    let plain = zip(batch.columns, texts).map { column, text in
      if case .text = column { CSVWriter.holdsNoSpecialByte(text, delimiter: self.delimiter) } else { typedNeedNoQuotes }
    }
    let lineEnding = self.lineEnding
    let capacity = texts.reduce(rows * (3 * columns + lineEnding.count)) { $0 + 2 * $1.bytes.count }
    let delimiter = self.delimiter
    return [UInt8](unsafeUninitializedCapacity: capacity) { out, written in
      written = CSVWriter.withPointers(to: texts[...]) { pointers in
        var p = out.baseAddress!
        for row in 0 ..< rows {
          for (c, column) in pointers.enumerated() {
            if c > 0 {
              p.pointee = delimiter
              p += 1
            }
            guard column.valid![row >> 6] & (1 << UInt64(row & 63)) != 0 else { continue }
            let start = column.offsets[row]
            let count = column.offsets[row + 1] - start
            if plain[c] {
              if count == 0 {
                p[0] = 34
                p[1] = 34
                p += 2
              } else {
                p.update(from: column.bytes! + start, count: count)
                p += count
              }
            } else {
              p = CSVWriter.putField(column.bytes.map { $0 + start }, count: count, delimiter: delimiter, at: p)
            }
          }
          for byte in lineEnding {
            p.pointee = byte
            p += 1
          }
        }
        return p - out.baseAddress!
      }
    }
  }

  /// Whether no value of `text` holds the delimiter, a quote, CR or LF.
  static func holdsNoSpecialByte(_ text: TextColumn, delimiter: UInt8) -> Bool {
    text.bytes.withUnsafeBytes { raw in
      guard let base = raw.baseAddress, raw.count > 0 else { return true }
      return [delimiter, 34, 10, 13].allSatisfy { memchr(base, Int32($0), raw.count) == nil }
    }
  }

  /// Where one text column's storage is, while `withPointers` runs.
  struct TextPointers {
    var bytes: UnsafePointer<UInt8>?
    var offsets: UnsafePointer<Int>
    var valid: UnsafePointer<UInt64>?
  }

  /// Calls `body` with pointers into every column's storage, each kept alive by one nested
  /// `withUnsafeBufferPointer`, so no column is copied first.
  static func withPointers<R>(
    to texts: ArraySlice<TextColumn>, _ gathered: [TextPointers] = [], _ body: ([TextPointers]) -> R
  ) -> R {
    guard let first = texts.first else { return body(gathered) }
    return first.bytes.withUnsafeBufferPointer { b in
      first.offsets.withUnsafeBufferPointer { o in
        first.validity.withWords { v in
          withPointers(to: texts.dropFirst(), gathered + [TextPointers(bytes: b.baseAddress, offsets: o.baseAddress!, valid: v)], body)
        }
      }
    }
  }

  /// Writes a value at `out`, quoted when it holds the delimiter, a quote, CR or LF, or is empty,
  /// and returns the position after it. `out` must have room for `2 * count + 2` bytes.
  @inline(__always)
  static func putField(_ value: UnsafePointer<UInt8>?, count: Int, delimiter: UInt8, at out: UnsafeMutablePointer<UInt8>)
    -> UnsafeMutablePointer<UInt8>
  {
    guard count > 0, let value else {
      out[0] = 34
      out[1] = 34
      return out + 2
    }
    var needsQuotes = false
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
    var text = TextColumnBuilder(rows: column.count, bytes: column.count * 12)
    defer { text.deallocate() }
    var scratch: [UInt8] = []
    for row in 0 ..< column.count {
      scratch.removeAll(keepingCapacity: true)
      if ValueFormatter.append(column, row: row, to: &scratch) {
        scratch.withUnsafeBufferPointer { text.append($0) }
      } else {
        text.close(valid: false)
      }
    }
    return text.makeColumn()
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
