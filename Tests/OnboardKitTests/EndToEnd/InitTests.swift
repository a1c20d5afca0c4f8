import Foundation
import Testing

@testable import OnboardKit

/// `onboard init`: a starter recipe whose suggested rules pass on the file they were drawn from,
/// and fail when the file changes in the ways they guard against.
@Suite(.serialized) struct InitTests {
  /// Runs `init` on `data` (copied into `folder`), then `run` on the recipe; returns both outputs.
  static func initAndRun(_ folder: TemporaryFolder, data name: String) throws -> (recipe: String, run: CLITests.Output) {
    let recipe = folder.file("recipe.yaml").path
    let made = try CLITests.onboard(["init", folder.file(name).path, "-o", recipe])
    #expect(made.status == 0, "\(made.stderr)")
    let run = try CLITests.onboard(["run", recipe, "-o", folder.file("out").path])
    return (try String(contentsOfFile: recipe, encoding: .utf8), run)
  }

  @Test func rawGermanCreditPassesItsSuggestedGate() throws {
    let folder = try TemporaryFolder()
    let raw = try String(contentsOf: TestPaths.repo.appendingPathComponent("samples/german-credit/german.data"), encoding: .utf8)
    _ = try folder.write("german.data", raw)
    let (recipe, run) = try Self.initAndRun(folder, data: "german.data")
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.contains("score 1.00: 43 passed, 0 failed, 0 errors"), "\(run.stdout)")
    // The settings detected, the types inferred, the rules suggested.
    #expect(recipe.contains("  path: \"german.data\"\n  format: csv\n  delimiter: \"space\"\n  header: false\n"))
    #expect(recipe.contains("        \"column_5\": \"integer\"\n"))
    #expect(recipe.contains("      ColumnValues \"column_1\" in [\"A11\", \"A12\", \"A13\", \"A14\"],\n"))
    #expect(recipe.contains("      (ColumnValues \"column_2\" >= 4) and (ColumnValues \"column_2\" <= 72),\n"))
    #expect(recipe.contains("      ColumnValues \"column_8\" in [1, 2, 3, 4],\n"))

    // Break the file three ways: an unknown code, a duration past the range, a missing amount.
    var lines = raw.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var first = lines[0].split(separator: " ").map(String.init)
    first[0] = "A15"
    first[1] = "80"
    lines[0] = first.joined(separator: " ")
    try Data(lines.joined(separator: "\n").utf8).write(to: folder.file("german.data"))
    let broken = try CLITests.onboard(["run", folder.file("recipe.yaml").path, "-o", folder.file("out2").path])
    #expect(broken.status == 1)
    #expect(broken.stdout.contains("FAIL    ColumnValues \"column_1\" in [\"A11\", \"A12\", \"A13\", \"A14\"]"), "\(broken.stdout)")
    // (The summary clips long rules.)
    #expect(broken.stdout.contains("FAIL    (ColumnValues \"column_2\" >= 4) and (ColumnValues"), "\(broken.stdout)")
    #expect(broken.stdout.contains("score 0.95: 41 passed, 2 failed, 0 errors"))
    #expect(broken.stdout.contains("NOT WRITTEN"))
  }

  /// A file with a header, NULLs, a key, free text and personal data: completeness is retained,
  /// ranges take a threshold, the key stays unique, text keeps its length, and the e-mail
  /// column is suggested sensitive with no value written into a rule.
  @Test func suggestionsOnAFileWithNullsKeysAndPersonalData() throws {
    let folder = try TemporaryFolder()
    var rows = ["id,email,score,city,note"]
    let cities = ["Berlin", "Paris", "Rome"]
    for i in 1 ... 40 {
      let score = i % 10 == 0 ? "" : String(Double(i) / 4)
      let note = i % 5 == 0 ? "" : "note number \(i)"
      rows.append("\(i),person\(i)@example.com,\(score),\(cities[i % 3]),\(note)")
    }
    _ = try folder.write("people.csv", rows.joined(separator: "\n") + "\n")
    let (recipe, run) = try Self.initAndRun(folder, data: "people.csv")
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.contains("0 failed, 0 errors"), "\(run.stdout)")
    #expect(recipe.contains("      IsUnique \"id\""))
    // 36 of 40 scores: completeness 0.9, and each side of the range needs 90% of the rows.
    #expect(recipe.contains("      Completeness \"score\" >= 0.9,\n"))
    #expect(recipe.contains("(ColumnValues \"score\" >= 0.25 with threshold >= 0.9) and (ColumnValues \"score\" <= 9.75 with threshold >= 0.9)"))
    #expect(recipe.contains("      ColumnValues \"city\" in [\"Berlin\", \"Paris\", \"Rome\"],\n"))
    #expect(recipe.contains("      ColumnLength \"note\" <= 14"))
    #expect(recipe.contains("  \"email\":\n    description: \"TODO\"\n    # email found in 100% of the values"))
    #expect(!recipe.contains("example.com"), "no value of a personal-data column is written into a rule")
  }
}
