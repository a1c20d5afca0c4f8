/// The hot loop of CSV reading: turns bytes into the text columns of a batch.
///
/// It works on a borrowed buffer and local state only, so the loop has no reference counting or
/// exclusivity checks. A record is committed when its line ends; a record cut off by the end of
/// the buffer is taken back and re-scanned after the caller refills. Malformed records (wrong
/// field count, text after a closing quote, a quote never closed) become `RejectedRow`s.
struct CSVScanner {
  let delimiter: UInt8
  let quote: UInt8?
  /// A distinct escape byte (backslash style); `nil` when quotes are doubled.
  let escape: UInt8?
  let comment: UInt8?
  let columnCount: Int
  let sourceName: String
  /// `special[b]` is true for bytes that end an unquoted field: delimiter, CR, LF.
  private let special: [Bool]

  init(dialect: CSVDialect, columnCount: Int, sourceName: String) {
    delimiter = dialect.delimiter
    quote = dialect.quote
    escape = dialect.escape == dialect.quote ? nil : dialect.escape
    comment = dialect.comment
    self.columnCount = columnCount
    self.sourceName = sourceName
    var table = [Bool](repeating: false, count: 256)
    table[Int(dialect.delimiter)] = true
    table[Int(UInt8(ascii: "\n"))] = true
    table[Int(UInt8(ascii: "\r"))] = true
    special = table
  }

  enum Stop { case batchFull, needMoreData, endOfInput }

  struct Output {
    /// One builder per column, owned by the reader.
    var columns: UnsafeMutableBufferPointer<TextColumnBuilder>
    var origins: [RowOrigin] = []
    var rejects: [RejectedRow] = []
    /// Rows already moved out of the builders: builder row `r` is batch row `rowBase + r`.
    var rowBase = 0
  }

