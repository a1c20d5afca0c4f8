import Foundation

/// Terminal rendering of a table profile: a table per column kind (numbers, dates, text), the
/// quantiles and a histogram bar of each numeric column, top values with bars, value shapes,
/// the strongest correlations, duplicate rows and personal data found. Sensitive columns show
/// "(sensitive)" where a value would be: the profile already left their values out.
public enum ProfileTable {
  static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
  static func number(_ x: Double?) -> String {
    guard let x else { return "" }
    return abs(x) >= 1e6 || x == x.rounded() ? ValueFormatter.formatDouble((x * 1000).rounded() / 1000) : String(format: "%.4g", x)
  }
  static func distinct(_ c: ColumnProfile) -> String { (c.distinctStandardError == nil ? "" : "≈") + String(c.distinct) }
  static func value(_ c: ColumnProfile, _ v: ProfileScalar?) -> String { v?.description ?? (c.sensitive ? "(sensitive)" : "") }

  /// Eight levels of a block, for one-line histograms.
  static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// A one-line histogram: one block per bin, scaled to the fullest bin; a space for an empty bin.
  static func sparkline(_ h: Histogram) -> String {
    let most = h.bins.map(\.count).max() ?? 0
    guard most > 0 else { return "" }
    return String(h.bins.map { bin in
      bin.count == 0 ? " " : levels[min(levels.count - 1, (bin.count * levels.count - 1) / most)]
    })
  }

  /// A horizontal bar of `share` (0...1) in `width` cells.
  static func bar(_ share: Double, width: Int = 20) -> String {
    let cells = max(1, Int((share * Double(width)).rounded()))
    return String(repeating: "█", count: cells).padding(toLength: width, withPad: " ", startingAt: 0)
  }

