import Foundation
import Testing

@testable import OnboardKit

/// `onboard convert`: each spelling into the other, checked by running both on the same data.
struct RecipeConversionTests {
  static func curated(_ recipe: Recipe) throws -> Data {
    let out = try TemporaryFolder()
    let result = try Pipeline.run(recipe: recipe, outputFolder: out.path)
    return try Data(contentsOf: URL(fileURLWithPath: result.dataFile))
  }

  @Test func databrewGermanCreditConvertsToAnEquivalentYAMLRecipe() throws {
    let path = TestPaths.repo.appendingPathComponent("recipes/german-credit.databrew.json").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let converted = try RecipeConversion.fromDataBrew(text, file: path, source: TestPaths.germanData.path)
    #expect(converted.warnings.isEmpty)
    let folder = try TemporaryFolder()
    let yamlPath = try folder.write("german-credit.yaml", converted.text).path
    let fromYAML = try Self.curated(try Recipe.load(path: yamlPath))
    let reference = try Self.curated(try Recipe.load(path: TestPaths.germanCreditRecipe.path))
    #expect(fromYAML == reference)
  }

  static let yaml = """
    product: {name: t}
    source: {path: data.csv}
    steps:
      - rename: {nm: name, ctry: country}
      - upper_case:
          source_column: name
          when: [{condition: is, target_column: country, value: [DE, AT]}]
      - map_values: {columns: [country], mapping: {DE: Germany, AT: Austria}, unmapped: keep}
      - replace_pattern: {source_column: phone, pattern: '[^0-9]', value: ''}
      - cast: {columns: {age: integer}, on_error: 'null'}
      - drop: [junk]
    target: {path: out}
    """

  @Test func yamlConvertsToAnEquivalentDataBrewRecipe() throws {
    let folder = try TemporaryFolder()
    try folder.write("data.csv", "nm,ctry,phone,age,junk\nann,DE,+49 (30) 1234,34,x\nbob,FR,555-0101,abc,y\ncy,AT,,51,z\n")
    let yamlPath = try folder.write("recipe.yaml", Self.yaml).path
    let converted = try RecipeConversion.toDataBrew(Self.yaml, file: yamlPath)
    #expect(converted.warnings == ["product, source, columns, bias and target are not part of a DataBrew recipe and were left out"])
    let operations = (try JSONSerialization.jsonObject(with: Data(converted.text.utf8)) as? [[String: Any]] ?? []).compactMap {
      ($0["Action"] as? [String: Any])?["Operation"] as? String
    }
    #expect(operations == ["RENAME", "RENAME", "UPPER_CASE", "CATEGORICAL_MAPPING", "REPLACE_TEXT", "CHANGE_DATA_TYPE", "DELETE"])
    let databrewPath = try folder.write("recipe.json", converted.text).path
    let source = folder.file("data.csv").path
    let viaDataBrew = try Self.curated(try Recipe.load(path: databrewPath, source: source, target: folder.file("o").path))
    let viaYAML = try Self.curated(try Recipe.load(path: yamlPath))
    #expect(viaDataBrew == viaYAML)
    #expect(String(decoding: viaYAML, as: UTF8.self) == "name,country,phone,age\nANN,Germany,49301234,34\nbob,FR,5550101,\nCY,Austria,,51\n")
  }

  @Test func differencesInMeaningAreWarned() throws {
    let text = """
      product: {name: t}
      source: {path: data.csv}
      steps:
        - cast: {columns: {amount: 'decimal(10,2)'}}
      target: {path: out}
      """
    let converted = try RecipeConversion.toDataBrew(text, file: "r.yaml")
    #expect(converted.warnings.contains { $0.contains("writes NULL for values that do not fit") })
    #expect(converted.warnings.contains { $0.contains("DataBrew's decimal") })
  }

  @Test func aStepWithoutDataBrewFormIsRefused() throws {
    let text = """
      product: {name: t}
      source: {path: data.csv}
      steps:
        - replace_value: {source_column: a, from: x, to: y}
      target: {path: out}
      """
    #expect { _ = try RecipeConversion.toDataBrew(text, file: "r.yaml") } throws: {
      guard let e = $0 as? RecipeError else { return false }
      return e.code == "cannot-convert" && e.location.line == 4 && e.step?.kind == "replace_value"
    }
  }
}
