import ArgumentParser
import Foundation
import OnboardKit

extension OnboardCommand {
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run a recipe: curate the source, profile it, and write the data product with its manifest.",
      discussion: """
        Reads the recipe's source, applies its steps, and writes into the target folder:
          <product>.csv     the curated data
          manifest.json     product metadata, schemas, profile, row accounting
          quarantine.jsonl  rejected rows with reasons (only when there are any)
          quality.json, quality.junit.xml
                            the quality gate's results, when the recipe has a `quality` section
                            (AWS Glue Data Quality rules, DQDL: docs/quality-rules.md)

        The recipe is checked against the source's columns before any row is read: an \
        unknown column, step or parameter stops the run with the recipe line, and \
        nothing is written. Each file is written under a temporary name and renamed \
        into place when complete, the manifest last. When a blocking quality rule fails, the \
        curated data is not written (an earlier run's data stays); the manifest and the \
        results are, marked as failed.

        Exit codes: 0 success; 1 a blocking quality rule failed or could not be evaluated \
        (FAIL or ERROR); 2 the run could not be done (recipe or input error).
        """)

    @Argument(help: "The recipe: ours (YAML), or a DataBrew recipe export (JSON or YAML) with --source.")
    var recipe: String

    @Option(name: [.short, .long], help: "Write into this folder instead of the recipe's target path.")
    var output: String?

    @Option(help: "The data to run the recipe on: required for a DataBrew recipe (which names no source; output then goes to out/<recipe name> unless -o is given); for ours, it replaces the source path and keeps its settings.")
    var source: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
      var published = true
      try Terminal.reportingErrors {
        let loaded = try Recipe.load(path: recipe, source: source, target: output)
        let result = try Pipeline.run(recipe: loaded, outputFolder: output)
        if !quiet { print(RunSummary.render(result)) }
        published = result.published
      }
      if !published { throw ExitCode(1) }
    }
  }
}
