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
      "  data        \(shown(result.dataFile))",
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
    return lines.joined(separator: "\n")
  }
}
