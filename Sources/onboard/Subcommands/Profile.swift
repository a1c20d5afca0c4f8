import ArgumentParser
import Foundation
import OnboardKit

extension OnboardCommand {
  struct Profile: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Profile a file like a data scientist: types, completeness, distributions, shapes, correlations, duplicates, personal data and bias.",
      discussion: """
        One pass over all rows, on all cores; the result does not depend on the number of threads \
        (sketches stay within their stated error). Per column: nulls and completeness; distinct \
        values (exact up to 65,536, then HyperLogLog with 0.81% standard error, shown as ≈); \
        minimum, maximum, sum, mean, sample and population standard deviation, skewness and excess \
        kurtosis (as pandas); p1 to p99 (exact up to 4,096 values, then a sketch whose rank error is \
        shown); a 10-bin histogram; zeros, negatives and values over 3 standard deviations out; \
        text lengths, value shapes ("Aa9") and entropy in bits; top values (exact up to 1,024 \
        distinct, else with their largest undercount); personal data found (email, phone, IBAN, \
        card, IP, national ids) with the share of matching values. Per table: duplicate rows and \
        Pearson correlations of numeric columns. With --bias-label and --facet, SageMaker Clarify's \
        pre-training bias metrics. Columns named with --sensitive, and columns found to hold \
        personal data, show no values: no top values, minimum, maximum, quantiles, histogram or shapes.
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

    @OptionGroup(title: "Bias (SageMaker Clarify pre-training metrics)") var bias: BiasOptions

    func run() throws {
      try Terminal.reportingErrors {
        let opened = try Source.open(path: file, options: try input.options(), batchSize: Profiler.batchRows)
        let writer = quarantine.map(QuarantineWriter.init(path:))
        var rejected = 0
        var profiler = Profiler(threads: threads)
        profiler.bias = try bias.specs(checkedAgainst: opened.reader.schema)
        let accumulator = try profiler.profile(opened.reader) { rows in
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
