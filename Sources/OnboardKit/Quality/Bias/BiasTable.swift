import Foundation

/// Terminal rendering of bias reports: one row per facet with its sizes and the eight metrics; a
/// metric Clarify gives no value for shows "—", and its reason is a footnote under the table.
///
/// ```
/// bias of credit_risk = good, CDD by purpose
/// d: the sensitive facet, a: every other row; CI > 0: fewer rows in d; DPL > 0: ...
/// facet (d)                n_d  n_a       CI     DPL      KL      JS      LP     TVD      KS     CDD
/// -----------------------  ---  ---  -------  ------  ------  ------  ------  ------  ------  ------
/// foreign_worker in {yes}  963   37  -0.9260  0.1993  0.1126  0.0312  0.2818  0.1993  0.1993  0.0392
/// age_in_years <= 25       190  810   0.6200  0.1494  0.0482  0.0124  0.2114  0.1494  0.1494  0.1308
/// ```
public enum BiasTable {
  /// The tables of `results`, one per label and group (a recipe has one); "" when there are none.
  public static func render(_ results: [BiasResult]) -> String {
    var order: [String] = []
    var sections: [String: [BiasResult]] = [:]
    for r in results {
      let key = title(r)
      if sections[key] == nil { order.append(key) }
      sections[key, default: []].append(r)
    }
    return order.map { render(title: $0, sections[$0]!) }.joined(separator: "\n\n")
  }

  /// Wide enough for `column in {value}` of most code books, narrow enough for a terminal.
  static let facetWidth = 48

  static func title(_ r: BiasResult) -> String {
    "bias of \(r.label.summary)" + (r.group.map { ", CDD by \($0)" } ?? "")
  }

  static func render(title: String, _ results: [BiasResult]) -> String {
    var table = TextTable(headers: ["facet (d)", "n_d", "n_a"] + BiasMetric.allCases.map(\.rawValue))
    table.rightAligned = Set(1 ..< table.headers.count)
    var notes: [String] = []
    for r in results {
      let facet = r.facet.summary
      let shown = facet.clipped(facetWidth)
      table.rows.append(
        [shown, String(r.counts.facetD.rows), String(r.counts.facetA.rows)] + r.metrics.map { $0.value.map(format) ?? "—" })
      // A long list of values is clipped in the table and written in full underneath.
      if shown != facet { notes.append("  \(shown) is \(facet)") }
      notes += footnotes(r, shown)
    }
    var lines = [
      title,
      "d: the sensitive facet, a: every other row; CI > 0: fewer rows in d; DPL > 0: a lower share of positive labels in d",
      table.render(),
    ]
    if !notes.isEmpty { lines.append("notes\n" + notes.joined(separator: "\n")) }
    return lines.joined(separator: "\n")
  }

  /// Why a metric has no value (metrics with the same reason share a line), and rows the counts
  /// treat specially.
  static func footnotes(_ r: BiasResult, _ facet: String) -> [String] {
    var reasons: [String] = []
    var metricsByReason: [String: [String]] = [:]
    for m in r.metrics {
      guard m.value == nil, let reason = m.error else { continue }
      if metricsByReason[reason] == nil { reasons.append(reason) }
      metricsByReason[reason, default: []].append(m.code.rawValue)
    }
    var notes = reasons.map { "  — \(facet): no value for \(metricsByReason[$0]!.joined(separator: ", ")) (\($0))" }
    if r.counts.unreadableFacetRows > 0 {
      notes.append("  \(facet): \(r.counts.unreadableFacetRows) rows are not numbers; they are counted in facet a")
    }
    if r.counts.ungroupedRows > 0, let group = r.group {
      notes.append("  \(facet): \(r.counts.ungroupedRows) rows have no \(group); CDD leaves them out")
    }
    return notes
  }

  static func format(_ x: Double) -> String {
    let text = String(format: "%.4f", x)
    return text == "-0.0000" ? "0.0000" : text
  }
}
