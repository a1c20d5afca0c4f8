import Foundation
import Testing

@testable import OnboardKit

/// The quality gate as CI meets it: `onboard check` and `onboard run` with rules, their exit codes,
/// and what a failed blocking rule leaves on disk.
@Suite(.serialized) struct QualityGateTests {
  static let decoded = TestPaths.decodedCSV.path

  static func json(_ path: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
  }

  /// The reference recipe's rules all pass on the reference data, and the results are written.
  @Test func referenceRecipePassesItsGate() throws {
    let folder = try TemporaryFolder()
    let r = try CLITests.onboard(["run", "recipes/german-credit.yaml", "-o", folder.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("score 1.00: 21 passed, 0 failed, 0 errors"))
    let manifest = try Self.json(folder.file("manifest.json").path)
    let quality = try #require(manifest["quality"] as? [String: Any])
    #expect(quality["published"] as? Bool == true)
    #expect(quality["passed"] as? Int == 21)
    #expect(quality["result_files"] as? [String] == ["quality.json", "quality.junit.xml"])
    let glue = try Self.json(folder.file("quality.json").path)
    #expect(glue["Score"] as? Double == 1)
    #expect((glue["RuleResults"] as? [[String: Any]])?.count == 21)
    #expect(FileManager.default.fileExists(atPath: folder.file("german-credit.csv").path))
  }

  /// A recipe like the reference one, with other rules.
  static func recipe(in folder: TemporaryFolder, rules: String, blocking: Bool? = nil) throws -> String {
    let reference = try String(contentsOf: TestPaths.germanCreditRecipe, encoding: .utf8)
    let samples = TestPaths.repo.appendingPathComponent("samples/german-credit").path
    var text = reference.replacingOccurrences(of: "../samples/german-credit", with: samples)
    let quality = blocking.map { "quality:\n  blocking: \($0)\n  rules: gate.dqdl\n" } ?? "quality:\n  rules: gate.dqdl\n"
    text = text.replacingOccurrences(of: "quality:\n  rules: german-credit.dqdl\n", with: quality)
    _ = try folder.write("gate.dqdl", rules)
    return try folder.write("recipe.yaml", text).path
  }

  /// A failed blocking rule: exit 1, the data is not published (an earlier run's file stays as
  /// it was), the manifest and the results are written, marked as failed.
  @Test func failedBlockingRuleKeepsDataUnpublished() throws {
    let folder = try TemporaryFolder()
    let out = folder.file("out").path
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    try Data("an earlier delivery\n".utf8).write(to: URL(fileURLWithPath: out + "/german-credit.csv"))
    let recipe = try Self.recipe(in: folder, rules: "Rules = [ RowCount > 0, Mean \"age_in_years\" > 50 ]")
    let r = try CLITests.onboard(["run", recipe, "-o", out])
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stdout.contains("NOT WRITTEN: a blocking quality rule failed"))
    #expect(r.stdout.contains("Mean of 'age_in_years' is 35.546; required > 50"))
    #expect(try String(contentsOfFile: out + "/german-credit.csv", encoding: .utf8) == "an earlier delivery\n")
    let quality = try #require(try Self.json(out + "/manifest.json")["quality"] as? [String: Any])
    #expect(quality["published"] as? Bool == false)
    #expect(quality["failed"] as? Int == 1)
    let glue = try Self.json(out + "/quality.json")
    #expect((glue["RuleResults"] as? [[String: Any]])?.map { $0["Result"] as? String } == ["PASS", "FAIL"])
    let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(names == ["german-credit.csv", "manifest.json", "quality.json", "quality.junit.xml"])
  }

