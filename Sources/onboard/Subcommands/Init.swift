import ArgumentParser
import Foundation
import OnboardKit

extension OnboardCommand {
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a starter recipe for a raw file: its reading settings, column types, sensitivity and suggested quality rules.",
      discussion: """
        Reads the file once, as `onboard profile` does, and writes a recipe that reads it with the \
        settings detected, casts each column to the type inferred over all rows, marks columns \
        holding personal data sensitive, and gates the product on DQDL rules suggested from the \
        profile (completeness, uniqueness, allowed values, ranges, lengths; docs/quality-rules.md). \
        The suggested rules hold on this file: `onboard run` on the recipe passes its gate.
        """)

    @Argument(help: "The raw file: CSV, JSON, JSON Lines or XML, plain or gzip.")
    var file: String

    @Option(name: [.short, .long], help: "The recipe to write (default: <file name>.yaml in the working folder).")
    var output: String?

    @Flag(help: "Replace the recipe if it exists.")
    var force = false

    @OptionGroup var input: InputOptions

    func run() throws {
      try Terminal.reportingErrors {
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let recipePath = output ?? "\(stem).yaml"
        if FileManager.default.fileExists(atPath: recipePath) && !force {
          throw ValidationError("\(recipePath) exists: give another path with -o, or --force to replace it")
        }
        let opened = try Source.open(path: file, options: try input.options(), batchSize: Profiler.batchRows)
        let profile = try Profiler().profile(opened.reader).result()
        let folder = URL(fileURLWithPath: recipePath).deletingLastPathComponent().standardizedFileURL.path
        let source = Self.relative(URL(fileURLWithPath: file).standardizedFileURL.path, from: folder)
        let text = RecipeDraft.text(.init(sourcePath: source, opened: opened, profile: profile))
        try AtomicFile.write(Data(text.utf8), to: recipePath)
        print("wrote \(recipePath): \(profile.columns.count) columns, \(RuleSuggestion.all(for: profile).count) suggested rules")
      }
    }

    /// `path` relative to `folder`, as a recipe names its source.
    static func relative(_ path: String, from folder: String) -> String {
      let a = path.split(separator: "/"), b = folder.split(separator: "/")
      var common = 0
      while common < min(a.count, b.count) && a[common] == b[common] { common += 1 }
      let up = Array(repeating: "..", count: b.count - common)
      return (up + a[common...].map(String.init)).joined(separator: "/")
    }
  }
}
