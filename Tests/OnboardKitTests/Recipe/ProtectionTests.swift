import Foundation
import Testing

@testable import OnboardKit

/// The manifest says which columns a step masked or randomised, under the names they end with.
@Test func manifestRecordsProtectedColumnsThroughRenames() throws {
  let yaml = """
    product: {name: t}
    source: {path: d.csv}
    steps:
      - mask_range: {source_columns: [iban], start: 0, stop: -4}
      - replace_with_random_between: {source_columns: [salary, bonus], lower_bound: 1, upper_bound: 9}
      - rename: {iban: account}
      - drop: [bonus]
    target: {path: out}
    """
  let folder = try TemporaryFolder()
  try folder.write("d.csv", "iban,salary,bonus,city\nDE89370400440532013000,5000,10,Bonn\n")
  let result = try Pipeline.run(recipe: Recipe.parse(yaml, file: folder.file("r.yaml").path))
  let protections = Dictionary(uniqueKeysWithValues: result.manifest.target.schema.map { ($0.name, $0.protection) })
  #expect(protections["account"] == ColumnProtection(kind: "masked", step: "1:mask_range"))
  #expect(protections["salary"] == ColumnProtection(kind: "randomized", step: "2:replace_with_random_between"))
  #expect(protections["city"] == .some(nil))
  #expect(protections["bonus"] == nil, "a dropped column is not in the target")
  let rows = SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8))
  #expect(rows[1][0] == "##################3000")
  let json = try String(contentsOfFile: result.manifestFile, encoding: .utf8)
  #expect(json.contains("\"protection\" : {"))
  #expect(!json.contains("DE89370400440532013000"), "the unmasked value never reaches the manifest")
  #expect(!json.contains("##################3000"), "a protected column's values are profiled as a sensitive column's: no top values")
  #expect(json.contains("Bonn"), "an unprotected column keeps its top values")
}
