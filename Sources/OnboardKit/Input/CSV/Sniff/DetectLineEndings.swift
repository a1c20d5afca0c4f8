/// How lines end in a file.
public enum LineEnding: String, Sendable, Equatable {
  case lf, crlf, cr, mixed, none
}

extension CSVSniffer {
  /// Counts LF, CRLF and lone CR line endings; the reader accepts all three, this is for the report
  /// (and a mixed file is worth a look: it was often concatenated from different systems).
  static func detectLineEndings(_ sample: ArraySlice<UInt8>) -> LineEnding {
    var lf = 0
    var crlf = 0
    var cr = 0
    var i = sample.startIndex
    while i < sample.endIndex {
      if sample[i] == UInt8(ascii: "\r") {
        if i + 1 < sample.endIndex && sample[i + 1] == UInt8(ascii: "\n") {
          crlf += 1
          i += 1
        } else if i + 1 < sample.endIndex {
          cr += 1
        }
      } else if sample[i] == UInt8(ascii: "\n") {
        lf += 1
      }
      i += 1
    }
    switch (lf > 0, crlf > 0, cr > 0) {
    case (false, false, false): return .none
    case (true, false, false): return .lf
    case (false, true, false): return .crlf
    case (false, false, true): return .cr
    default: return .mixed
    }
  }
}
