extension CSVSniffer {
  static let delimiterCandidates: [UInt8] = [",", ";", "\t", "|", " "].map { UInt8(ascii: $0) }

  /// Picks the candidate delimiter that splits the sample's complete lines into the most
  /// consistent number of fields (more than one); ties go to the earlier candidate.
  static func detectDialect(_ sample: [UInt8], quote: UInt8?) -> UInt8 {
    let lines = completeLines(sample)
    var best = (delimiter: UInt8(ascii: ","), score: 0)
    for candidate in delimiterCandidates {
      var dialect = CSVDialect()
      dialect.delimiter = candidate
      dialect.quote = quote
      let counts = lines.map { CSVRecord.parseFirst($0[...], dialect: dialect).fields.count }
      guard let first = counts.first, first > 1 else { continue }
      let consistent = counts.filter { $0 == first }.count
      let score = consistent * 1000 + min(first, 999)
      if score > best.score { best = (candidate, score) }
    }
    return best.delimiter
  }

  /// Up to 100 lines of the sample, leaving out a last line that may be cut.
  static func completeLines(_ sample: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var start = sample.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    for i in sample.indices where sample[i] == UInt8(ascii: "\n") {
      if i > start { lines.append(Array(sample[start ..< i])) }
      start = i + 1
      if lines.count == 100 { break }
    }
    if lines.isEmpty && start < sample.count { lines.append(Array(sample[start...])) }
    return lines
  }
}
