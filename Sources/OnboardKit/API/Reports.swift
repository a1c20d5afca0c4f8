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


  public init(file: String, profile: TableProfile, rejectedRows: Int) {
    self.file = file
    rows = profile.rows
    self.rejectedRows = rejectedRows
    columns = profile.columns
  }

  public var table: String { ProfileTable.render(title: "\(file): \(rows) rows" + (rejectedRows > 0 ? ", \(rejectedRows) malformed rows quarantined" : ""), columns) }
}

/// Terminal rendering of column profiles: one table for numbers, one for everything else, then
/// the top values of each non-sensitive column with bars.
public enum ProfileTable {
  static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
  static func number(_ x: Double?) -> String {
    guard let x else { return "" }
    return abs(x) >= 1e6 || x == x.rounded() ? ValueFormatter.formatDouble((x * 1000).rounded() / 1000) : String(format: "%.4g", x)
  }
  static func distinct(_ c: ColumnProfile) -> String { (c.distinctStandardError == nil ? "" : "≈") + String(c.distinct) }

  public static func render(title: String, _ columns: [ColumnProfile]) -> String {
    var sections = [title]
    let numeric = columns.filter { $0.inferredType.isNumeric }
    let other = columns.filter { !$0.inferredType.isNumeric }
    if !numeric.isEmpty {
      var t = TextTable(headers: ["numeric column", "type", "complete", "nulls", "distinct", "min", "max", "mean", "stddev"])
      t.rightAligned = [2, 3, 4, 5, 6, 7, 8]
      t.rows = numeric.map { c in
        [c.name.clipped(40), c.inferredType.glueName, percent(c.completeness), String(c.nulls), distinct(c),
         c.minimum?.description ?? (c.sensitive ? "(sensitive)" : ""), c.maximum?.description ?? "",
         number(c.mean), number(c.standardDeviation)]
      }
      sections.append(t.render())
    }
    if !other.isEmpty {
      var t = TextTable(headers: ["column", "type", "complete", "nulls", "distinct", "min", "max"])
      t.rightAligned = [2, 3, 4]
      t.rows = other.map { c in
        [c.name.clipped(40), c.inferredType.glueName, percent(c.completeness), String(c.nulls), distinct(c),
         (c.minimum?.description ?? (c.sensitive ? "(sensitive)" : "")).clipped(24), (c.maximum?.description ?? "").clipped(24)]
      }
      sections.append(t.render())
    }
    var tops: [String] = []
    for c in columns {
      guard let top = c.topValues, !top.isEmpty else { continue }
      let shown = top.prefix(5)
      let nonNull = max(c.rows - c.nulls, 1)
      let lines = shown.map { e -> String in
        let share = Double(e.count) / Double(nonNull)
        let bar = String(repeating: "█", count: max(1, Int((share * 20).rounded())))
        return "  \(bar.padding(toLength: 20, withPad: " ", startingAt: 0)) \(String(e.count).leftPadded(9)) \(percent(share).leftPadded(6))  \(e.value.clipped(60))"
      }
      let note = c.topValuesMaximumError.map { " (counts may be low by up to \($0))" } ?? ""
      tops.append("\(c.name)\(note)\n" + lines.joined(separator: "\n"))
    }
    if !tops.isEmpty { sections.append("top values\n" + tops.joined(separator: "\n")) }
    return sections.joined(separator: "\n\n")
  }
}

extension String {
  func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
