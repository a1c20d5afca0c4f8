extension CSVSniffer {
  static let delimiterCandidates: [UInt8] = [",", ";", "\t", "|", " ", ":", "^", "~"].map { UInt8(ascii: $0) }
  static let quoteCandidates: [UInt8?] = [UInt8(ascii: "\""), UInt8(ascii: "'"), nil]
  static let escapeCandidates: [UInt8?] = [nil, UInt8(ascii: "\\")]
  static let commentCandidates: [UInt8?] = [nil, UInt8(ascii: "#")]

  struct Table {
    var dialect: CSVDialect
    /// The records of the table in the sample, header candidate first.
    var records: [[String]]
  }

  /// Tries every combination of delimiter, quote, escape and comment marker (those the user did not
  /// set) and keeps the one under which the most records share one field count greater than one.
  /// Lines before the first record of that shape are preamble (`skipRows`). Ties go to the earlier
  /// candidate, so plain RFC 4180 with a comma wins when nothing tells the candidates apart, except
  /// that a comment marker starting some line beats no marker. An Excel `sep=X` first line sets the
  /// delimiter and is skipped.
  static func detectDialect(_ sample: ArraySlice<UInt8>, wholeFile: Bool, overrides: Overrides) -> Table {
    // Excel writes `sep=;` as the first line to name the delimiter: take it, and skip that line.
    if let hinted = excelSeparatorHint(sample), overrides.delimiter == nil || overrides.skipRows == nil {
      var hintedOverrides = overrides
      hintedOverrides.delimiter = overrides.delimiter ?? hinted
      hintedOverrides.skipRows = overrides.skipRows ?? 1
      return detectDialect(sample, wholeFile: wholeFile, overrides: hintedOverrides)
    }
    let delimiters = overrides.delimiter.map { [$0] } ?? delimiterCandidates
    let quotes = overrides.quote.map { [$0] } ?? quoteCandidates
    let escapes = overrides.escape.map { [$0] } ?? escapeCandidates
    let comments = overrides.comment.map { [$0] } ?? commentCandidates
    var best: (table: Table, score: Int)? = nil
    for delimiter in delimiters {
      for quote in quotes {
        for escape in escapes where !(quote == nil && escape != nil) {
          for comment in comments where comment != delimiter && comment != quote {
            var dialect = CSVDialect()
            dialect.delimiter = delimiter
            dialect.quote = quote
            dialect.escape = escape
            dialect.comment = comment
            let candidate = table(sample, dialect: dialect, wholeFile: wholeFile, skipRows: overrides.skipRows)
            // Rows of the table's width count for a candidate; rows of another width, and rows with a
            // field that still starts or ends with a quote character (quoting read wrong), count
            // against it. Wider tables break ties.
            let width = candidate.records.first?.count ?? 0
            let consistent = candidate.records.filter { $0.count == width }.count
            let inconsistent = candidate.records.count - consistent
            // Text after a closing quote is misquoting too: it is what `"say \"hi\""` looks like
            // when read without its backslash escape.
            let misquoted = candidate.records.filter { $0.contains { looksQuoted($0, by: quote) } }.count
              + strayQuotes(sample, dialect: candidate.dialect)
            let score = width > 1 ? (consistent - inconsistent - misquoted) * 1024 + min(width, 1023) : Int.min / 2
            // A comment marker that starts some line wins a tie: a comment line that happens to hold
            // the delimiter (`# columns: id, score`) must not count for the table.
            let explainsLines =
              comment != nil && best.map { $0.table.dialect.comment == nil && sameExceptComment($0.table.dialect, dialect) } == true
              && startsSomeLine(sample, comment!)
            if best == nil || score > best!.score || (score == best!.score && explainsLines) { best = (candidate, score) }
          }
        }
      }
    }
    if let best { return best.table }
    var dialect = CSVDialect()
    dialect.skipRows = overrides.skipRows ?? 0
    return Table(dialect: dialect, records: CSVRecord.records(sample, dialect: dialect, wholeFile: wholeFile))
  }

  /// The delimiter named by Excel's `sep=X` first line, if the sample starts with one.
  static func excelSeparatorHint(_ sample: ArraySlice<UInt8>) -> UInt8? {
    let line = sample.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
    guard line.count == 5, line.starts(with: Array("sep=".utf8)), line.count < sample.count else { return nil }
    let delimiter = line[line.startIndex + 4]
    return delimiter == UInt8(ascii: "\"") ? nil : delimiter
  }

  static func sameExceptComment(_ a: CSVDialect, _ b: CSVDialect) -> Bool {
    a.delimiter == b.delimiter && a.quote == b.quote && a.escape == b.escape
  }

  /// Whether some line of the sample starts with `byte`.
  static func startsSomeLine(_ sample: ArraySlice<UInt8>, _ byte: UInt8) -> Bool {
    var atLineStart = true
    for b in sample {
      if atLineStart && b == byte { return true }
      atLineStart = b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
    }
    return false
  }

  /// How many quoted fields of the first `limit` lines go on after their closing quote (`"a"b,`).
  /// A quote closes only before a delimiter or a line end, so these mark a wrong quote or escape.
  static func strayQuotes(_ sample: ArraySlice<UInt8>, dialect: CSVDialect, limit: Int = 200) -> Int {
    guard let quote = dialect.quote else { return 0 }
    let escape = dialect.escape == quote ? nil : dialect.escape
    let newline = UInt8(ascii: "\n")
    let cr = UInt8(ascii: "\r")
    var stray = 0
    var lines = 0
    var inQuotes = false
    var afterClose = false
    var fieldStart = true
    var i = sample.startIndex
    while i < sample.endIndex && lines < limit {
      let b = sample[i]
      if inQuotes {
        if let escape, b == escape {
          i += 2
          continue
        }
        if b == quote {
          if i + 1 < sample.endIndex && sample[i + 1] == quote {
            i += 2
            continue
          }
          inQuotes = false
          afterClose = true
        }
      } else if b == newline || b == cr {
        if b == newline { lines += 1 }
        fieldStart = true
        afterClose = false
      } else if fieldStart, let comment = dialect.comment, b == comment,
        i == sample.startIndex || sample[i - 1] == newline || sample[i - 1] == cr
      {
        while i < sample.endIndex && sample[i] != newline && sample[i] != cr { i += 1 }
        continue
      } else if b == dialect.delimiter {
        fieldStart = true
        afterClose = false
      } else if afterClose {
        stray += 1
        afterClose = false
        fieldStart = false
      } else if b == quote && fieldStart {
        inQuotes = true
        fieldStart = false
      } else {
        fieldStart = false
      }
      i += 1
    }
    return stray
  }

  /// A field that still starts or ends with a quote character was not unquoted by the dialect.
  static func looksQuoted(_ field: String, by quote: UInt8?) -> Bool {
    // Only quote characters the dialect does not read count: an unescaped value may well start or
    // end with the dialect's own quote (`"""Jr"""` is `"Jr"`), but a `'` or `"` the dialect left in
    // place at a field's edge says the quoting is read wrong.
    guard let first = field.utf8.first, let last = field.utf8.last else { return false }
    let quotes: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "'")].filter { $0 != quote }
    return quotes.contains(first) || quotes.contains(last)
  }

  /// The records under one dialect, with the preamble found: the table starts at the first record
  /// whose field count is the most common one and stays so for most of what follows.
  static func table(_ sample: ArraySlice<UInt8>, dialect: CSVDialect, wholeFile: Bool, skipRows: Int?) -> Table {
    var lines = sample
    var dialect = dialect
    if let skipRows {
      lines = dropLines(lines, skipRows)
      dialect.skipRows = skipRows
      return Table(dialect: dialect, records: CSVRecord.records(lines, dialect: dialect, wholeFile: wholeFile))
    }
    let records = CSVRecord.records(lines, dialect: dialect, wholeFile: wholeFile)
    var histogram: [Int: Int] = [:]
    for r in records { histogram[r.count, default: 0] += 1 }
    guard let mode = histogram.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key,
      let start = records.firstIndex(where: { $0.count == mode }), start > 0
    else { return Table(dialect: dialect, records: records) }
    // Count the physical lines of the preamble records, blank and comment lines included.
    var skipped = 0
    var rest = lines
    var seen = 0
    while !rest.isEmpty {
      let b = rest.first!
      let isSkippable = b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") || (dialect.comment != nil && b == dialect.comment)
      if !isSkippable {
        if seen == start { break }
        seen += 1
      }
      rest = dropLines(rest, 1)
      skipped += 1
    }
    dialect.skipRows = skipped
    return Table(dialect: dialect, records: Array(records[start...]))
  }

  static func dropLines(_ bytes: ArraySlice<UInt8>, _ count: Int) -> ArraySlice<UInt8> {
    var rest = bytes
    for _ in 0 ..< count {
      guard let newline = rest.firstIndex(of: UInt8(ascii: "\n")) else { return rest[rest.endIndex...] }
      rest = rest[(newline + 1)...]
    }
    return rest
  }
}
