import Foundation
import Testing

@testable import OnboardKit

/// Rows steps remove on purpose are counted as filtered, never quarantined, and the accounting
/// still balances; steps that remember earlier rows carry their state from batch to batch.
@Suite struct FilteredRowsTests {
  @Test func filteredRowsAreCountedNotQuarantined() throws {
    let folder = try TemporaryFolder()
    try folder.write("data.csv", """
      id,email,amount
      1,ann@example.com,10
      2,,20
      1,ann@example.com,10
      3,bo@example.com,abc
      4,cy@example.com,40

      """)
    let recipe = try Recipe.load(path: folder.write("r.yaml", """
      product: {name: t}
      source: {path: data.csv}
      steps:
        - remove_missing: {source_column: email}
        - delete_duplicate_rows: {}
        - cast: {columns: {amount: integer}}
      target: {path: out}

      """).path)
    let result = try Pipeline.run(recipe: recipe)
    let a = result.manifest.accounting
    #expect(a == Manifest.Accounting(
      rowsRead: 5, rowsWritten: 2, rowsFiltered: 2, rowsQuarantined: 1, quarantinedByReader: 0, quarantinedBySteps: 1))
    #expect(a.balanced)
    #expect(result.manifest.quarantine?.byReason == ["cast-failed": 1])
    let json = String(decoding: try result.manifest.jsonData(), as: UTF8.self)
    #expect(json.contains("\"rows_filtered\" : 2"))
  }

  /// The source schema types every value read, also those of rows the steps removed, whether a
  /// column reaches the target unchanged (typed once, by the target's profile, plus the removed
  /// rows) or not; the target schema types what was written.
  @Test func sourceTypesCountRemovedRows() throws {
    let folder = try TemporaryFolder()
    try folder.write("data.csv", """
      id,code,when,note
      1,10,2024-01-05,a
      2,x,2024-01-06,b
      3,30,not a date,c
      4,40,2024-01-08,

      """)
    let recipe = try Recipe.load(path: folder.write("r.yaml", """
      product: {name: t}
      source: {path: data.csv}
      steps:
        - rename: {code: kode}
        - remove_values: {source_column: kode, when: [{condition: is, target_column: kode, value: [x]}]}
        - remove_missing: {source_column: note}
        - cast: {columns: {when: date}, on_error: 'null'}
      target: {path: out}

      """).path)
    let result = try Pipeline.run(recipe: recipe)
    #expect(result.manifest.accounting.rowsWritten == 2)
    let source = Dictionary(uniqueKeysWithValues: result.manifest.source.schema.map { ($0.name, $0.type) })
    #expect(source == ["id": .integer, "code": .string, "when": .string, "note": .string])
    let target = Dictionary(uniqueKeysWithValues: result.manifest.profile.columns.map { ($0.name, $0.inferredType) })
    #expect(target["kode"] == .integer)
    #expect(result.manifest.source.schema.first { $0.name == "note" }?.nullable == true)
  }

  @Test func accountingWithoutRowsFilteredDecodesAsZero() throws {
    let json = """
      {"rows_read": 3, "rows_written": 2, "rows_quarantined": 1, "quarantined_by_reader": 1, "quarantined_by_steps": 0, "balanced": true}
      """
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    let a = try decoder.decode(Manifest.Accounting.self, from: Data(json.utf8))
    #expect(a.rowsFiltered == 0)
    #expect(a.balanced)
  }

  /// One plan applied to two batches in turn, as the pipeline does.
  static func run(_ yaml: String, _ batches: [[String?]]) throws -> [[String?]] {
    let node = try RecipeNode.parse("steps:\n  - \(yaml)\n", file: "test")
    let steps = try StepRegistry.parseSteps(try node.fields(allowed: ["steps"])["steps"]!, folder: ".")
    let schema = Schema([Field(name: "v", type: .string)])
    let plan = try Plan(steps: steps, source: schema)
    var line = 0
    return try batches.map { values in
      let origins = values.map { _ in
        line += 1
        return RowOrigin(line: line, byteOffset: 0)
      }
      let (out, refusals, _) = plan.apply(Batch(schema: schema, columns: [.text(TextColumn(values))], origins: origins))
      try #require(refusals.isEmpty)
      guard case .text(let column) = out.columns[0] else { return [] }
      return (0 ..< column.count).map { column.string($0) }
    }
  }

  @Test func forwardFillCarriesOverBatches() throws {
    let out = try Self.run("fill_with_last_valid: {source_column: v}", [[nil, "a", nil], [nil, "", "b"], [nil]])
    #expect(out == [[nil, "a", "a"], ["a", "a", "b"], ["b"]])
  }

  @Test func duplicatesAreRememberedAcrossBatches() throws {
    #expect(try Self.run("remove_duplicates: {source_column: v}", [["a", "b", "a"], ["b", "c", nil], [nil, "c", "d"]])
      == [["a", "b"], ["c", nil], ["d"]])
    #expect(try Self.run("delete_duplicate_rows: {}", [["a", "b"], ["b", "c"], ["a"]]) == [["a", "b"], ["c"], []])
  }

  @Test func aPlanStartsWithNoMemory() throws {
    // Two plans of one parsed step share nothing: planning makes the step's memory afresh.
    let node = try RecipeNode.parse("steps:\n  - remove_duplicates: {source_column: v}\n", file: "test")
    let steps = try StepRegistry.parseSteps(try node.fields(allowed: ["steps"])["steps"]!, folder: ".")
    let schema = Schema([Field(name: "v", type: .string)])
    let batch = Batch(schema: schema, columns: [.text(TextColumn(["a", "a"]))], origins: [RowOrigin(line: 1, byteOffset: 0), RowOrigin(line: 2, byteOffset: 2)])
    for _ in 0 ..< 2 {
      let (out, _, filtered) = try Plan(steps: steps, source: schema).apply(batch)
      #expect(out.rowCount == 1 && filtered == 1)
    }
  }
}
