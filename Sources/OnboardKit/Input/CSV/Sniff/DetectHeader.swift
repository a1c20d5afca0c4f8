extension CSVSniffer {
  /// The first record is a header when all its fields are non-empty text (no numbers, dates,
  /// booleans or nulls): a body row of pure text is rare enough that this is the better bet.
  static func detectHeader(_ sample: [UInt8], dialect: CSVDialect) -> Bool {
    guard let first = completeLines(sample).first else { return true }
    let fields = CSVRecord.parseFirst(first[...], dialect: dialect).fields
    return fields.allSatisfy { ValueParser.parse($0) == .text }
  }
}
