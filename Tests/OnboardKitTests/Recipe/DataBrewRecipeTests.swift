import Foundation
import Testing

@testable import OnboardKit

/// DataBrew recipes as DataBrew exports them: parameters as strings with JSON inside, camelCase or
/// PascalCase names, conditions ANDed.
struct DataBrewRecipeTests {
  @Test(arguments: [
    ("sourceColumn", "source_column"), ("SourceColumn1", "source_column1"), ("columnDataType", "column_data_type"),
    ("IPAddress", "ip_address"), ("value", "value"), ("removeLeadingAndTrailingWhitespace", "remove_leading_and_trailing_whitespace"),
  ])
  func parameterNamesBecomeSnakeCase(_ name: String, _ expected: String) {
    #expect(DataBrewParameters.snakeCase(name) == expected)
  }

  @Test func jsonInsideStringsIsUnpackedAndKeepsItsLine() throws {
    let text = """
      {
        "sourceColumns": "[\\"a\\",\\"b\\"]",
        "categoryMap": "{\\"x\\": \\"1\\"}",
        "value": "[not json"
      }
      """
    let normalized = try DataBrewParameters.normalize(RecipeNode.parse(text, file: "r.json"))
    let f = try normalized.fields(allowed: ["source_columns", "category_map", "value"])
    #expect(try f["source_columns"]!.strings() == ["a", "b"])
    #expect(f["source_columns"]!.location.line == 2)
    #expect(try f["category_map"]!.entries().map(\.key) == ["x"])
    #expect(try f["value"]!.string() == "[not json")
  }

  static let recipe = """
    [
      {"Action": {"Operation": "RENAME", "Parameters": {"sourceColumn": "nm", "targetColumn": "name"}}},
      {"Action": {"Operation": "CHANGE_DATA_TYPE", "Parameters": {"sourceColumn": "age", "columnDataType": "int"}}},
      {"Action": {"Operation": "DELETE", "Parameters": {"sourceColumns": "[\\"junk\\"]"}}}
    ]
    """

