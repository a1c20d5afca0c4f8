import ArgumentParser
import Foundation
import OnboardKit

extension OnboardCommand {
  struct Infer: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Infer the schema of a CSV file over all of its rows.",
      discussion: """
        Prints each column's type (Glue/Hive names: boolean, int, bigint, decimal(p,s), double, date, \
        timestamp, string), whether it has nulls, and why the type was chosen. Empty fields and the \
        tokens NA, N/A, NULL and null count as nulls. The dialect settings say which were detected \
        and which you set. Malformed rows are counted, not typed.
        """)

    @Argument(help: "The CSV file to read.")
    var file: String

    @OptionGroup var csv: CSVOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "Worker threads (default: one per core).")
    var threads: Int?

    func run() throws {
      try Terminal.reportingErrors {
        let opened = try Source.openCSV(path: file, overrides: try csv.overrides())
        var rejected = 0
        let accumulator = try Profiler(threads: threads).profile(opened.reader) { rejected += $0.count }
        let profile = accumulator.result()
        let report = InferReport(file: file, sniffed: opened.sniffed, profile: profile, rejectedRows: rejected)
        print(json ? try Terminal.json(report) : report.table)
      }
    }
  }
}
