import ArgumentParser
import OnboardKit

/// How to read a file when no recipe says so; anything left out is detected.
struct InputOptions: ParsableArguments {
  @Option(help: "The file's kind: csv, json, jsonl or xml. Detected from the content when left out.")
  var format: String?

  @Option(help: "Text encoding: utf-8, utf-16le, utf-16be, latin-1 or windows-1252. Detected when left out.")
  var encoding: String?

  @Option(name: .customLong("row-tag"), help: "XML: the element that holds one row. Detected when left out (the repeated child of the root).")
  var rowTag: String?

  @Flag(help: "JSON and XML: nested objects as dotted columns (address.city) instead of struct columns.")
  var flatten = false

  @Option(name: .customLong("max-decompression-ratio"), help: "gzip: refuse output larger than this many times the compressed input (a gzip bomb guard). Default: 200.")
  var maxDecompressionRatio: Double?

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

  @Option(name: .customLong("value-format"), help: ArgumentHelp(
    "How a column writes numbers or dates, as COLUMN=PATTERN: dd.MM.yyyy, MM/dd/yyyy, yyyy/MM/dd, 1.234,5, 1,234.5 or 1234,5. Detected when left out.",
    valueName: "column=pattern"))
  var formats: [String] = []

  @Flag(inversion: .prefixedNo, help: "Whether the first row holds column names. Detected when left out.")
  var header: Bool?

  @Option(help: "Comma-separated column names, replacing the header or naming the columns of a file without one.")
  var columns: String?

  func options() throws -> Source.Options {
    var options = Source.Options(csv: try csvOverrides())
    if let format {
      switch format {
      case "csv", "tsv": options.format = .csv
      case "json": options.format = .json
      case "jsonl", "ndjson":
        options.format = .json
        options.json.layout = .lines
      case "xml": options.format = .xml
      default: throw ValidationError("--format takes csv, json, jsonl or xml, not '\(format)'")
      }
    }
    if let encoding {
      guard let e = TextEncoding(name: encoding) else {
        throw ValidationError("--encoding takes \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", ")), not '\(encoding)'")
      }
      options.encoding = e
    }
    options.xml.rowTag = rowTag
    options.json.flatten = flatten
    options.xml.flatten = flatten
    if let maxDecompressionRatio { options.limits.maxRatio = maxDecompressionRatio }
    return options
  }

  func csvOverrides() throws -> CSVSniffer.Overrides {
    var result = CSVSniffer.Overrides(
      delimiter: try delimiter.map(CSVDialect.delimiter(named:)),
      quote: try quote.map { .some(try CSVDialect.quote(named: $0)) } ?? nil,
      escape: try escape.map { .some(try CSVDialect.escape(named: $0)) } ?? nil,
      comment: try comment.map { .some(try CSVDialect.comment(named: $0)) } ?? nil,
      skipRows: skipRows,
      header: header,
      columnNames: columns.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) })
    for item in formats {
      let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let format = ValueFormat(pattern: parts[1]) else {
        throw ValidationError("--value-format takes COLUMN=PATTERN with a pattern such as dd.MM.yyyy or 1.234,5, not '\(item)'")
      }
      result.formats[parts[0]] = format
    }
    return result
  }
}