  @Test func exportRunsOnData() throws {
    let folder = try TemporaryFolder()
    let recipePath = try folder.write("clean-people.json", Self.recipe).path
    let data = try folder.write("people.csv", "nm,age,junk\nAnn,34,x\nBob,abc,y\n").path
    let recipe = try Recipe.load(path: recipePath, source: data, target: folder.file("out").path)
    #expect(recipe.product.name == "clean-people")
    #expect(recipe.steps.map(\.context.reference.kind) == ["rename", "cast", "drop"])
    #expect(recipe.steps.allSatisfy { $0.context.spelling == .databrew })
    let result = try Pipeline.run(recipe: recipe)
    let rows = SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8))
    // CHANGE_DATA_TYPE turns what does not convert into NULL, as DataBrew documents.
    #expect(rows == [["name", "age"], ["Ann", "34"], ["Bob", nil]])
    #expect(result.manifest.target.schema.map(\.type) == [.string, .integer])
  }

  /// DataBrew's docs name the scaling step SCALE and export it as NORMALIZATION (the docs' own
  /// example); both run, with the docs' MIN_MAX example parameters.
  @Test(arguments: ["NORMALIZATION", "SCALE"])
  func scalingRunsUnderBothNames(operation: String) throws {
    let folder = try TemporaryFolder()
    let recipePath = try folder.write("votes.json", """
      [{"Action": {"Operation": "\(operation)", "Parameters": {"sourceColumn": "all_votes", "strategy": "MIN_MAX", "targetColumn": "all_votes_normalized"}}}]
      """).path
    let data = try folder.write("votes.csv", "all_votes\n10\n35\n110\n").path
    let recipe = try Recipe.load(path: recipePath, source: data, target: folder.file("out").path)
    #expect(recipe.steps.map(\.context.reference.kind) == ["normalization"])
    let rows = SimpleCSV.parse(try String(contentsOfFile: try Pipeline.run(recipe: recipe).dataFile, encoding: .utf8))
    #expect(rows == [["all_votes", "all_votes_normalized"], ["10", "0"], ["35", "0.25"], ["110", "1"]])
  }

  @Test func unknownOperationNamesTheLineAndTheNearest() throws {
    let text = """
      [
        {"Action": {"Operation": "RENAME", "Parameters": {"sourceColumn": "a", "targetColumn": "b"}}},
        {"Action": {"Operation": "DELET", "Parameters": {"sourceColumn": "b"}}}
      ]
      """
    #expect {
      _ = try Recipe.parseDataBrew(text, file: "r.json", source: "x.csv", target: nil)
    } throws: { error in
      guard let e = error as? RecipeError else { return false }
      return e.code == "unknown-operation" && e.location.line == 3 && e.step?.index == 2 && e.fix == "did you mean 'DELETE'?"
    }
  }

  @Test func ourParserPointsDataBrewRecipesAtSource() throws {
    #expect { _ = try Recipe.parse(Self.recipe, file: "r.json") } throws: { ($0 as? RecipeError)?.code == "databrew-recipe" }
  }

  @Test func conditionsParseInBothSpellings() throws {
    let databrew = try RecipeNode.parse(#"{"Condition": "IS", "Value": "[\"draw\", \"lost\"]", "TargetColumn": "result"}"#, file: "r")
    let c = try Condition.parse(DataBrewParameters.normalize(databrew), step: .init(index: 1, kind: "x"))
    #expect(c.kind == .is && c.column == "result" && c.values == ["draw", "lost"])
    let between = try RecipeNode.parse(
      #"{"Condition": "IS_BETWEEN", "Value": "{\"GREATER_THAN_EQUAL\": \"2\", \"LESS_THAN_EQUAL\": \"5\"}", "TargetColumn": "n"}"#, file: "r")
    let b = try Condition.parse(DataBrewParameters.normalize(between), step: .init(index: 1, kind: "x"))
    #expect(b.values == ["2", "5"])
    let ours = try RecipeNode.parse("{condition: less_than, target_column: rating, value: 1800}", file: "r")
    #expect(try Condition.parse(ours, step: .init(index: 1, kind: "x")).kind == .lessThan)
  }

  static func evaluate(_ yaml: String, _ values: [String?], type: DataType = .string) throws -> [Bool] {
    var c = try Condition.parse(RecipeNode.parse(yaml, file: "t"), step: .init(index: 1, kind: "x"))
    let schema = Schema([Field(name: "v", type: type)])
    try c.plan(schema, step: .init(index: 1, kind: "x"))
    let batch = Batch(schema: schema, columns: [.text(TextColumn(values))], origins: values.indices.map { RowOrigin(line: $0, byteOffset: 0) })
    return c.matches(batch)
  }

  @Test func conditionsEvaluate() throws {
    let v: [String?] = ["10", "2.5", "abc", nil, ""]
    #expect(try Self.evaluate("{condition: less_than, target_column: v, value: 5}", v) == [false, true, false, false, false])
    #expect(try Self.evaluate("{condition: is_between, target_column: v, value: [2.5, 10]}", v) == [true, true, false, false, false])
    #expect(try Self.evaluate("{condition: is, target_column: v, value: [abc, '10']}", v) == [true, false, true, false, false])
    #expect(try Self.evaluate("{condition: is_not, target_column: v, value: abc}", v) == [true, true, false, true, true])
    #expect(try Self.evaluate("{condition: is_missing, target_column: v}", v) == [false, false, false, true, true])
    #expect(try Self.evaluate("{condition: is_invalid, target_column: v, value: integer}", v) == [false, true, true, false, false])
    #expect(try Self.evaluate("{condition: contains, target_column: v, value: b}", v) == [false, false, true, false, false])
    #expect(try Self.evaluate("{condition: ends_with, target_column: v, value: '5'}", v) == [false, true, false, false, false])
  }

  @Test func conditionErrorsBeforeData() throws {
    #expect { _ = try Self.evaluate("{condition: less_thn, target_column: v, value: 1}", []) } throws: {
      ($0 as? RecipeError)?.fix == "did you mean 'LESS_THAN'?"
    }
    #expect { _ = try Self.evaluate("{condition: less_than, target_column: w, value: 1}", []) } throws: {
      ($0 as? RecipeError)?.code == "unknown-column"
    }
    #expect { _ = try Self.evaluate("{condition: less_than, target_column: v, value: x}", []) } throws: {
      ($0 as? RecipeError)?.code == "invalid-parameter"
    }
    #expect { _ = try Self.evaluate("{condition: is_invalid, target_column: v}", []) } throws: {
      ($0 as? RecipeError)?.code == "missing-parameter"
    }
  }
}

