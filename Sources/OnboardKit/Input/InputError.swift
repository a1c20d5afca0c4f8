/// Errors that stop reading a source altogether. Bad rows are not errors: they are quarantined.
public enum InputError: Error, Equatable {
  case cannotOpen(path: String, reason: String)
  case cannotRead(path: String, reason: String)
  case empty(path: String)
  case recordTooLong(path: String, line: Int, limit: Int)
  case columnCountMismatch(path: String, expected: Int, found: Int)
  case invalidOption(name: String, value: String, reason: String)
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
    }
  }
}
