extension CSVSniffer {
  /// Whether the first record names the columns.
  ///
  /// When some column's body values share a type (numbers, dates, booleans) and the first record's
  /// value there does not have it, the first record is a header. When the first record fits the
  /// body's types everywhere, it is data. When every column is text, the first record is taken as
  /// a header if its values are all non-empty and distinct and none of them recurs in its own
  /// column below (a column's name is not one of its values: `Europe` over `Europe`): tables of
  /// pure text with no header are the rarer case, and the choice is shown (and can be overridden
  /// with `header`).
  static func detectHeader(_ records: [[String]]) -> Bool {
    guard let first = records.first else { return true }
    let body = records.dropFirst().filter { $0.count == first.count }
    guard !body.isEmpty else { return first.allSatisfy { ValueParser.parse($0) == .text } }
    var typedColumns = 0
    for column in first.indices {
      let kinds = Set(body.map { kind(ValueParser.parse($0[column])) }).subtracting([.null])
      guard kinds.count == 1, let bodyKind = kinds.first, bodyKind != .text else { continue }
      typedColumns += 1
      let firstKind = kind(ValueParser.parse(first[column]))
      if firstKind != bodyKind && firstKind != .null { return true }
    }
    if typedColumns > 0 { return false }
    let recurs = first.indices.contains { column in body.contains { $0[column] == first[column] } }
    return first.allSatisfy { !$0.isEmpty } && Set(first).count == first.count && !recurs
  }

  enum Kind { case null, boolean, number, temporal, text }

  static func kind(_ value: ParsedValue) -> Kind {
    switch value {
    case .null: .null
    case .boolean: .boolean
    case .integer, .decimal, .double: .number
    case .date, .timestamp: .temporal
    case .text: .text
    }
  }
}