/// Conditions end to end, in a DataBrew export: a filter removes the matching rows (counted as
/// filtered, not quarantined), and a transform changes only the matching rows.
@Test func conditionsNarrowStepsInARun() throws {
  let recipe = """
    [
      {"Action": {"Operation": "REMOVE_VALUES", "Parameters": {"sourceColumn": "rating"}},
       "ConditionExpressions": [{"Condition": "LESS_THAN", "Value": "1800", "TargetColumn": "rating"}]},
      {"Action": {"Operation": "UPPER_CASE", "Parameters": {"sourceColumn": "winner"}},
       "ConditionExpressions": [{"Condition": "IS", "Value": "[\\"draw\\", \\"resign\\"]", "TargetColumn": "victory"},
                                {"Condition": "GREATER_THAN_EQUAL", "Value": "2000", "TargetColumn": "rating"}]},
      {"Action": {"Operation": "FILL_WITH_CUSTOM", "Parameters": {"sourceColumn": "note", "value": "none"}}}
    ]
    """
  let folder = try TemporaryFolder()
  let recipePath = try folder.write("chess.json", recipe).path
  let data = try folder.write(
    "games.csv",
    """
    winner,victory,rating,note
    white,draw,2100,a
    black,mate,2200,
    white,resign,1900,b
    black,draw,1700,c
    white,resign,2050,

    """
  ).path
  let result = try Pipeline.run(recipe: Recipe.load(path: recipePath, source: data, target: folder.file("out").path))
  let rows = SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8))
  #expect(rows == [
    ["winner", "victory", "rating", "note"],
    ["WHITE", "draw", "2100", "a"],  // draw and rating >= 2000: upper-cased
    ["black", "mate", "2200", "none"],  // mate: left as it was; note filled
    ["white", "resign", "1900", "b"],  // resign but rating < 2000: left as it was
    ["WHITE", "resign", "2050", "none"],
  ])
  let a = result.manifest.accounting
  #expect(a.rowsRead == 5 && a.rowsWritten == 4 && a.rowsFiltered == 1 && a.rowsQuarantined == 0 && a.balanced)
}

/// A step that cannot be narrowed refuses a condition before any row is read.
@Test func conditionOnARenameIsRefused() throws {
  let recipe = """
    [{"Action": {"Operation": "RENAME", "Parameters": {"sourceColumn": "a", "targetColumn": "b"}},
      "ConditionExpressions": [{"Condition": "IS_MISSING", "TargetColumn": "a"}]}]
    """
  let folder = try TemporaryFolder()
  let recipePath = try folder.write("r.json", recipe).path
  let data = try folder.write("d.csv", "a\n1\n").path
  #expect { _ = try Pipeline.run(recipe: Recipe.load(path: recipePath, source: data, target: folder.file("out").path)) } throws: {
    ($0 as? RecipeError)?.code == "conditions-not-supported"
  }
  #expect(!FileManager.default.fileExists(atPath: folder.file("out").path))
}

/// A step that remembers learns only from the rows its conditions select: forward fill under a
/// condition carries the last value of the matching rows, not of the others.
@Test func narrowedStatefulStepSeesOnlyMatchingRows() throws {
  let yaml = """
    product: {name: t}
    source: {path: d.csv}
    steps:
      - fill_with_last_valid:
          source_column: v
          when: [{condition: is, target_column: g, value: a}]
    target: {path: out}
    """
  let folder = try TemporaryFolder()
  try folder.write("d.csv", "g,v\na,1\nb,9\na,\nb,\n")
  let recipe = try Recipe.parse(yaml, file: folder.file("r.yaml").path)
  let result = try Pipeline.run(recipe: recipe)
  let rows = SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8))
  // Row 3 (group a) takes 1 from row 1, not 9 from row 2; row 4 (group b) is not filled.
  #expect(rows == [["g", "v"], ["a", "1"], ["b", "9"], ["a", "1"], ["b", nil]])
}

/// DataBrew's own example pattern `[0-9]` (REPLACE_TEXT) is a regular expression, not a packed list.
@Test func bracketedPatternsStayText() throws {
  let text = #"{"sourceColumn": "a", "pattern": "[0-9]", "value": "[x]", "sourceColumns": "[\"a\"]", "bad": "[^0-9]"}"#
  let f = try DataBrewParameters.normalize(RecipeNode.parse(text, file: "r")).fields(
    allowed: ["source_column", "pattern", "value", "source_columns", "bad"])
  #expect(try f["pattern"]!.string() == "[0-9]")
  #expect(try f["value"]!.string() == "[x]")
  #expect(try f["source_columns"]!.strings() == ["a"])
  #expect(try f["bad"]!.string() == "[^0-9]")
}
