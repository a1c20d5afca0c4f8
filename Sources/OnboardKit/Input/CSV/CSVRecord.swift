import Foundation

/// Slow-path reading of single records (the header), with the same quoting rules as the scanner.
enum CSVRecord {
  struct First {
    var fields: [String]
    /// Bytes taken, including the line ending.
    var length: Int
    /// Lines taken (more than one when a quoted field holds a newline).
    var lines: Int
    /// False when the bytes ended inside a quoted field.
    var complete: Bool
    /// True when a line ending closed the record (not the end of the bytes).
    var terminated = false
  }

  static func parseFirst(_ bytes: ArraySlice<UInt8>, dialect: CSVDialect) -> First {
    var fields: [String] = []
    var current: [UInt8] = []
    var i = bytes.startIndex
    var inQuotes = false
    var lines = 1
    let escape = dialect.escape == dialect.quote ? nil : dialect.escape
    while i < bytes.endIndex {
      let b = bytes[i]
      if inQuotes {
        if escape != nil && b == escape && i + 1 < bytes.endIndex {
          current.append(bytes[i + 1])
          i += 1
        } else if b == dialect.quote {
          if i + 1 < bytes.endIndex && bytes[i + 1] == dialect.quote {
            current.append(b)
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          if b == UInt8(ascii: "\n") { lines += 1 }
          current.append(b)
        }
      } else if b == dialect.quote && current.isEmpty {
        inQuotes = true
      } else if b == dialect.delimiter {
        fields.append(String(decoding: current, as: UTF8.self))
        current.removeAll()
      } else if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
        if b == UInt8(ascii: "\r") && i + 1 < bytes.endIndex && bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
        i += 1
        return First(fields: fields + [String(decoding: current, as: UTF8.self)], length: i - bytes.startIndex, lines: lines, complete: true, terminated: true)
      } else {
        current.append(b)
      }
      i += 1
    }
    fields.append(String(decoding: current, as: UTF8.self))
    return First(fields: fields, length: i - bytes.startIndex, lines: lines, complete: !inQuotes)
  }

  /// The records of a sample, skipping blank and comment lines; a record cut by the end of the
  /// sample is left out unless the sample is the whole file.
  static func records(_ bytes: ArraySlice<UInt8>, dialect: CSVDialect, limit: Int = 200, wholeFile: Bool = false) -> [[String]] {
    var out: [[String]] = []
    var rest = bytes
    while !rest.isEmpty && out.count < limit {
      let b = rest.first!
      if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") || (dialect.comment != nil && b == dialect.comment) {
        rest = rest.drop { $0 != UInt8(ascii: "\n") }.dropFirst()
        continue
      }
      let record = parseFirst(rest, dialect: dialect)
      guard record.terminated || (wholeFile && record.complete) else { break }
      out.append(record.fields)
      rest = rest.dropFirst(record.length)
    }
    return out
  }

  /// Where the first record ends (after its line ending), or `nil` if the bytes hold no full record.
  static func firstRecordEnd(_ bytes: ArraySlice<UInt8>, dialect: CSVDialect) -> Int? {
    var inQuotes = false
    for i in bytes.indices {
      let b = bytes[i]
      if b == dialect.quote { inQuotes.toggle() }
      if !inQuotes && (b == UInt8(ascii: "\n")) { return i + 1 }
    }
    return nil
  }

  /// Trims names, names empty ones `column_N`, and suffixes repeats (`a`, `a_2`) so names are unique.
  static func uniqueNames(_ names: [String]) -> [String] {
    var seen: Set<String> = []
    var out: [String] = []
    for (index, raw) in names.enumerated() {
      var name = raw.trimmingCharacters(in: .whitespaces)
      if name.isEmpty { name = "column_\(index + 1)" }
      var candidate = name
      var k = 2
      while seen.contains(candidate) {
        candidate = "\(name)_\(k)"
        k += 1
      }
      seen.insert(candidate)
      out.append(candidate)
    }
    return out
  }
}
