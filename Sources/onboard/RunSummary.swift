import Foundation
import OnboardKit

/// The terminal summary of a run.
enum RunSummary {
  /// A path relative to the working folder when it lies inside it, as a user would type it.
  static func shown(_ path: String) -> String {
    let here = FileManager.default.currentDirectoryPath + "/"
    return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
  }

  static func render(_ result: Pipeline.Result) -> String {
    let m = result.manifest
    let a = m.accounting
    var lines = [
      "\(m.product.name): \(a.rowsRead) rows read, \(a.rowsWritten) written, "
        + (a.rowsFiltered > 0 ? "\(a.rowsFiltered) filtered by steps, " : "") + "\(a.rowsQuarantined) quarantined"
        + (a.balanced ? "" : "  (accounting does not balance!)"),
      "  \(m.steps.count) steps, \(m.target.schema.count) columns (\(m.target.schema.filter(\.sensitive).count) sensitive)",
      result.published
        ? "  data        \(shown(result.dataFile))"
        : "  data        NOT WRITTEN: a blocking quality rule failed (\(shown(result.dataFile)) is left as it was)",
      "  manifest    \(shown(result.manifestFile))",
    ]
    if let q = result.quarantineFile, let info = m.quarantine {
      lines.append("  quarantine  \(shown(q))")
      for (code, count) in info.byReason.sorted(by: { $0.value > $1.value }) { lines.append("    \(count) \(code)") }
    }
    let incomplete = m.profile.columns.filter { $0.completeness < 1 }
    if !incomplete.isEmpty {
      lines.append("  incomplete columns: " + incomplete.map { "\($0.name) \(String(format: "%.1f%%", $0.completeness * 100))" }.joined(separator: ", "))
    }
    let incorrect = m.profile.columns.filter { ($0.correctness ?? 1) < 1 }
    if !incorrect.isEmpty {
      lines.append("  values outside their declared domain:")
      for c in incorrect {
        let reasons = (c.invalid?.reasons ?? []).map { r in
          "\(r.count) \(r.message) (first rows \(r.firstRows.map(String.init).joined(separator: ", ")))"
        }
        lines.append("    \(c.name) \(String(format: "%.2f%%", c.correctness! * 100)) correct: " + reasons.joined(separator: "; "))
      }
    }
    if let d = m.profile.duplicateRows, d.duplicateRows > 0 {
      lines.append("  duplicate rows: \(d.isExact ? "" : "≈")\(d.duplicateRows)")
    }
    let detected = m.target.schema.filter { $0.classifiedBy == "detected" }
    if !detected.isEmpty {
      lines.append("  personal data found in undeclared columns (treated as sensitive; declare them in `columns`): "
        + detected.map { "\($0.name) (\($0.classification ?? ""))" }.joined(separator: ", "))
    }
    if let report = result.quality {
      lines.append("  quality     " + result.qualityFiles.map(shown).joined(separator: ", "))
      lines.append("")
      lines.append(QualitySummary.render(report))
    }
    if let bias = m.profile.bias, !bias.isEmpty {
      // Aggregates only (row counts and metrics), so fine to show for sensitive facets.
      lines.append("")
      lines.append(BiasTable.render(bias))
    }
    return lines.joined(separator: "\n")
  }
}
