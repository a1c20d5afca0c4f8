extension Plan {
  /// Source columns whose every value reaches a target column as it was read (renamed or moved at
  /// most, in the same value format), as (source index, target index). A run types such a column
  /// once: the target's profile already tallies its values, and only the rows the steps removed
  /// are left to tally for the source schema.
  var unchangedColumns: [(source: Int, target: Int)] {
    var pairs: [(source: Int, target: Int)] = []
    for (t, trace) in traces().columns.enumerated() {
      guard trace.sources.count == 1, let (s, ways) = trace.sources.first, Array(ways.keys) == [.identity],
        !pairs.contains(where: { $0.source == s }),
        schemas[0][s].type == .string, target[t].type == .string, schemas[0][s].format == target[t].format
      else { continue }
      pairs.append((s, t))
    }
    return pairs
  }
}
