import ArgumentParser
import OnboardKit

/// How to read a CSV file when no recipe says so; anything left out is detected.
struct CSVOptions: ParsableArguments {
  @Option(help: "Field delimiter: one character, or tab, space, comma, semicolon, pipe. Detected when left out.")
  var delimiter: String?

  @Option(help: "Quote character, or 'none'. Default: \".")
  var quote: String?

  @Flag(inversion: .prefixedNo, help: "Whether the first row holds column names. Detected when left out.")
  var header: Bool?

  @Option(help: "Comma-separated column names, replacing the header or naming the columns of a file without one.")
  var columns: String?

  func overrides() throws -> CSVSniffer.Overrides {
    CSVSniffer.Overrides(
      delimiter: try delimiter.map(CSVDialect.delimiter(named:)),
      quote: try quote.map { .some(try CSVDialect.quote(named: $0)) } ?? nil,
      header: header,
      columnNames: columns.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) })
  }
}
