import Foundation
import Testing

@testable import OnboardKit

/// `where` clauses: the SQL filter is parsed before any row, and the rules that carry it see only
/// the rows it keeps, with SQL's three-valued logic.
@Suite struct WhereClauseTests {
  /// Eight rows. NULLs: age row 4, city row 6 (empty), score rows 3 (NA) and 7.
  static let csv = """
    id,age,city,score,joined
    1,25,Berlin,10,2024-01-15
    2,35,Paris,20,2024-03-01
    3,45,Berlin,NA,2023-12-31
    4,,Rome,40,2024-06-30
    5,55,Berlin,50,2022-01-01
    6,65,,60,2024-02-29
    7,30,O'Hare,,2024-07-01
    8,40,Paris,80,2021-05-05

    """

  static func report(_ rules: [String], csv: String = csv) throws -> QualityReport {
    let folder = try TemporaryFolder()
    let file = try folder.write("data.csv", csv)
    let document = try DQDLParser.parse("Rules = [\n  " + rules.joined(separator: ",\n  ") + "\n]\n")
    return try Checker.check(path: file.path, rules: document, rulesName: "t", threads: 1).report
  }

  static func metric(_ report: QualityReport, _ rule: Int, _ key: String) -> Double? { report.rules[rule].metrics[key] }

  @Test func theRulesSeeOnlyTheKeptRows() throws {
    let r = try Self.report([
      // age > 30: rows 2, 3, 5, 6, 8 (row 4's NULL age is unknown, so left out).
      #"RowCount = 5 where "age > 30""#,
      // city = 'Berlin': rows 1, 3, 5; scores 10, NA, 50 → completeness 2/3, mean 30.
      #"Completeness "score" between 0.66 and 0.67 where "city = 'Berlin'""#,
      #"Mean "score" = 30 where "city = 'Berlin'""#,
      // Paris rows 2 and 8: ids unique; ages 35, 40 all > 30.
      #"IsUnique "id" where "city = 'Paris'""#,
      #"ColumnValues "age" > 30 where "city = 'Paris'""#,
      // Without the filter, Paris is not every city.
      #"ColumnValues "city" = "Paris""#,
      // The same clause twice: one scope; a failing rule in it.
      #"ColumnValues "age" > 36 where "city = 'Paris'""#,
    ])
    #expect(r.rules.map(\.result) == [.pass, .pass, .pass, .pass, .pass, .fail, .fail])
    #expect(Self.metric(r, 0, "Dataset.*.RowCount") == 5)
    #expect(Self.metric(r, 1, "Column.score.Completeness") == 2.0 / 3)
    #expect(Self.metric(r, 6, "Column.age.ColumnValues.Compliance") == 0.5)
  }

  @Test func threeValuedLogic() throws {
    let r = try Self.report([
      // NOT (age > 30) keeps row 1 (25) and 7 (30); row 4's NULL stays unknown.
      #"RowCount = 2 where "NOT age > 30""#,
      // OR with one side true keeps the row even when the other is unknown: rows 1 and 4.
      #"RowCount = 2 where "age < 30 OR city = 'Rome'""#,
      // NOT IN with a NULL in the list is never true.
      #"RowCount = 0 where "city NOT IN ('Berlin', NULL)""#,
      #"RowCount = 3 where "city NOT IN ('Berlin', 'Rome')""#,
      #"RowCount = 1 where "age IS NULL""#,
      #"RowCount = 7 where "age IS NOT NULL""#,
      // BETWEEN includes its bounds (SQL), unlike DQDL's between: 35, 40, 45.
      #"RowCount = 3 where "age BETWEEN 35 AND 45""#,
      // LIKE: % any run, _ one character; a quote doubled inside a string.
      #"RowCount = 2 where "city LIKE 'P_r%'""#,
      #"RowCount = 1 where "city = 'O''Hare'""#,
      // Dates written as text compare as text, which orders ISO dates.
      #"RowCount = 4 where "joined >= '2024-01-01' AND joined < '2024-07-01'""#,
      // Precedence: AND before OR, parentheses first.
      #"RowCount = 3 where "city = 'Rome' OR city = 'Paris' AND age > 30""#,
      #"RowCount = 1 where "(city = 'Rome' OR city = 'Paris') AND age > 36""#,
    ])
    for (outcome, expected) in zip(r.rules, [2, 2, 0, 3, 1, 7, 3, 2, 1, 4, 3, 1]) {
      #expect(outcome.result == .pass, "\(outcome.description): \(outcome.message ?? "")")
      #expect(outcome.metrics["Dataset.*.RowCount"] == Double(expected), "\(outcome.description)")
    }
  }

  @Test func aFilterThatCannotApplyIsAnError() throws {
    let r = try Self.report([
      #"RowCount > 0 where "agee > 30""#,
      #"RowCount > 0 where "upper(city) = 'PARIS'""#,
      #"RowCount > 0 where "age >""#,
      #"RowCount > 0 where "city = 'Paris""#,
    ])
    #expect(r.rules.map(\.result) == [.error, .error, .error, .error])
    #expect(r.rules[0].message == #"where "agee > 30": the where clause reads a column 'agee' that does not exist; did you mean 'age'?"#)
    #expect(r.rules[1].message?.contains("functions are not supported in where clauses yet") == true)
    #expect(r.rules[2].message?.contains("the filter ends where a column or a value was expected") == true)
    #expect(r.rules[3].message?.contains("never closed") == true)
  }

  /// On typed columns (after a recipe's cast) numbers compare as numbers and dates as dates.
  @Test func typedColumnsInARecipe() throws {
    let folder = try TemporaryFolder()
    _ = try folder.write("data.csv", Self.csv)
    let recipe = try folder.write("r.yaml", """
      product: {name: t}
      source: {path: data.csv}
      steps:
        - cast: {columns: {age: integer, joined: date}}
      quality:
        dqdl: |
          Rules = [
            RowCount = 3 where "joined >= '2024-01-01' AND joined <= '2024-02-29' OR age >= 55",
            Mean "age" = 45 where "joined < '2024-01-01'"
          ]
      target: {path: out}

      """)
    let result = try Pipeline.run(recipe: try Recipe.load(path: recipe.path))
    // Joined January to February 2024: rows 1 and 6 (February 29); aged 55 or more: rows 5 and 6.
    // Rows 1, 5 and 6.
    #expect(result.quality?.rules[0].metrics["Dataset.*.RowCount"] == 3)
    #expect(result.quality?.rules[0].result == .pass)
    // Before 2024: rows 3 (45), 5 (55), 8 (40) → mean 140 / 3.
    #expect(result.quality?.rules[1].metrics["Column.age.Mean"] == 140.0 / 3)
  }
}
