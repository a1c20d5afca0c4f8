import Foundation
import Testing

@testable import OnboardKit

/// `docs/steps.md` is generated from the steps' examples; it must match what the code says now.
@Test func stepDocsAreCurrent() throws {
  let path = TestPaths.repo.appendingPathComponent("docs/steps.md")
  let onDisk = try String(contentsOf: path, encoding: .utf8)
  #expect(onDisk == StepDocs.markdown(), "docs/steps.md is stale: run `swift run onboard steps --markdown > docs/steps.md`")
}

/// Every registered step documents itself: a summary, its parameters, and at least two examples,
/// one of which shows a refusal.
@Test(arguments: StepRegistry.all.map { $0.kind })
func stepIsDocumented(kind: String) throws {
  let step = try #require(StepRegistry.type(named: kind))
  #expect(!step.summary.isEmpty)
  #expect(!step.parameterDocs.isEmpty)
  #expect(step.examples.count >= 2)
  #expect(step.examples.contains { $0.errorCode != nil }, "\(kind) shows no refused parameters")
}
