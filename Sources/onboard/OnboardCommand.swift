import ArgumentParser
import OnboardKit

@main
struct OnboardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "onboard",
    abstract: "Turn a producer team's raw files into a curated data product with its catalog manifest.",
    discussion: """
      Exit codes: 0 success; 2 the tool could not run (bad recipe, unreadable input).
      """,
    version: OnboardVersion.text,
    subcommands: [Run.self, Check.self, Init.self, Infer.self, Profile.self, Steps.self, Convert.self]
  )
}