  /// A rule labelled non-blocking, or a recipe whose gate does not block, warns: the data is
  /// published and the run succeeds, with the failure reported.
  @Test func nonBlockingFailureOnlyWarns() throws {
    let folder = try TemporaryFolder()
    let labelled = try Self.recipe(in: folder, rules: #"Rules = [ Mean "age_in_years" > 50 labels=["blocking"="false"] ]"#)
    let r = try CLITests.onboard(["run", labelled, "-o", folder.file("a").path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("FAIL"))
    #expect(FileManager.default.fileExists(atPath: folder.file("a/german-credit.csv").path))

    let lenient = try Self.recipe(in: folder, rules: #"Rules = [ Mean "age_in_years" > 50 ]"#, blocking: false)
    let s = try CLITests.onboard(["run", lenient, "-o", folder.file("b").path])
    #expect(s.status == 0, "\(s.stderr)")
    #expect(FileManager.default.fileExists(atPath: folder.file("b/german-credit.csv").path))
    let quality = try #require(try Self.json(folder.file("b/manifest.json").path)["quality"] as? [String: Any])
    #expect(quality["published"] as? Bool == true)
    #expect((quality["rules"] as? [[String: Any]])?.first?["blocking"] as? Bool == false)
  }

  /// Row tests on the columns a recipe casts read the typed values: 589 of the 1000 applicants
  /// are over 30, 411 have a duration in (12, 24] (counted in the decoded file).
  @Test func rowTestsOnTypedColumns() throws {
    let folder = try TemporaryFolder()
    let recipe = try Self.recipe(
      in: folder,
      rules: #"Rules = [ ColumnValues "age_in_years" > 30, (ColumnValues "duration_in_month" > 12) and (ColumnValues "duration_in_month" <= 24) ]"#,
      blocking: false)
    let r = try CLITests.onboard(["run", recipe, "-o", folder.file("out").path])
    #expect(r.status == 0, "\(r.stderr)")
    let glue = try Self.json(folder.file("out/quality.json").path)
    let results = try #require(glue["RuleResults"] as? [[String: Any]])
    #expect((results[0]["EvaluatedMetrics"] as? [String: Double])?["Column.age_in_years.ColumnValues.Compliance"] == 0.589)
    #expect(r.stdout.contains("58.90 % of rows passed (589 of 1000)"))
    #expect(results[1]["Result"] as? String == "FAIL")
  }

  /// Our extension: Correctness reads the declared domain's share of valid values (884 of the
  /// 1000 credits are 1000 DM or more), BiasMetric the recipe's bias reports; a facet without a
  /// report, or a metric Clarify does not have, cannot be judged.
  @Test func correctnessAndBiasRules() throws {
    let folder = try TemporaryFolder()
    let rules = [
      #"Correctness "credit_amount" >= 0.9"#, #"Correctness "credit_amount" >= 0.8"#,
      #"BiasMetric "DPL" "foreign_worker" < 0.1"#, #"BiasMetric "KL" "age_in_years" between 0.04 and 0.05"#,
      #"BiasMetric "DPL" "purpose" > 0"#, #"BiasMetric "XYZ" "foreign_worker" > 0"#,
    ]
    var text = try String(
      contentsOfFile: try Self.recipe(in: folder, rules: "Rules = [\n  " + rules.joined(separator: ",\n  ") + "\n]\n", blocking: false),
      encoding: .utf8)
    text = text.replacingOccurrences(of: "range: {min: 1}  ", with: "range: {min: 1000}")
    let path = try folder.write("domain.yaml", text).path
    let result = try Pipeline.run(recipe: try Recipe.load(path: path), outputFolder: folder.file("out").path)
    let outcomes = try #require(result.quality?.rules)
    #expect(outcomes.map(\.result) == [.fail, .pass, .fail, .pass, .error, .error])
    #expect(outcomes[0].metrics["Column.credit_amount.Correctness"] == 0.884)
    #expect(outcomes[0].message == "Correctness of 'credit_amount' is 0.884; required >= 0.9")
    // DPL of foreign workers is 0.1993 (docs/bias.md, checked against smclarify).
    #expect(abs(outcomes[2].metrics["Column.foreign_worker.BiasMetric.DPL"]! - 0.1993) < 1e-4)
    #expect(outcomes[4].message?.hasPrefix("no bias report of facet 'purpose'") == true)
    #expect(outcomes[5].message?.hasPrefix("'XYZ' is not a Clarify pre-training metric") == true)
  }

  /// A syntax error in the rules stops the run before any row, naming the rules file's line.
  @Test func badRulesStopTheRun() throws {
    let folder = try TemporaryFolder()
    let recipe = try Self.recipe(in: folder, rules: "Rules = [\n  RowCount > 0,\n  Mean age_in_years\n]\n")
    let r = try CLITests.onboard(["run", recipe, "-o", folder.file("out").path])
    #expect(r.status == 2)
    #expect(r.stderr.contains("gate.dqdl:4:1: error: expected a condition after Mean"))
    #expect(!FileManager.default.fileExists(atPath: folder.file("out").path))
  }

  /// Rules written inline in the recipe; errors point at the recipe's line.
  @Test func inlineRules() throws {
    let folder = try TemporaryFolder()
    var recipe = try String(contentsOfFile: try Self.recipe(in: folder, rules: ""), encoding: .utf8)
    recipe = recipe.replacingOccurrences(
      of: "quality:\n  rules: gate.dqdl\n", with: "quality:\n  dqdl: |\n    Rules = [\n      IsComplete \"purpose\",\n      RowCount = 1000\n    ]\n")
    let path = try folder.write("inline.yaml", recipe).path
    let loaded = try Recipe.load(path: path)
    #expect(loaded.quality?.document.rules.map(\.text) == [#"IsComplete "purpose""#, "RowCount = 1000"])
    let broken = recipe.replacingOccurrences(of: "RowCount = 1000", with: "RowCount = ")
    let brokenPath = try folder.write("broken.yaml", broken).path
    let line = broken.components(separatedBy: "\n").firstIndex { $0.contains("RowCount = ") }! + 1
    do {
      _ = try Recipe.load(path: brokenPath)
      Issue.record("loaded a recipe with a broken rule")
    } catch let error as DQDLError {
      // The error is at the line after `RowCount = `: the value is missing there.
      #expect(error.location.line == line + 1, "\(error)")
    }
  }

  /// `onboard check`: 0 when every rule passes, 1 when one fails, 2 when it cannot run; JUnit
  /// and Glue JSON written on request.
  @Test func checkExitCodes() throws {
    let folder = try TemporaryFolder()
    let passing = try folder.write("pass.dqdl", #"Rules = [ RowCount = 1000, IsComplete "purpose" ]"#).path
    let ok = try CLITests.onboard(["check", Self.decoded, "--rules", passing])
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(ok.stdout.contains("score 1.00: 2 passed, 0 failed, 0 errors"))

    let failing = try folder.write("fail.dqdl", #"Rules = [ RowCount = 1000, ColumnValues "age_in_years" > 30 with threshold > 0.9 ]"#).path
    let junit = folder.file("r.xml").path, json = folder.file("r.json").path
    let bad = try CLITests.onboard(["check", Self.decoded, "--rules", failing, "--junit", junit, "--json", json])
    #expect(bad.status == 1, "\(bad.stderr)")
    let xml = try String(contentsOfFile: junit, encoding: .utf8)
    #expect(xml.contains(#"<testsuite name="fail.dqdl" tests="2" failures="1" errors="0""#))
    #expect((try Self.json(json)["Score"] as? Double) == 0.5)

    let broken = try folder.write("broken.dqdl", "Rules = [ RowCount > ]").path
    let cannot = try CLITests.onboard(["check", Self.decoded, "--rules", broken])
    #expect(cannot.status == 2)
    #expect(cannot.stderr.contains("broken.dqdl:1:22: error: expected a value"))
    let missing = try CLITests.onboard(["check", "no/such.csv", "--rules", passing])
    #expect(missing.status == 2)
  }

  /// Bias rules on `onboard check` read the facets given on the command line.
  @Test func checkWithBiasFacets() throws {
    let folder = try TemporaryFolder()
    let rules = try folder.write("bias.dqdl", #"Rules = [ BiasMetric "DPL" "foreign_worker" between 0.19 and 0.2 ]"#).path
    let r = try CLITests.onboard([
      "check", Self.decoded, "--rules", rules, "--bias-label", "creditability=good", "--facet", "foreign_worker=yes",
    ])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    let misspelt = try CLITests.onboard([
      "check", Self.decoded, "--rules", rules, "--bias-label", "creditability=good", "--facet", "foreign_workr=yes",
    ])
    #expect(misspelt.status == 2)
    #expect(misspelt.stderr.contains("did you mean 'foreign_worker'?"))
    let missing = try CLITests.onboard(["check", Self.decoded, "--rules", rules])
    #expect(missing.status == 1)
    #expect(missing.stdout.contains("no bias report of facet 'foreign_worker'"))
  }
}
