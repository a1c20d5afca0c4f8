import Foundation
import Testing

@testable import OnboardKit

/// `group_by` (DataBrew `GROUP_BY`) through whole runs: across batches, with typed keys, in both of
/// DataBrew's forms, balancing the accounting, converting to DataBrew and back, and agreeing with
/// DuckDB's GROUP BY on 100,000 rows.
@Suite struct GroupByTests {
  static func run(_ steps: String, csv: String, in folder: TemporaryFolder) throws -> (Pipeline.Result, [[String?]]) {
    try folder.write("d.csv", csv)
    let yaml = "product: {name: t}\nsource: {path: d.csv}\nsteps:\n\(steps)\ntarget: {path: out}\n"
    let result = try Pipeline.run(recipe: Recipe.parse(yaml, file: folder.file("r.yaml").path))
    return (result, SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8)))
  }

  /// Rows through a plan in several batches: groups span batches, and the keys keep their types.
  @Test func groupsSpanBatchesAndTypedKeysKeepTheirType() throws {
    let steps = """
        - cast: {columns: {year: integer, day: date}}
        - group_by:
            source_columns: [year]
            use_new_data_frame: true
            group_by_agg_function_options:
              - {source_column_name: day, target_column_name: first, function_name: MIN}
              - {source_column_name: day, target_column_name: last, function_name: MAX}
              - {source_column_name: amount, target_column_name: total, function_name: SUM}
              - {source_column_name: amount, target_column_name: usual, function_name: MODE}
      """
    let recipe = try Recipe.parse("product: {name: t}\nsource: {path: d.csv}\nsteps:\n\(steps)\ntarget: {path: out}\n", file: "r.yaml")
    let source = Schema(["year", "day", "amount"].map { Field(name: $0, type: .string) })
    var plan = try Plan(steps: recipe.steps, source: source)
    #expect(plan.target.fields.map(\.type) == [.integer, .string, .string, .string, .string])
    let rows: [[String?]] = [
      ["2024", "2024-03-01", "0.1"], ["2023", "2023-12-31", "5"], ["2024", "2024-01-15", "0.2"],
      [nil, "2022-01-01", "1"], ["2024", "2024-02-29", "0.20"], ["2023", "2023-01-01", "x"],
    ]
    let batches = stride(from: 0, to: rows.count, by: 2).map { start in
      StepExamplesTests.batch(ExampleTable(["year", "day", "amount"], Array(rows[start ..< start + 2])))
    }
    try plan.learn(from: batches)
    var out: [[String?]] = []
    var filtered = 0
    try plan.stream({ body in for batch in batches { try body(batch) } }) { batch, refused, dropped in
      #expect(refused.isEmpty)
      filtered += dropped
      if let batch {
        #expect(batch.schema == plan.target)
        if case .int64 = batch.columns[0] {} else { Issue.record("the key column is no longer an integer column") }
        out += (0 ..< batch.rowCount).map { r in batch.columns.map { $0.formatted(r) } }
      }
    }
    // 0.1 + 0.2 + 0.20 is exactly 0.50; 0.2 and 0.20 are one number, the mode.
    #expect(out == [
      ["2024", "2024-01-15", "2024-03-01", "0.50", "0.2"], ["2023", "2023-01-01", "2023-12-31", "5", "5"],
      [nil, "2022-01-01", "2022-01-01", "1", "1"],
    ])
    #expect(filtered == 3, "six rows in three groups: three are folded into their group's row")
  }

  /// Both forms through a run: the rows folded into groups count as filtered, so the accounting
  /// balances; the window form keeps every row; a pre-pass step after the barrier learns from its rows.
  @Test func runsBalanceTheAccountingInBothForms() throws {
    let csv = "team,score\nred,4\nblue,9\nred,\nred,7\ngreen,n/a\n"
    let folder = try TemporaryFolder()
    let (grouped, rows) = try Self.run("""
        - group_by: {source_columns: [team], use_new_data_frame: true, group_by_agg_function_options: [\
      {source_column_name: score, target_column_name: mean, function_name: AVERAGE}]}
        - fill_with_average: {source_column: mean}
      """, csv: csv, in: folder)
    // green has no number, so no mean; the fill learns from the groups' rows: (5.5 + 9) / 2 = 7.25.
    #expect(rows == [["team", "mean"], ["red", "5.5"], ["blue", "9"], ["green", "7.25"]])
    let a = grouped.manifest.accounting
    #expect(a.rowsRead == 5 && a.rowsWritten == 3 && a.rowsFiltered == 2 && a.balanced)
    #expect(grouped.manifest.steps.map(\.kind) == ["group_by", "fill_with_average"])

    let other = try TemporaryFolder()
    let (window, windowRows) = try Self.run("""
        - group_by: {source_columns: [team], use_new_data_frame: false, group_by_agg_function_options: [\
      {source_column_name: score, target_column_name: games, function_name: COUNT}]}
      """, csv: csv, in: other)
    #expect(windowRows == [["team", "score", "games"], ["red", "4", "2"], ["blue", "9", "1"], ["red", nil, "2"], ["red", "7", "2"],
                           ["green", "n/a", "1"]])
    let w = window.manifest.accounting
    #expect(w.rowsRead == 5 && w.rowsWritten == 5 && w.rowsFiltered == 0 && w.balanced)
    let lineage = try #require(window.manifest.lineage)
    #expect(lineage["games"].map(LineageTests.line)
      == "games ← team INDIRECT/WINDOW (1:group_by); score DIRECT/AGGREGATION (1:group_by) | 1:group_by AGGREGATION, 1:group_by WINDOW")
  }

  /// The window form spills the rows it holds beyond its memory budget and gives them back in
  /// order, with the same values as when it holds them all.
  @Test func windowFormSpillsBeyondItsBudgetAndKeepsTheOrder() throws {
    let folder = try TemporaryFolder()
    var rng = SplitMix64(seed: 9)
    let batches = (0 ..< 5).map { b in
      StepExamplesTests.batch(ExampleTable(["team", "score"], (0 ..< 300).map { _ in
        ["t\(rng.next() % 7)", rng.next() % 10 == 0 ? nil : "\(rng.next() % 100)"]
      }))
    }
    func run(budget: Int) throws -> [[String?]] {
      let node = try RecipeNode.parse(
        "{source_columns: [team], use_new_data_frame: false, group_by_agg_function_options: [{source_column_name: score, target_column_name: total, function_name: SUM}]}",
        file: "t")
      let context = StepContext(reference: StepReference(index: 1, kind: "group_by"), location: node.location, folder: folder.path)
      var step = try GroupBy(parameters: node, context: context)
      step.memoryBudget = budget
      step.spillFolder = folder.path
      _ = try step.plan(batches[0].schema, context: context)
      for batch in batches { try step.consume(batch) }
      var rows: [[String?]] = []
      try step.finish { batch in rows += (0 ..< batch.rowCount).map { r in batch.columns.map { $0.formatted(r) } } }
      #expect(step.rowsFolded == 0)
      return rows
    }
    let inMemory = try run(budget: GroupBy.defaultMemoryBudget)
    let spilled = try run(budget: 1)
    #expect(inMemory.count == 1_500)
    #expect(spilled == inMemory)
    let input = batches.flatMap { b in (0 ..< b.rowCount).map { r in b.columns.map { $0.formatted(r) } } }
    #expect(spilled.map { Array($0.prefix(2)) } == input)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "the spill file leaves nothing behind")
  }

  /// Lineage of the form that replaces the rows: keys unchanged, aggregates from their column, and
  /// the keys deciding which rows there are.
  @Test func lineageNamesKeysAsGroupByAndAggregatesAsAggregation() throws {
    let folder = try TemporaryFolder()
    let (result, _) = try Self.run("""
        - group_by: {source_columns: [team], use_new_data_frame: true, group_by_agg_function_options: [\
      {source_column_name: score, target_column_name: best, function_name: MAX}]}
      """, csv: "team,score\nred,4\nred,5\n", in: folder)
    let lineage = try #require(result.manifest.lineage)
    #expect(lineage.columns.map(LineageTests.line) == [
      "team ← team DIRECT/IDENTITY | ", "best ← score DIRECT/AGGREGATION (1:group_by) | 1:group_by AGGREGATION",
    ])
    #expect(lineage.dataset.map(\.field) == ["team"])
    #expect(lineage.dataset.first?.transformations == [LineageTransformation(.groupBy, description: "1:group_by")])
  }

  /// Functions DataBrew lists but a GROUP_BY aggregate cannot express are refused with a fix, and
  /// DataBrew's other spelling of the parameter is read.
  @Test func unsupportedFunctionsAreRefusedBeforeAnyRow() throws {
    for (function, code) in [("KTH_LARGEST", "unsupported-function"), ("UNAGGREGATED", "unsupported-function"), ("SUMM", "invalid-parameter")] {
      let text = """
        [{"Action": {"Operation": "GROUP_BY", "Parameters": {"sourceColumns": "[\\"a\\"]", "useNewDataFrame": "true",
          "groupByAggFunctions": "[{\\"sourceColumnName\\":\\"b\\",\\"targetColumnName\\":\\"c\\",\\"functionName\\":\\"\(function)\\"}]"}}}]
        """
      do {
        _ = try Recipe.parseDataBrew(text, file: "r.json", source: "d.csv", target: nil)
        Issue.record("\(function) was accepted")
      } catch let error as RecipeError {
        #expect(error.code == code, "\(error)")
        #expect(error.fix != nil)
      }
    }
  }

  /// `onboard convert` writes the aggregates as DataBrew does (camelCase keys, packed in a string)
  /// and reads them back to the same plan.
  @Test func convertsToDataBrewAndBack() throws {
    let yaml = """
      product: {name: t}
      source: {path: d.csv}
      steps:
        - group_by:
            source_columns: team
            use_new_data_frame: true
            group_by_agg_function_options:
              - {source_column_name: score, target_column_name: best, target_column_data_type: number, function_name: MAX}
      target: {path: out}

      """
    let databrew = try RecipeConversion.toDataBrew(yaml, file: "r.yaml")
    let steps = try #require(try JSONSerialization.jsonObject(with: Data(databrew.text.utf8)) as? [[String: Any]])
    let parameters = try #require((steps.first?["Action"] as? [String: Any])?["Parameters"] as? [String: String])
    #expect(parameters["sourceColumns"] == #"["team"]"#)
    #expect(parameters["useNewDataFrame"] == "true")
    #expect(parameters["groupByAggFunctionOptions"]
      == #"[{"functionName":"MAX","sourceColumnName":"score","targetColumnDataType":"number","targetColumnName":"best"}]"#)
    let source = Schema([Field(name: "team", type: .string), Field(name: "score", type: .string)])
    let back = try Recipe.parseDataBrew(databrew.text, file: "r.json", source: "d.csv", target: nil)
    let original = try Recipe.parse(yaml, file: "r.yaml")
    #expect(try Plan(steps: back.steps, source: source).target == Plan(steps: original.steps, source: source).target)
    let converted = try RecipeConversion.fromDataBrew(databrew.text, file: "r.json", source: "d.csv")
    #expect(try Plan(steps: Recipe.parse(converted.text, file: "c.yaml").steps, source: source).target.names == ["team", "best"])
  }

  /// On 100,000 generated rows (two source batches, about 120 groups), every aggregate agrees with
  /// DuckDB's GROUP BY: counts and distinct counts exactly, sums, extremes and medians as exact
  /// decimals, means and standard deviations to rounding; groups come in the order of their first row.
  @Test func aggregatesAgreeWithDuckDB() throws {
    let folder = try TemporaryFolder()
    var rng = SplitMix64(seed: 2024)
    let regions = (0 ..< 40).map { "region-\($0)" }
    let channels = ["web", "shop", "phone"]
    var csv = "region,channel,amount,customer\n"
    var firstSeen: [String] = []
    var seen: Set<String> = []
    for i in 0 ..< 100_000 {
      let region = i % 97 == 0 ? "" : regions[Int(rng.next() % 40)]
      let channel = channels[Int(rng.next() % 3)]
      let amount: String
      switch rng.next() % 100 {
      case 0 ..< 5: amount = ""
      case 5: amount = "n/a"
      case 6 ..< 20: amount = String(Int64(rng.next() % 5_000) - 1_000)
      default:
        amount = StepNumber.exact(Int64(rng.next() % 2_100_000) - 100_000, scale: 2).text
          .withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
      }
      let customer = rng.next() % 33 == 0 ? "" : "c\(rng.next() % 3_000)"
      csv += "\(region),\(channel),\(amount),\(customer)\n"
      if seen.insert("\(region)|\(channel)").inserted { firstSeen.append("\(region)|\(channel)") }
    }
    let data = try folder.write("d.csv", csv)

    guard let json = try OraclePython.json([OraclePython.script("oracle_group.py"), data.path, "amount", "customer", "region", "channel"])
    else { return }
    let groups = try #require(json as? [[String: Any]])
    var oracle: [String: [String: Any]] = [:]
    for g in groups {
      let keys = try #require(g["keys"] as? [Any])
      oracle["\(keys[0] as? String ?? "")|\(keys[1] as? String ?? "")"] = g
    }

    let (result, rows) = try Self.run("""
        - group_by:
            source_columns: [region, channel]
            use_new_data_frame: true
            group_by_agg_function_options:
              - {source_column_name: amount, target_column_name: n, function_name: COUNT}
              - {source_column_name: customer, target_column_name: customers, function_name: COUNT_DISTINCT}
              - {source_column_name: amount, target_column_name: total, function_name: SUM}
              - {source_column_name: amount, target_column_name: mean, function_name: AVERAGE}
              - {source_column_name: amount, target_column_name: low, function_name: MIN}
              - {source_column_name: amount, target_column_name: high, function_name: MAX}
              - {source_column_name: amount, target_column_name: middle, function_name: MEDIAN}
              - {source_column_name: amount, target_column_name: spread, function_name: STANDARD_DEVIATION}
      """, csv: csv, in: folder)
    #expect(rows.first == ["region", "channel", "n", "customers", "total", "mean", "low", "high", "middle", "spread"])
    let body = Array(rows.dropFirst())
    #expect(body.count == oracle.count)
    #expect(body.map { "\($0[0] ?? "")|\($0[1] ?? "")" } == firstSeen, "groups in the order of their first row")
    let a = result.manifest.accounting
    #expect(a.rowsRead == 100_000 && a.rowsWritten == body.count && a.rowsFiltered == 100_000 - body.count && a.balanced)

    func decimal(_ text: Any?) -> Decimal? { (text as? String).flatMap { Decimal(string: $0) } }
    for row in body {
      let g = try #require(oracle["\(row[0] ?? "")|\(row[1] ?? "")"], "\(row)")
      #expect(Int(row[2] ?? "") == g["count"] as? Int)
      #expect(Int(row[3] ?? "") == g["count_distinct"] as? Int)
      #expect(decimal(row[4]) == decimal(g["sum"]), "sum of \(row[0] ?? "null")/\(row[1] ?? "")")
      #expect(relativeError(Double(row[5] ?? "") ?? .nan, g["avg"] as? Double ?? .nan) < 1e-12)
      #expect(decimal(row[6]) == decimal(g["min"]))
      #expect(decimal(row[7]) == decimal(g["max"]))
      #expect(decimal(row[8]) == decimal(g["median"]))
      #expect(relativeError(Double(row[9] ?? "") ?? .nan, g["stddev"] as? Double ?? .nan) < 1e-9)
    }
  }
}