  public static func render(title: String, _ profile: TableProfile) -> String {
    let columns = profile.columns
    var header = title + ", \(columns.count) columns"
    if let d = profile.duplicateRows {
      header += ", \(d.isExact ? "" : "≈")\(d.duplicateRows) duplicate rows"
      if !d.isExact { header += " (±\(Int(d.standardError.rounded())), sampled 1 in \(Int((1 / d.sampleRate).rounded())))" }
    }
    var sections = [header]
    let numeric = columns.filter { $0.inferredType.isNumeric }
    let temporal = columns.filter { $0.inferredType.isTemporal }
    let other = columns.filter { !$0.inferredType.isNumeric && !$0.inferredType.isTemporal }
    if !numeric.isEmpty {
      var t = TextTable(headers: [
        "numeric column", "type", "complete", "distinct", "min", "median", "max", "mean", "stddev", "skew", "zeros", "neg", "outliers",
        "distribution",
      ])
      t.rightAligned = Set(2 ... 12)
      t.rows = numeric.map { c in
        let outliers = c.outliers.map { ($0.maximumError > 0 ? "≈" : "") + String($0.outliers) } ?? ""
        return [
          c.name.clipped(40), c.inferredType.glueName, percent(c.completeness), distinct(c), value(c, c.minimum),
          c.quantiles.map { number($0.p50) } ?? "", value(c, c.maximum).clipped(14), number(c.mean), number(c.standardDeviation),
          c.skewness.map { String(format: "%.2f", $0) } ?? "", c.zeros.map(String.init) ?? "", c.negatives.map(String.init) ?? "",
          outliers, c.histogram.map(sparkline) ?? "",
        ]
      }
      sections.append(t.render())
      let quantiled = numeric.filter { $0.quantiles != nil }
      if !quantiled.isEmpty {
        var q = TextTable(headers: ["quantiles", "p1", "p5", "p25", "p50", "p75", "p95", "p99", "rank error"])
        q.rightAligned = Set(1 ... 8)
        q.rows = quantiled.map { c in
          let qs = c.quantiles!
          return [c.name.clipped(40)] + qs.values.map { number($0.value) } + [qs.maximumRankError.map { "±\($0)" } ?? "exact"]
        }
        sections.append(q.render())
      }
    }
    if !temporal.isEmpty {
      var t = TextTable(headers: ["date column", "type", "complete", "distinct", "min", "max"])
      t.rightAligned = [2, 3]
      t.rows = temporal.map { c in
        [c.name.clipped(40), c.inferredType.glueName, percent(c.completeness), distinct(c), value(c, c.minimum), value(c, c.maximum)]
      }
      sections.append(t.render())
    }
    if !other.isEmpty {
      var t = TextTable(headers: ["text column", "type", "complete", "empty", "distinct", "entropy", "length", "min", "max", "main shape"])
      t.rightAligned = [2, 3, 4, 5, 6]
      t.rows = other.map { c in
        // A sensitive column shows only its mean length.
        let length = c.lengths.flatMap { l in
          l.minimum.map { "\($0)–\(l.maximum!)" } ?? l.mean.map { String(format: "mean %.1f", $0) }
        } ?? ""
        let entropy = c.entropy.map { ($0.isExact ? "" : "≈") + String(format: "%.2f", $0.bits) } ?? ""
        return [
          c.name.clipped(40), c.inferredType.glueName, percent(c.completeness), String(c.emptyStrings), distinct(c), entropy, length,
          value(c, c.minimum).clipped(24), value(c, c.maximum).clipped(24), (c.shapes?.first?.value ?? "").clipped(24),
        ]
      }
      sections.append(t.render())
    }
    var tops: [String] = []
    for c in columns {
      guard let top = c.topValues, !top.isEmpty else { continue }
      let nonNull = max(c.rows - c.nulls, 1)
      let lines = top.prefix(5).map { e -> String in
        let share = Double(e.count) / Double(nonNull)
        return "  \(bar(share)) \(String(e.count).leftPadded(9)) \(percent(share).leftPadded(6))  \(e.value.clipped(60))"
      }
      let note = c.topValuesMaximumError.map { " (counts may be low by up to \($0))" } ?? ""
      tops.append("\(c.name)\(note)\n" + lines.joined(separator: "\n"))
    }
    if !tops.isEmpty { sections.append("top values\n" + tops.joined(separator: "\n")) }
    let histograms = numeric.compactMap { c in c.histogram.map { (c, $0) } }.filter { $0.1.bins.count > 1 }
    if !histograms.isEmpty {
      sections.append("histograms (10 equal-width bins)\n" + histograms.map { c, h in
        let most = max(h.bins.map(\.count).max() ?? 1, 1)
        let lines = h.bins.map { bin in
          "  \(number(bin.lower).leftPadded(12)) – \(number(bin.upper).leftPadded(12))  \(bar(Double(bin.count) / Double(most))) \(String(bin.count).leftPadded(9))"
        }
        let note = h.maximumCountError > 0 ? " (counts within ±\(h.maximumCountError))" : ""
        return "\(c.name)\(note)\n" + lines.joined(separator: "\n")
      }.joined(separator: "\n"))
    }
    if let pairs = profile.correlations, !pairs.isEmpty {
      var t = TextTable(headers: ["correlation (Pearson)", "r", "", "rows"])
      t.rightAligned = [1, 3]
      t.rows = pairs.sorted { abs($0.pearson) > abs($1.pearson) }.prefix(10).map { p in
        ["\(p.columns[0]) ~ \(p.columns[1])".clipped(70), String(format: "%+.3f", p.pearson), bar(abs(p.pearson), width: 10), String(p.rows)]
      }
      sections.append(t.render())
    }
    let found = columns.compactMap { c in c.personalData.map { (c, $0) } }
    if !found.isEmpty {
      var t = TextTable(headers: ["personal data", "kind", "matching", "share", "name hint", "suggested"])
      t.rightAligned = [2, 3]
      t.rows = found.map { c, f in
        [c.name.clipped(40), f.kind, String(f.matchingValues), f.share.map(percent) ?? "", f.nameHinted ? "yes" : "no",
         "sensitive, \(f.suggestedClassification)" + (f.decidedBy == "recipe" ? " (recipe decides)" : "")]
      }
      sections.append(t.render())
    }
    if let bias = profile.bias, !bias.isEmpty { sections.append(BiasTable.render(bias)) }
    return sections.joined(separator: "\n\n")
  }
}
