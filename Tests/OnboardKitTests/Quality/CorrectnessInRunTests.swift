import Foundation
import Testing

@testable import OnboardKit

/// Correctness in a run: the declared domains of the recipe's `columns` are checked in the profile
/// pass, rows are numbered across batches (and after the rows steps removed), the manifest carries
/// the ratio and the reasons, and a sensitive column's invalid values are never shown.
@Suite struct CorrectnessInRunTests {
  /// 150,000 rows: three batches of the reader. Invalid values are planted at known data rows.
  @Test func rowsAreNumberedAcrossBatchesAndSensitiveValuesWithheld() throws {
    let folder = try TemporaryFolder()
    let rows = 150_000
    let badAge: Set<Int> = [7, 65_540, 140_001]  // 1-based data rows of the curated file
    let badCode: Set<Int> = [3, 99_999]
    var csv = "id,age,code,secret\n"
    csv.reserveCapacity(rows * 24)
    for row in 1 ... rows {
      let age = badAge.contains(row) ? "130" : String(18 + row % 60)
      let code = badCode.contains(row) ? "ZZ" : (row % 2 == 0 ? "AA" : "BB")
      let secret = row == 65_540 ? "TOPSECRET-99" : "s\(row % 7)"
      csv += "\(row),\(age),\(code),\(secret)\n"
    }
    try folder.write("data.csv", csv)
    let recipe = try Recipe.load(path: folder.write("r.yaml", """
      product: {name: t}
      source: {path: data.csv}
      steps:
        - cast: {columns: {age: integer}}
      columns:
        age: {type: int, range: {min: 18, max: 100}, sensitive: true}
        code: {allowed: [AA, BB]}
        secret: {length: {max: 3}, sensitive: true}
      target: {path: out}

      """).path)
    let result = try Pipeline.run(recipe: recipe)
    let profile = result.manifest.profile
    let age = try #require(profile["age"])
    #expect(age.invalid?.invalid == 3)
    #expect(age.invalid?.reasons.map(\.reason) == [.aboveMaximum])
    #expect(age.invalid?.reasons.first?.firstRows == badAge.sorted())
    #expect(age.invalid?.reasons.first?.examples == nil, "a sensitive column's values are withheld")
    let ageCorrectness = try #require(age.correctness)
    #expect(abs(ageCorrectness - Double(rows - 3) / Double(rows)) < 1e-15)
    let code = try #require(profile["code"])
    #expect(code.invalid?.reasons.first?.reason == .notAllowed)
    #expect(code.invalid?.reasons.first?.firstRows == badCode.sorted())
    #expect(code.invalid?.reasons.first?.examples == ["ZZ", "ZZ"])
    // Every value of `secret` but the planted one is 2 characters long.
    let secret = try #require(profile["secret"])
    #expect(secret.invalid?.reasons.first?.firstRows == [65_540])
    #expect(secret.invalid?.reasons.first?.examples == nil)
    // Undeclared columns are still checked against their type: all correct.
    #expect(profile["id"]?.correctness == 1)
    let manifest = String(decoding: try Data(contentsOf: URL(fileURLWithPath: result.manifestFile)), as: UTF8.self)
    #expect(!manifest.contains("TOPSECRET"))
    #expect(manifest.contains("\"first_rows\""))
  }

  /// Rows a step removes do not count: the row numbers are those of the curated file.
  @Test func rowsAreThoseOfTheCuratedFile() throws {
    let folder = try TemporaryFolder()
    try folder.write("data.csv", """
      id,kind
      1,keep
      2,drop
      3,keep
      4,odd
      5,keep

      """)
    let recipe = try Recipe.load(path: folder.write("r.yaml", """
      product: {name: t}
      source: {path: data.csv}
      steps:
        - remove_values: {source_column: kind, when: [{condition: is, target_column: kind, value: [drop]}]}
      columns:
        kind: {allowed: [keep]}
      target: {path: out}

      """).path)
    let result = try Pipeline.run(recipe: recipe)
    let kind = try #require(result.manifest.profile["kind"])
    #expect(kind.invalid?.reasons.first?.firstRows == [3])
    #expect(kind.invalid?.reasons.first?.examples == ["odd"])
    #expect(kind.correctness == 3.0 / 4.0)
  }
}
