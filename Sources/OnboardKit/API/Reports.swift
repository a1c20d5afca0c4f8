import Foundation

/// What `onboard infer` reports: the dialect, and the schema inferred over all rows.
public struct InferReport: Sendable, Codable {
  public struct Column: Sendable, Codable {
    public var name: String
    public var type: DataType
    public var nullable: Bool
    public var reason: String
  }

  public struct DialectSetting: Sendable, Codable, Equatable {
    public var value: String
    /// `detected` or `set`.
    public var source: String
  }

  public var file: String
  /// Every dialect setting, in the order the sniffer decides them.
  public var dialect: [String: DialectSetting]
  public var rows: Int
  public var rejectedRows: Int
  public var columns: [Column]

  public init(file: String, settings: [String: DialectSetting], profile: TableProfile, rejectedRows: Int) {
    self.file = file
    dialect = settings
    rows = profile.rows
    self.rejectedRows = rejectedRows
    columns = profile.columns.map { Column(name: $0.name, type: $0.inferredType, nullable: $0.nullable, reason: $0.typeReason) }
  }

  static let settingOrder = [
    "files", "compression", "encoding", "format", "layout", "row_tag", "flatten",
    "line_ending", "skip_rows", "comment", "delimiter", "quote", "escape", "header",
  ]

  public static func settings(_ r: CSVSniffer.Result) -> [String: DialectSetting] {
    func setting<V>(_ s: CSVSniffer.Setting<V>, _ text: String) -> DialectSetting {
      DialectSetting(value: text, source: s.detected ? "detected" : "set")
    }
    return [
      "line_ending": setting(r.lineEnding, r.lineEnding.value.rawValue),
      "skip_rows": setting(r.skipRows, String(r.skipRows.value)),
      "comment": setting(r.comment, r.comment.value.map(name(ofDelimiter:)) ?? "none"),
      "delimiter": setting(r.delimiter, name(ofDelimiter: r.delimiter.value)),
      "quote": setting(r.quote, r.quote.value.map(name(ofDelimiter:)) ?? "none"),
      "escape": setting(r.escape, r.escape.value.map { $0 == UInt8(ascii: "\\") ? "backslash" : name(ofDelimiter: $0) } ?? "double"),
      "header": setting(r.header, r.header.value ? "yes" : "no"),
    ]
  }

  static func name(ofDelimiter byte: UInt8) -> String {
    switch byte {
    case UInt8(ascii: "\t"): "tab"
    case UInt8(ascii: " "): "space"
    default: String(UnicodeScalar(byte))
    }
  }

  public var table: String {
    var table = TextTable(headers: ["column", "type", "nullable", "why"])
    table.rows = columns.map { [$0.name, $0.type.glueName, $0.nullable ? "yes" : "no", $0.reason] }
    return """
      \(file): \(rows) rows, \(columns.count) columns\(rejectedRows > 0 ? ", \(rejectedRows) malformed rows not typed" : "")
      \(InferReport.settingOrder.compactMap { key in dialect[key].map { "\(key) \($0.value) (\($0.source))" } }.joined(separator: ", "))

      \(table.render())
      """
  }
}

/// What `onboard profile` reports.
public struct ProfileReport: Sendable, Codable {
  public var file: String
  public var rows: Int
  public var rejectedRows: Int
  public var columns: [ColumnProfile]
  public var duplicateRows: DuplicateRows.Result?
  public var correlations: [TableProfile.Correlation]?
  /// One report per `--facet`; absent when none is asked for.
  public var bias: [BiasResult]?

  public init(file: String, profile: TableProfile, rejectedRows: Int) {
    self.file = file
    rows = profile.rows
    self.rejectedRows = rejectedRows
    columns = profile.columns
    duplicateRows = profile.duplicateRows
    correlations = profile.correlations
    bias = profile.bias
  }

  public var profile: TableProfile {
    TableProfile(rows: rows, columns: columns, duplicateRows: duplicateRows, correlations: correlations, bias: bias)
  }

  public var table: String {
    ProfileTable.render(title: "\(file): \(rows) rows" + (rejectedRows > 0 ? ", \(rejectedRows) malformed rows quarantined" : ""), profile)
  }
}

extension String {
  func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
