import ArgumentParser
import Foundation
import OnboardKit

extension OnboardCommand {
  struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Convert a recipe between onboard's YAML and an AWS Glue DataBrew recipe (JSON).",
      discussion: """
        The direction follows the input: a DataBrew recipe (a list of steps) becomes an onboard recipe, \\
        and an onboard recipe becomes a DataBrew recipe of its steps. Where the other format means \\
        something slightly different (DataBrew writes NULL where onboard quarantines a row), a \\
        warning says so on standard error. The output is written whole, then renamed into place.
        """)

    @Argument(help: "The recipe to convert.")
    var recipe: String

    @Option(name: [.short, .long], help: "Write here instead of standard output.")
    var output: String?

    @Option(help: "For a DataBrew recipe: the source path to put in the onboard recipe.")
    var source: String?

    func run() throws {
      try Terminal.reportingErrors {
        let text: String
        do {
          text = try String(contentsOfFile: recipe, encoding: .utf8)
        } catch {
          throw RecipeError("cannot-read-recipe", "cannot read the recipe", at: RecipeLocation(file: recipe, line: 0, column: 0))
        }
        let converted = try Recipe.isDataBrew(text, file: recipe)
          ? RecipeConversion.fromDataBrew(text, file: recipe, source: source)
          : RecipeConversion.toDataBrew(text, file: recipe)
        for warning in converted.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        if let output {
          try AtomicFile.write(Data(converted.text.utf8), to: output)
        } else {
          print(converted.text, terminator: "")
        }
      }
    }
  }
}
