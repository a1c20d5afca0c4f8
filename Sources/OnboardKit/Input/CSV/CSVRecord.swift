import Foundation

/// Slow-path reading of single records (the header), with the same quoting rules as the scanner.
enum CSVRecord {
  struct First {
    var fields: [String]
    /// Bytes taken, including the line ending.
    var length: Int
    /// Lines taken (more than one when a quoted field holds a newline).
    var lines: Int
  }

  static func parseFirst(_ bytes: ArraySlice<UInt8>, dialect: CSVDialect) -> First {
    var fields: [String] = []
    var current: [UInt8] = []
    var i = bytes.startIndex
    var inQuotes = false
    var lines = 1
    while i < bytes.endIndex {
      let b = bytes[i]
      if inQuotes {
        if b == dialect.quote {
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
        break
      } else {
        current.append(b)
      }
      i += 1
    }
    fields.append(String(decoding: current, as: UTF8.self))
    return First(fields: fields, length: i - bytes.startIndex, lines: lines)
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
