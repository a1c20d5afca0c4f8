import Foundation

/// A starter recipe for a raw file (`onboard init`): the reading settings that were detected,
/// a cast of every column to the type inferred over all rows, the columns with sensitivity
/// suggested from personal data found, and a quality gate of rules suggested from the profile
/// (`RuleSuggestion`), all of which hold on the file it was drawn from.
///
/// The text is YAML with every string double-quoted (so `yes`, `no` or `1.0` stay strings) and a
/// comment on each suggestion saying why; a producer reads it, names things, and commits it.
public enum RecipeDraft {
  public struct Input {
    /// The source path as the recipe will name it (relative to the recipe's folder).
    public var sourcePath: String
    public var opened: Source.Opened
    public var profile: TableProfile

    public init(sourcePath: String, opened: Source.Opened, profile: TableProfile) {
      self.sourcePath = sourcePath
      self.opened = opened
      self.profile = profile
    }
  }

  public static func text(_ input: Input) -> String {
    let name = productName(input.sourcePath)
    var lines = [
      "# A starter recipe written by `onboard init` from \(input.sourcePath) (\(input.profile.rows) rows).",
      "# Check each suggestion, fill in the product's owner and descriptions, and commit it.",
      "product:",
      "  name: \(yaml(name))",
      "  domain: \(yaml("TODO: the owning domain"))",
      "  owner: \(yaml("TODO: the owning team's address"))",
      "  description: \(yaml("TODO: what the data is, where it comes from, its licence"))",
      "",
      "source:",
      "  path: \(yaml(input.sourcePath))",
    ]
    lines += sourceSettings(input.opened)

    let casts = input.profile.columns.filter { $0.inferredType != .string && !$0.inferredType.isNested }
    if !casts.isEmpty {
      lines += ["", "steps:", "  # Each column gets the type inferred over all rows; a value that does not fit is quarantined.", "  - cast:", "      columns:"]
      lines += casts.map { "        \(yaml($0.name)): \(yaml(spelling($0.inferredType)))" }
    }

    lines += ["", "columns:"]
    for c in input.profile.columns {
      lines.append("  \(yaml(c.name)):")
      lines.append("    description: \(yaml("TODO"))")
      if c.inferredType != .string { lines.append("    type: \(yaml(spelling(c.inferredType)))") }
      if let found = c.personalData {
        let share = found.share.map { String(format: "%.0f%%", $0 * 100) } ?? "\(found.matchingValues) values"
        lines.append("    # \(found.kind) found in \(share) of the values\(found.nameHinted ? ", and the name suggests it" : "")")
        lines.append("    sensitive: true")
        lines.append("    classification: \(yaml(found.suggestedClassification))")
      }
    }

    lines += [
      "", "# Rules suggested from the data (docs/quality-rules.md); every one holds on the file they were drawn from.",
      "quality:", "  dqdl: |", "    Rules = [",
    ]
    let suggestions = RuleSuggestion.all(for: input.profile)
    for (i, s) in suggestions.enumerated() {
      lines.append("      # \(s.reason)")
      lines.append("      \(s.rule)" + (i + 1 < suggestions.count ? "," : ""))
    }
    lines += ["    ]", "", "target:", "  path: \(yaml("out/\(name)"))", "  format: csv", ""]
    return lines.joined(separator: "\n")
  }

  /// The reading settings that matter to read the file again the same way.
  static func sourceSettings(_ opened: Source.Opened) -> [String] {
    var out: [String] = []
    let s = opened.settings
    func value(_ key: String) -> String? { s[key]?.value }
    switch opened.format {
    case .csv:
      out.append("  format: csv")
      if let d = value("delimiter") { out.append("  delimiter: \(yaml(d))") }
      if let h = value("header") { out.append("  header: \(h == "yes")") }
      if let q = value("quote"), q != "\"" { out.append("  quote: \(yaml(q))") }
      if value("escape") == "backslash" { out.append("  escape: \(yaml("backslash"))") }
      if let c = value("comment"), c != "none" { out.append("  comment: \(yaml(c))") }
      if let k = value("skip_rows"), k != "0" { out.append("  skip_rows: \(k)") }
    case .json:
      out.append("  format: \(value("layout") == "lines" ? "jsonl" : "json")")
    case .xml:
      out.append("  format: xml")
      if let tag = value("row_tag") { out.append("  row_tag: \(yaml(tag))") }
    }
    if let e = value("encoding"), e != "utf-8" { out.append("  encoding: \(yaml(e))") }
    let formats = opened.reader.schema.fields.compactMap { f in f.format.map { (f.name, $0.pattern) } }
    if !formats.isEmpty {
      out.append("  value_formats:")
      out += formats.map { "    \(yaml($0.0)): \(yaml($0.1))" }
    }
    return out
  }

  /// The type as a recipe writes it.
  static func spelling(_ type: DataType) -> String {
    switch type {
    case .integer: "integer"
    case .bigint: "bigint"
    case .decimal(let p, let s): "decimal(\(p),\(s))"
    default: type.glueName
    }
  }

  /// The product's name: the file's name without its extensions, in kebab case.
  static func productName(_ path: String) -> String {
    var base = (path as NSString).lastPathComponent
    while case let ext = (base as NSString).pathExtension, !ext.isEmpty { base = (base as NSString).deletingPathExtension }
    let words = base.lowercased().split { !$0.isLetter && !$0.isNumber }
    return words.isEmpty ? "product" : words.joined(separator: "-")
  }

  /// A YAML double-quoted scalar: a JSON string is one (YAML 1.2 reads JSON's escapes).
  static func yaml(_ text: String) -> String { JSONText.quoted(text) }
}
