/// A plain-text table with aligned columns, for terminal output.
struct TextTable {
  var headers: [String]
  var rows: [[String]] = []
  /// Columns aligned right (numbers).
  var rightAligned: Set<Int> = []

  func render() -> String {
    let widths = headers.indices.map { c in
      ([headers[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { c, cell in
        let pad = String(repeating: " ", count: widths[c] - cell.count)
        return rightAligned.contains(c) ? pad + cell : cell + pad
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }

  /// Shortens to `limit` characters with an ellipsis, for table cells.
  func clipped(_ limit: Int) -> String {
    count <= limit ? self : String(prefix(limit - 1)) + "…"
  }
}
