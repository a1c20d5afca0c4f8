import Foundation
import ArgumentParser
import OnboardKit

extension OnboardCommand {
  struct Steps: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the recipe steps, or show one with its parameters and examples.",
      discussion: "`onboard steps --markdown > docs/steps.md` regenerates the step reference.")

    @Argument(help: "A step kind, e.g. map_values. Lists all steps when left out.")
    var name: String?

    @Flag(help: "Print the whole step reference as Markdown (docs/steps.md).")
    var markdown = false

    func run() throws {
      if markdown {
        print(StepDocs.markdown(), terminator: "")
        return
      }
      guard let name else {
        for step in StepRegistry.all { print("\(step.kind.padding(toLength: 12, withPad: " ", startingAt: 0))  \(step.summary)") }
        return
      }
      guard let step = StepRegistry.type(named: name) else {
        throw ValidationError("unknown step '\(name)'; the steps are: \(StepRegistry.all.map { $0.kind }.joined(separator: ", "))")
      }
      print("\(step.kind): \(step.summary)\n")
      for p in step.parameterDocs { print("  \(p.name)\n      \(p.doc)") }
      for example in step.examples { print("\nexample: \(example.title)\n  - \(example.yaml)") }
    }
  }
}
