import ArgumentParser
import OnboardKit

/// How to read a CSV file when no recipe says so; anything left out is detected.
struct CSVOptions: ParsableArguments {
  @Option(help: "Field delimiter: one character, or tab, space, comma, semicolon, pipe. Detected when left out.")
  var delimiter: String?

  @Option(help: "Quote character, or 'none'. Default: \".")
  var quote: String?

  @Option(help: "Escape of a quote inside a quoted field: double (RFC 4180, \"\") or backslash. Detected when left out.")
  var escape: String?

  @Option(help: "Lines starting with this character are comments, e.g. '#', or 'none'. Detected when left out.")
  var comment: String?

  @Option(name: .customLong("skip-rows"), help: "Lines before the header (a title, an export date). Detected when left out.")
  var skipRows: Int?

  @Flag(inversion: .prefixedNo, help: "Whether the first row holds column names. Detected when left out.")
  var header: Bool?

  @Option(help: "Comma-separated column names, replacing the header or naming the columns of a file without one.")
  var columns: String?

  func overrides() throws -> CSVSniffer.Overrides {
    CSVSniffer.Overrides(
      delimiter: try delimiter.map(CSVDialect.delimiter(named:)),
      quote: try quote.map { .some(try CSVDialect.quote(named: $0)) } ?? nil,
      escape: try escape.map { .some(try CSVDialect.escape(named: $0)) } ?? nil,
      comment: try comment.map { .some(try CSVDialect.comment(named: $0)) } ?? nil,
      skipRows: skipRows,
      header: header,
      columnNames: columns.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) })
  }
}