  /// Scans records from `bytes[position...]` until `maxRows` rows are committed or the bytes end.
  /// `fileOffset` is the file position of `bytes[0]`; `line` the line number at `position`.
  func scan(
    _ bytes: UnsafeBufferPointer<UInt8>, position: inout Int, line: inout Int, fileOffset: Int,
    atEOF: Bool, maxRows: Int, into out: inout Output
  ) -> Stop {
    let n = bytes.count
    let lf = UInt8(ascii: "\n")
    let cr = UInt8(ascii: "\r")
    let delimiter = self.delimiter
    let quoteByte = quote ?? 0
    let quoting = quote != nil
    let escapeByte = escape ?? quoteByte
    let escaping = escape != nil
    let commentByte = comment ?? 0
    let commenting = comment != nil
    // The bytes that end an unquoted field, and those that stop the search inside a quoted one
    // (a newline only to be counted).
    let fieldEnd = ByteFinder(delimiter, lf, cr)
    let quotedStop = ByteFinder(quoteByte, escapeByte, lf)
    return special.withUnsafeBufferPointer { special in
      var pos = position
      while out.origins.count < maxRows {
        if pos >= n { position = pos; return atEOF ? .endOfInput : .needMoreData }
        let rowStart = pos
        let rowCount = out.origins.count
        // A blank line is not a record.
        if bytes[pos] == lf || bytes[pos] == cr {
          if bytes[pos] == cr {
            if pos + 1 >= n && !atEOF { position = pos; return .needMoreData }
            if pos + 1 < n && bytes[pos + 1] == lf { pos += 1 }
          }
          pos += 1
          line += 1
          continue
        }
        // A comment line is skipped whole; it is not a record.
        if commenting && bytes[pos] == commentByte {
          var end = pos
          while end < n && bytes[end] != lf { end += 1 }
          if end >= n && !atEOF { position = pos; return .needMoreData }
          pos = min(end + 1, n)
          line += 1
          continue
        }
        var field = 0
        var newlinesInside = 0
        // Every byte of the record passes through the field search, which or-s it in here.
        var seen: UInt64 = 0
        var problem: (code: String, reason: String)? = nil
        var incomplete = false
        var unterminated = false
        fields: while true {
          let target = field < columnCount ? field : -1
          if quoting && pos < n && bytes[pos] == quoteByte {
            pos += 1
            var pieceStart = pos
            var closed = false
            while true {
              pos = quotedStop.first(in: bytes, from: pos, to: n, seen: &seen)
              if pos >= n { break }
              if bytes[pos] == lf {
                newlinesInside += 1
                pos += 1
                continue
              }
              if escaping && bytes[pos] == escapeByte {
                // Backslash style: the escape is dropped and the next byte kept as it is.
                if pos + 1 >= n { break }
                if target >= 0 {
                  out.columns[target].appendPiece(UnsafeBufferPointer(rebasing: bytes[pieceStart ..< pos]))
                  out.columns[target].appendPiece(UnsafeBufferPointer(rebasing: bytes[pos + 1 ..< pos + 2]))
                }
                if bytes[pos + 1] == lf { newlinesInside += 1 }
                seen |= UInt64(bytes[pos + 1])
                pos += 2
                pieceStart = pos
                continue
              }
              if pos + 1 >= n && !atEOF { break }
              if pos + 1 < n && bytes[pos + 1] == quoteByte {
                if target >= 0 { out.columns[target].appendPiece(UnsafeBufferPointer(rebasing: bytes[pieceStart ..< pos + 1])) }
                pos += 2
                pieceStart = pos
                continue
              }
              if target >= 0 { out.columns[target].appendPiece(UnsafeBufferPointer(rebasing: bytes[pieceStart ..< pos])) }
              pos += 1
              closed = true
              break
            }
            if !closed {
              if atEOF { unterminated = true } else { incomplete = true }
              break fields
            }
            if pos < n && !special[Int(bytes[pos])] {
              if problem == nil {
                problem = ("text-after-quote", "unexpected text after the closing quote of field \(field + 1); double a quote inside a quoted field (\"\")")
              }
              while pos < n && !special[Int(bytes[pos])] { pos += 1 }
            }
            if pos >= n && !atEOF { incomplete = true; break fields }
            if target >= 0 { out.columns[target].close(valid: true) }
          } else {
            let start = pos
            pos = fieldEnd.first(in: bytes, from: pos, to: n, seen: &seen)
            if pos >= n && !atEOF { incomplete = true; break fields }
            if target >= 0 {
              if pos == start {
                out.columns[target].close(valid: false)
              } else {
                out.columns[target].append(UnsafeBufferPointer(rebasing: bytes[start ..< pos]))
              }
            }
          }
          field += 1
          if pos < n && bytes[pos] == delimiter {
            pos += 1
            if pos >= n && !atEOF { incomplete = true; break fields }
            continue fields
          }
          break fields
        }
        if incomplete {
          rollBack(&out, to: rowCount, fields: field)
          position = rowStart
          return .needMoreData
        }
        if unterminated {
          // Keep the rest of the file readable: quarantine only the record's first line.
          rollBack(&out, to: rowCount, fields: field)
          var lineEnd = rowStart
          while lineEnd < n && bytes[lineEnd] != lf { lineEnd += 1 }
          out.rejects.append(reject(
            bytes, from: rowStart, to: lineEnd, line: line, fileOffset: fileOffset,
            code: "unterminated-quote",
            reason: "a quoted field opens on this line and is never closed; the rest of the file was read on from the next line"))
          pos = min(lineEnd + 1, n)
          line += 1
          continue
        }
        let rowEnd = pos
        if pos < n {
          if bytes[pos] == cr {
            if pos + 1 >= n && !atEOF {
              rollBack(&out, to: rowCount, fields: field)
              position = rowStart
              return .needMoreData
            }
            pos += 1
            if pos < n && bytes[pos] == lf { pos += 1 }
          } else {
            pos += 1
          }
        }
        if field != columnCount && problem == nil {
          problem = ("wrong-field-count", "expected \(columnCount) fields, found \(field)")
        }
        // Text leaves the engine as UTF-8: a record with bytes that are not UTF-8 is quarantined,
        // not passed on to corrupt the product. A record the field search saw only ASCII in needs
        // no second look.
        if problem == nil, seen & ByteFinder.nonASCII != 0, let bad = UTF8Validation.firstInvalidOffset(UnsafeBufferPointer(rebasing: bytes[rowStart ..< rowEnd])) {
          problem = (
            "invalid-utf8",
            "byte \(bad + 1) of the record (0x\(String(bytes[rowStart + bad], radix: 16, uppercase: true))) is not valid UTF-8; declare the file's encoding (latin-1, windows-1252, utf-16le, ...)"
          )
        }
        if let problem {
          rollBack(&out, to: rowCount, fields: field)
          out.rejects.append(reject(
            bytes, from: rowStart, to: rowEnd, line: line, fileOffset: fileOffset,
            code: problem.code, reason: problem.reason))
        } else {
          out.origins.append(RowOrigin(line: line, byteOffset: fileOffset + rowStart))
        }
        line += 1 + newlinesInside
      }
      position = pos
      return .batchFull
    }
  }

  private func rollBack(_ out: inout Output, to rows: Int, fields: Int) {
    for column in 0 ..< min(fields + 1, columnCount) { out.columns[column].truncate(toRows: rows - out.rowBase) }
  }

  private func reject(
    _ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int, line: Int, fileOffset: Int, code: String, reason: String
  ) -> RejectedRow {
    var end = to
    if end > from && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[from ..< end]), as: UTF8.self)
    return RejectedRow(code: code, reason: reason, file: sourceName, line: line, byteOffset: fileOffset + from, raw: raw)
  }
}
