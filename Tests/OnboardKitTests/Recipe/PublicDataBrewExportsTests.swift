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

  /// The recipes below are kept as published in `Fixtures/databrew/`, whose README gives each one's
  /// repository, path, commit and licence.
  static func fixture(_ name: String) -> String { TestPaths.fixtures.appendingPathComponent("databrew/\(name)").path }

  static func rows(_ result: Pipeline.Result) throws -> [[String?]] {
    SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8))
  }

  /// Provenance: the DataBrew Developer Guide's `chess-project-recipe` (recipes.html). The guide
  /// says what it does: remove the games where either player is rated below 1,800; GROUP_BY
  /// "sorts the rows into groups based on the values of winner ... then victory_status ... the
  /// number of occurrences for each subgroup is counted. The resulting summary then replaces the
  /// original data"; remove the draws; then rename the three victory kinds. On 14 games worked
  /// through by hand (`chess-games.csv`): g01, g07 and g08 have a player below 1,800 (g10's 1,800
  /// is not below); the other 11 fall in 7 groups, of which draw/draw goes.
  @Test func chessProjectRecipeFromTheDeveloperGuideRunsUnchanged() throws {
    let folder = try TemporaryFolder()
    let result = try Pipeline.run(recipe: Recipe.load(
      path: Self.fixture("chess-project-recipe.json"), source: Self.fixture("chess-games.csv"), target: folder.file("out").path))
    // Groups in the order of their first game: g02 black/resign (with g11), g03 white/mate (g04,
    // g12), g05 draw, g06 white/resign, g09 black/mate, g10 white/outoftime, g14 black/outoftime.
    #expect(try Self.rows(result) == [
      ["winner", "victory_status", "winner_count"],
      ["black", "other player resigned", "2"],
      ["white", "checkmate", "3"],
      ["white", "other player resigned", "1"],
      ["black", "checkmate", "1"],
      ["white", "ran out of time", "1"],
      ["black", "ran out of time", "1"],
    ])
    #expect(result.manifest.steps.map(\.kind) == [
      "remove_values", "remove_values", "group_by", "remove_values", "replace_text", "replace_text", "replace_text",
    ])
    // 3 rows removed by the ratings, 4 folded into their group's row, 1 draw group removed.
    let a = result.manifest.accounting
    #expect(a.rowsRead == 14 && a.rowsWritten == 6 && a.rowsFiltered == 8 && a.rowsQuarantined == 0 && a.balanced)
  }

  /// Provenance: aws-samples' PII pipeline (`pii-masking-recipe-steps.json`, MIT-0). Its Step
  /// Functions task creates this one-step recipe with the secret's ARN (CloudFormation fills
  /// `${GlueDataBrewPIITaskSecretArn}`) and the columns a profile job found to hold PII (Step
  /// Functions fills `sourceColumns.$` with the Lambda's list, a JSON array). Its README names
  /// full_name, email_address and contact_phone_number as hashed, and spoken_language as left
  /// alone; the card numbers are USA_ALL's CREDIT_CARD. DataBrew's CRYPTOGRAPHIC_HASH page: the
  /// default algorithm is HMAC_SHA256, keyed with the secret, which the stack stores base64
  /// encoded. Expected hashes: Python's `base64.b64encode(hmac.new(key, value, sha256).digest())`
  /// with key `correct horse battery staple`.
  @Test func piiMaskingRecipeFromAWSSamplesHashesTheDetectedColumns() throws {
    let template = try String(contentsOfFile: Self.fixture("pii-masking-recipe-steps.json"), encoding: .utf8)
    let arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:GlueDataBrewPIITaskSecret-a1b2c3"
    let detected = #"["full_name", "contact_phone_number", "email_address", "registered_credit_card"]"#
    let recipe = template.replacingOccurrences(of: "${GlueDataBrewPIITaskSecretArn}", with: arn)
      .replacingOccurrences(of: #""sourceColumns.$": "$.LambdaTaskResult.pii-columns""#, with: #""sourceColumns": "# + detected)
    #expect(recipe != template)
    let folder = try TemporaryFolder()
    let data = Self.fixture("pii-sample-dataset-head.csv")
    func load(_ text: String) throws -> Recipe {
      try Recipe.load(path: folder.write("pii-masking-recipe.json", text).path, source: data, target: folder.file("out").path)
    }
    // The secret's variable is named after the ARN's last part; it holds the secret as stored.
    let variable = "ONBOARD_SECRET_GLUEDATABREWPIITASKSECRET_A1B2C3"
    let secret = Data("correct horse battery staple".utf8).base64EncodedString()
    let result = try Pipeline.run(recipe: load(recipe).withSecrets(.variables([variable: secret])))
    let m = "PIpHIEA4kmRPYgkkiNAu1E87eF4bJh6g/bDu1VCjBoA="  // "Mary Major"
    let mail = "/VZjHmoCcQhvWwevK5MNfBeO4lqqX5gjgxxvzfnffu8="  // "mary_major@example.org"
    #expect(try Self.rows(result) == [
      ["id", "full_name", "gender", "job_title", "spoken_language", "contact_phone_number", "email_address", "registered_credit_card"],
      ["1", m, "Female", "Safety Technician III", "Indonesian", "K7mMV63BiEGMc970Kw/wsy4AKbnVG4T54JhO9BTlc4M=", mail,
       "sYrYHvWckezpHabeW6HKe9gdm57TQlPbQrKu5yBX9kQ="],
      ["2", m, "Female", "Accounting Assistant III", "Korean", "r+LMgvylQ3z6OaTGO9IVs2GqnlEJTLWe1hWk5db2Yo8=", mail,
       "mFuf4oAuxLxwJHhfvdEIOzlLzD0LFjQMp7EDjeiOvBA="],
      ["3", "bHD4na0L4am0NYNkDNhB0vCCtXic7XTd6/HPn4OhxkI=", "Male", "Staff Scientist", "Lao", "X60/qEJwe0PS+DIoLwQN+i6DJQmPJI336H004QdWaro=",
       "SXMCYExemytilylnzs5Dy6a7E91/oivG1jsI7WueB+c=", "40rgJJYq6bS8OSYre8oeMxDS0574RTOB5niZQEVSxSs="],
      ["4", "elQfge/otWZpLEos6dcTbvAVuzQnvuTuieGWq69Gs3o=", "Female", "Biostatistician III", "Portuguese",
       "ip4zTNpY3qzNlMXaovml6/kmpGSWqlqnaG2jKQut+Ec=", "mSRu7eGa/DxDwTVAq8GGtdzEbUSmbi8oftj+Bdrg1Lo=", "qeYkVSuWLUjLPZG67BeOKGNgiYkXfT2LaC2WVjjosHw="],
      ["5", m, "Male", "Design Engineer", "Haitian Creole", "x2+VNR9FHIFObP2Bp8ZIeewvyu+D+dzNhTyzW/tanq8=", mail,
       "2U/eyphIPFDAM+AL+jAnT8vRVlRL5NIaOcS9+TuglEU="],
    ])
    let hashed = result.manifest.target.schema.filter { $0.protection != nil }.map(\.name)
    #expect(hashed == ["full_name", "contact_phone_number", "email_address", "registered_credit_card"])
    #expect(!(try String(contentsOfFile: result.manifestFile, encoding: .utf8)).contains("mary_major"))

    // The template before Step Functions fills it is not a recipe DataBrew could run either.
    #expect(throws: RecipeError.self) { try load(template).withSecrets(.variables([variable: secret])) }
    // The README's example secret, base64 of an 8-byte key, is refused as too weak to key a hash.
    do {
      _ = try Pipeline.run(recipe: load(recipe).withSecrets(.variables([variable: "TXlTZWNyZXQ="])))
      Issue.record("an 8-byte key was accepted")
    } catch let error as RecipeError {
      #expect(error.code == "secret-weak", "\(error)")
    }
  }

  /// Provenance: aws/modern-data-architecture-accelerator (Apache-2.0), the DataBrew module's
  /// sample configuration: `mdaa-jdbc-recipe` renames `id` to `employee_id`, and `mdaa-s3-recipe`
  /// renames it back. DataBrew's RENAME renames the column; the values and the other columns stay.
  @Test func mdaaRenameRecipesRoundTrip() throws {
    let folder = try TemporaryFolder()
    let csv = "id,name,department\n7,Ana,finance\n8,Bo,\n9,Cy,ops\n"
    let original = try folder.write("employees.csv", csv)
    let jdbc = try Pipeline.run(recipe: Recipe.load(
      path: Self.fixture("mdaa-jdbc-recipe.json"), source: original.path, target: folder.file("jdbc").path))
    #expect(try Self.rows(jdbc) == [["employee_id", "name", "department"], ["7", "Ana", "finance"], ["8", "Bo", nil], ["9", "Cy", "ops"]])
    let s3 = try Pipeline.run(recipe: Recipe.load(
      path: Self.fixture("mdaa-s3-recipe.json"), source: jdbc.dataFile, target: folder.file("s3").path))
    #expect(try String(contentsOfFile: s3.dataFile, encoding: .utf8) == csv)
    #expect(s3.manifest.lineage?["id"].map(LineageTests.line) == "id ← employee_id DIRECT/IDENTITY (1:rename) | 1:rename IDENTITY")
  }

  /// Provenance: randyridgley/visual-etl-workshop (CC BY-SA 4.0), the CDK `CfnRecipe`
  /// `clean-nfl-stats-recipe`: the workshop says it "will update the team_id and player_id columns
  /// to integer and [remove] all the stats not associated with quarterbacks". CDK writes the step
  /// keys capitalised (`Action`, `Operation`, `Parameters`), as the test does. DataBrew's
  /// CHANGE_DATA_TYPE: values that cannot convert become null.
  @Test func nflStatsRecipeFromAWorkshopTypesIdsAndDropsColumns() throws {
    let literal = try String(contentsOfFile: Self.fixture("clean-nfl-stats-recipe.steps.txt"), encoding: .utf8)
    let synthesized = literal.replacingOccurrences(of: "action:", with: "Action:")
      .replacingOccurrences(of: "operation:", with: "Operation:").replacingOccurrences(of: "parameters:", with: "Parameters:")
    let folder = try TemporaryFolder()
    let recipe = try folder.write("clean-nfl-stats-recipe.yaml", synthesized)
    // The recipe names the 44 columns it deletes; the data has them, and four it keeps.
    let node = try RecipeNode.parse(synthesized, file: "steps")
    let deleteList = try node.items()[2].fields(allowed: ["Action"])["Action"]!.fields(allowed: ["Operation", "Parameters"])["Parameters"]!
      .fields(allowed: ["sourceColumns"])["sourceColumns"]!.string()
    let deleted = try #require(try JSONSerialization.jsonObject(with: Data(deleteList.utf8)) as? [String])
    #expect(deleted.count == 44)
    let kept = ["team_id", "player_id", "player_name", "pass_yds"]
    var csv = (kept + deleted).joined(separator: ",") + "\n"
    for (team, player, name, yards) in [("12", "2532975", "Tom", "4355"), ("FA", "2558125", "Pat", "2108"), ("30", "n/a", "Joe", "12")] {
      csv += ([team, player, name, yards] + deleted.map { _ in "1" }).joined(separator: ",") + "\n"
    }
    let data = try folder.write("nfl.csv", csv)
    let result = try Pipeline.run(recipe: Recipe.load(path: recipe.path, source: data.path, target: folder.file("out").path))
    #expect(try Self.rows(result) == [kept, ["12", "2532975", "Tom", "4355"], [nil, "2558125", "Pat", "2108"], ["30", nil, "Joe", "12"]])
    #expect(result.manifest.target.schema.map(\.type.glueName).prefix(2) == ["int", "int"])
    let a = result.manifest.accounting
    #expect(a.rowsRead == 3 && a.rowsWritten == 3 && a.rowsQuarantined == 0 && a.balanced)
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
