import Foundation

/// Collects rejected rows as JSON Lines (one `RejectedRow` per line) in a temporary file.
///
/// `commit` renames it into place when any row was rejected, and removes a quarantine file left by
/// an earlier run when none was, so the folder never shows stale rejects.
public final class QuarantineWriter {
  public let path: String
  private let temporary: String
  private var handle: FileHandle?
  public private(set) var count = 0
  public private(set) var countsByCode: [String: Int] = [:]
  private let encoder: JSONEncoder
  /// Set when the recipe hashes, masks or randomises columns: a rejected row's raw text would
  /// carry those columns in clear, so it is left out. The file, line and byte offset still lead
  /// the producer to the row in the source.
  public let withholdsRawText: Bool

  public convenience init(path: String) { self.init(path: path, withholdingRawText: false) }

  public init(path: String, withholdingRawText: Bool) {
    self.path = path
    withholdsRawText = withholdingRawText
    temporary = AtomicFile.temporaryPath(for: path)
    encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
  }

  deinit {
    try? handle?.close()
    if handle != nil { try? FileManager.default.removeItem(atPath: temporary) }
  }

  public func write(_ rows: [RejectedRow]) throws {
    guard !rows.isEmpty else { return }
    if handle == nil {
      guard FileManager.default.createFile(atPath: temporary, contents: nil), let h = FileHandle(forWritingAtPath: temporary) else {
        throw OutputError.cannotWrite(path: path, reason: "cannot create the quarantine file")
      }
      handle = h
    }
    var data = Data()
    for var row in rows {
      if withholdsRawText {
        row.raw = "(withheld: the recipe protects columns; see line \(row.line) of \(row.file))"
      }
      data.append(try encoder.encode(row))
      data.append(10)
      countsByCode[row.code, default: 0] += 1
    }
    try handle!.write(contentsOf: data)
    count += rows.count
  }

  public func commit() throws {
    if let h = handle {
      try h.synchronize()
      try h.close()
      handle = nil
      try AtomicFile.commit(temporary, to: path)
    } else if FileManager.default.fileExists(atPath: path) {
      try FileManager.default.removeItem(atPath: path)
    }
  }
}
