/// A slice of a table, column by column: the unit that flows from readers through steps to
/// writers and the profiler (about 64K rows, so memory stays bounded however large the file).
public struct Batch: Sendable {
  public var schema: Schema
  public var columns: [Column]
  /// Where each row started in its source, for quarantine records and error messages.
  public var origins: [RowOrigin]
  /// The file the rows came from (a batch never spans files); empty when unknown.
  public var source = ""

  public init(schema: Schema, columns: [Column], origins: [RowOrigin]) {
    precondition(schema.count == columns.count, "a batch needs one column per field")
    self.schema = schema
    self.columns = columns
    self.origins = origins
  }

  public var rowCount: Int { origins.count }

  /// The batch without the rows where `keep` is false.
  public func filtered(_ keep: [Bool]) -> Batch {
    var batch = Batch(
      schema: schema,
      columns: columns.map { $0.filtered(keep) },
      origins: origins.indices.filter { keep[$0] }.map { origins[$0] })
    batch.source = source
    return batch
  }
}

extension Batch {
  /// The rows of this batch that `kept`, a copy of it with some rows removed and the rest in
  /// order, no longer has (all of them when `kept` is nil). Rows are told apart by their origin.
  func rowsMissing(from kept: Batch?) -> [Int] {
    guard let kept else { return Array(0 ..< rowCount) }
    var missing: [Int] = []
    var next = 0
    for row in 0 ..< rowCount {
      if next < kept.rowCount && kept.origins[next] == origins[row] { next += 1 } else { missing.append(row) }
    }
    return missing
  }
}

/// The source line (1-based) and byte offset where a row began.
public struct RowOrigin: Sendable, Equatable, Codable {
  public var line: Int
  public var byteOffset: Int

  public init(line: Int, byteOffset: Int) {
    self.line = line
    self.byteOffset = byteOffset
  }
}

extension Batch {
  /// One row as a JSON object of its written values, for quarantine records.
  public func rowJSON(_ row: Int) -> String {
    var out = "{"
    for (i, field) in schema.fields.enumerated() {
      if i > 0 { out += ", " }
      out += JSONText.quoted(field.name) + ": " + (columns[i].formatted(row).map(JSONText.quoted) ?? "null")
    }
    return out + "}"
  }
}

/// Minimal JSON string quoting for hand-built records.
enum JSONText {
  static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
