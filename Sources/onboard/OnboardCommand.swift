import ArgumentParser
import OnboardKit

@main
struct OnboardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "onboard",
    abstract: "Turn a producer team's raw files into a curated data product with its catalog manifest.",
    discussion: """
      Exit codes: 0 success; 1 a quality rule failed (check, or a blocking rule in run); 2 the \
      tool could not run (bad recipe or rules, unreadable input).
      """,
    version: OnboardVersion.text,
    subcommands: [Run.self, Check.self, Init.self, Infer.self, Profile.self, Steps.self, Convert.self]
  )
}
