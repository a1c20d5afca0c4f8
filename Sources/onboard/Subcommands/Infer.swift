import ArgumentParser
import Foundation
import OnboardKit

extension OnboardCommand {
  struct Infer: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Infer the schema of a file (CSV, JSON, XML; gzip; folders) over all of its rows.",
      discussion: """
        Prints each column's type (Glue/Hive names: boolean, int, bigint, decimal(p,s), double, date, \
        timestamp, string, array<...>, struct<...>), whether it has nulls, and why the type was chosen. \
        Empty fields and the tokens NA, N/A, NULL and null count as nulls. Every reading setting \
        (compression, encoding, format, delimiter, header, value formats such as dd.MM.yyyy or 1.234,5, \
        ...) says whether it was detected or set by you. Malformed rows are counted, not typed.
        """)

    @Argument(help: "The file to read: CSV, JSON, JSON Lines or XML, plain or gzip; or a folder or glob of such files (Hive key=value folders become columns).")
    var file: String

    @OptionGroup var input: InputOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "Worker threads (default: one per core).")
    var threads: Int?

    func run() throws {
      try Terminal.reportingErrors {
        let opened = try Source.open(path: file, options: try input.options(), batchSize: Profiler.batchRows)
        var rejected = 0
        let accumulator = try Profiler(threads: threads).profile(opened.reader) { rejected += $0.count }
        let profile = accumulator.result()
        let report = InferReport(file: file, settings: opened.settings, profile: profile, rejectedRows: rejected)
        print(json ? try Terminal.json(report) : report.table)
      }
    }
  }
}
