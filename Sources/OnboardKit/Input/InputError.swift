/// Errors that stop reading a source altogether. Bad rows are not errors: they are quarantined.
public enum InputError: Error, Equatable {
  case cannotOpen(path: String, reason: String)
  case cannotRead(path: String, reason: String)
  case empty(path: String)
  case recordTooLong(path: String, line: Int, limit: Int)
  case columnCountMismatch(path: String, expected: Int, found: Int)
  case invalidOption(name: String, value: String, reason: String)
  /// Decompressed output grew past `limit` times the compressed input: a gzip bomb, most likely.
  case decompressionBomb(path: String, ratio: Double, limit: Double)
  /// Decompressed output grew past an absolute byte limit.
  case decompressedTooLarge(path: String, bytes: Int, limit: Int)
  case corruptCompressedData(path: String, byteOffset: Int, reason: String)
  /// The bytes are not valid in the declared encoding (and cannot be replaced row by row).
  case invalidEncoding(path: String, encoding: String, byteOffset: Int)
  /// A document that asks for something unsafe (a DTD with entities, an external entity).
  case unsafeDocument(path: String, line: Int, reason: String)
  /// A document that cannot be read on at all (broken XML nesting, a JSON array cut short).
  case malformedDocument(path: String, line: Int, column: Int, reason: String)
}

extension InputError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason):
      "cannot open \(path): \(reason). Check the path (relative paths in a recipe are relative to the recipe file)."
    case .cannotRead(let path, let reason):
      "cannot read \(path): \(reason)."
    case .empty(let path):
      "\(path) is empty: there is no header and no data. Give a file with at least one row."
    case .recordTooLong(let path, let line, let limit):
      "\(path):\(line): a record runs past \(limit) bytes without ending. The file may not be CSV, or its quote character may be wrong; set `quote` or raise `max_record_bytes`."
    case .columnCountMismatch(let path, let expected, let found):
      "\(path):1: the recipe names \(expected) columns but the first row has \(found) fields. Fix `source.columns` or the delimiter."
    case .invalidOption(let name, let value, let reason):
      "invalid \(name) '\(value)': \(reason)."
    case .decompressionBomb(let path, let ratio, let limit):
      "\(path): decompressing gave \(Int(ratio)) times more bytes than it read, over the limit of \(Int(limit)): this looks like a gzip bomb. If the file is genuine, raise `max_decompression_ratio`."
    case .decompressedTooLarge(let path, let bytes, let limit):
      "\(path): the decompressed data passed \(bytes) bytes, over the limit of \(limit). If the file is genuine, raise `max_decompressed_bytes`."
    case .corruptCompressedData(let path, let offset, let reason):
      "\(path): the compressed data is corrupt near byte \(offset) (\(reason)). Check the file is complete (a download or copy may have been cut)."
    case .invalidEncoding(let path, let encoding, let offset):
      "\(path): byte \(offset) is not valid \(encoding). Declare the file's real encoding with `encoding` (utf-8, utf-16le, utf-16be, latin-1, windows-1252)."
    case .unsafeDocument(let path, let line, let reason):
      "\(path):\(line): refused: \(reason). Documents are read without DTDs, entity expansion or network access; remove the DOCTYPE."
    case .malformedDocument(let path, let line, let column, let reason):
      "\(path):\(line):\(column): \(reason)."
    }
  }
}
