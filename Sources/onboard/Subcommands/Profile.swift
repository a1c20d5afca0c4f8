import ArgumentParser
import Foundation
import OnboardKit

extension OnboardCommand {
  struct Profile: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Profile a file: types, nulls, completeness, distinct values, ranges, mean, spread, top values.",
      discussion: """
        One pass over all rows, on all cores. Distinct counts are exact up to 65,536 values per column, \
        then a HyperLogLog estimate (standard error 0.81%, shown as ≈). Top values are exact up to \
        1,024 distinct values, then a frequent-items sketch whose largest undercount is reported. The \
        standard deviation is the sample one (n - 1). Columns named with --sensitive show no values: \
        no top values, minimum or maximum.
        """)

    @Argument(help: "The file to read: CSV, JSON, JSON Lines or XML, plain or gzip; or a folder or glob of such files (Hive key=value folders become columns).")
    var file: String

    @OptionGroup var input: InputOptions

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    @Option(name: [.short, .long], help: "Write the JSON profile to this file (written whole, then renamed into place).")
    var output: String?

    @Option(help: "Write malformed rows (wrong field count, broken quoting) to this JSON Lines file, with file, line, byte offset, reason and raw text.")
    var quarantine: String?

    @Option(parsing: .upToNextOption, help: "Columns whose values must not be shown.")
    var sensitive: [String] = []

    @Option(help: "Worker threads (default: one per core).")
    var threads: Int?

    func run() throws {
      try Terminal.reportingErrors {
        let opened = try Source.open(path: file, options: try input.options())
        let writer = quarantine.map(QuarantineWriter.init(path:))
        var rejected = 0
        let accumulator = try Profiler(threads: threads).profile(opened.reader) { rows in
          rejected += rows.count
          try writer?.write(rows)
        }
        try writer?.commit()
        let profile = accumulator.result(sensitive: Set(sensitive))
        let report = ProfileReport(file: file, profile: profile, rejectedRows: rejected)
        if let output {
          try AtomicFile.write(Data(try Terminal.json(report).utf8 + [UInt8(ascii: "\n")]), to: output)
        }
        if json {
          print(try Terminal.json(report))
        } else if output == nil {
          print(report.table)
        }
      }
    }
  }
}
