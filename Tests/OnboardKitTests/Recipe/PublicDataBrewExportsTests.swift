import Foundation
import Testing

@testable import OnboardKit

/// DataBrew recipes as producer teams committed them to public repositories, run unchanged.
struct PublicDataBrewExportsTests {
  /// Provenance: GitHub `SixGod191001/CEDC-GitActions-CICD`, file
  /// `cedc_terraform_development/cedc_databrew_workshop/s3_objects/recipes/ID-recipe-import.json`
  /// (a DataBrew console export), quoted verbatim in `shared/reference/databrew-glue.md` §1.5 B.
  /// It fills missing sales with 0, subtracts one product's sales from the other's, removes the
  /// rows where the difference is at most 1, and deletes the helper columns.
  static let salesDifference = """
    [
      { "Action": { "Operation": "FILL_WITH_CUSTOM",
          "Parameters": { "columnDataType": "double", "sourceColumn": "Product_Id_11_Total_Sales_sum_sum", "value": "0" } } },
      { "Action": { "Operation": "FILL_WITH_CUSTOM",
          "Parameters": { "columnDataType": "double", "sourceColumn": "Product_Id_22_Total_Sales_sum_sum", "value": "0" } } },
      { "Action": { "Operation": "SUBTRACT",
          "Parameters": { "functionStepType": "SUBTRACT", "sourceColumn1": "Product_Id_11_Total_Sales_sum_sum",
                          "sourceColumn2": "Product_Id_22_Total_Sales_sum_sum", "targetColumn": "SUBTRACT Column 1" } } },
      { "Action": { "Operation": "REMOVE_VALUES", "Parameters": { "sourceColumn": "SUBTRACT Column 1" } },
        "ConditionExpressions": [ { "Condition": "LESS_THAN_EQUAL", "Value": "1", "TargetColumn": "SUBTRACT Column 1" } ] },
      { "Action": { "Operation": "DELETE", "Parameters": { "sourceColumns": "[\\"Product_Id_22_Total_Sales_sum_sum\\"]" } } },
      { "Action": { "Operation": "DELETE",
          "Parameters": { "sourceColumns": "[\\"Product_Id_11_Total_Sales_sum_sum\\",\\"SUBTRACT Column 1\\"]" } } }
    ]
    """

  @Test func salesDifferenceExportRunsUnchanged() throws {
    let folder = try TemporaryFolder()
    let recipe = try folder.write("ID-recipe-import.json", Self.salesDifference).path
    // Customers with both products' sales, one missing each, and differences above and at or below 1.
    let data = try folder.write(
      "sales.csv",
      """
      customer,Product_Id_11_Total_Sales_sum_sum,Product_Id_22_Total_Sales_sum_sum
      c1,10.5,2
      c2,3,2.5
      c3,,4
      c4,7,
      c5,1,0

      """
    ).path
    let result = try Pipeline.run(recipe: Recipe.load(path: recipe, source: data, target: folder.file("out").path))
    let rows = SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8))
    // Differences: c1 8.5 (kept), c2 0.5 (removed), c3 0 - 4 = -4 (removed), c4 7 - 0 = 7 (kept), c5 1 (removed: <= 1).
    #expect(rows == [["customer"], ["c1"], ["c4"]])
    let a = result.manifest.accounting
    #expect(a.rowsRead == 5 && a.rowsWritten == 2 && a.rowsFiltered == 3 && a.rowsQuarantined == 0 && a.balanced)
  }
}

/// The reference product written as a DataBrew recipe (RENAME, CATEGORICAL_MAPPING with the code
/// book, CHANGE_DATA_TYPE) gives byte for byte the curated file of the YAML recipe.
@Test func germanCreditAsADataBrewRecipeMatchesTheYAMLRecipe() throws {
  let yamlOut = try TemporaryFolder()
  let databrewOut = try TemporaryFolder()
  let yaml = try Pipeline.run(recipe: Recipe.load(path: TestPaths.germanCreditRecipe.path), outputFolder: yamlOut.path)
  let databrewRecipe = TestPaths.repo.appendingPathComponent("recipes/german-credit.databrew.json").path
  let databrew = try Pipeline.run(
    recipe: Recipe.load(path: databrewRecipe, source: TestPaths.germanData.path, target: databrewOut.path))
  #expect(databrew.manifest.steps.count == 43)
  #expect(databrew.manifest.accounting.rowsWritten == 1000)
  let a = try Data(contentsOf: URL(fileURLWithPath: yaml.dataFile))
  let b = try Data(contentsOf: URL(fileURLWithPath: databrew.dataFile))
  #expect(a == b)
}
