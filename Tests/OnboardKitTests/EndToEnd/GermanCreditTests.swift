import Foundation
import Testing

@testable import OnboardKit

/// The reference product end to end: `recipes/german-credit.yaml` on the raw Statlog file must give
/// exactly the UCI decoded file, a balanced account of rows, and a manifest that keeps the values of
/// sensitive columns at home.
@Suite struct GermanCreditTests {
  static let sensitive: Set<String> = ["personal_status_and_sex", "age_in_years", "foreign_worker"]
  static let typedIntegers: Set<String> = [
    "duration_in_month", "credit_amount", "installment_rate_in_percentage_of_disposable_income", "present_residence_since",
    "age_in_years", "number_of_existing_credits_at_this_bank", "number_of_people_being_liable_to_provide_maintenance_for",
  ]

  struct Run {
    let folder: TemporaryFolder
    let result: Pipeline.Result
    /// The manifest the run returned; `manifest.json` on disk is checked against it below.
    var manifest: Manifest { result.manifest }
    /// `manifest.json` as read back by a plain JSON parser.
    let json: [String: Any]
  }

  static func run() throws -> Run {
    let folder = try TemporaryFolder()
    let recipe = try Recipe.load(path: TestPaths.germanCreditRecipe.path)
    let result = try Pipeline.run(recipe: recipe, outputFolder: folder.path)
    let data = try Data(contentsOf: URL(fileURLWithPath: result.manifestFile))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return Run(folder: folder, result: result, json: json)
  }

  /// The column object of `manifest.json`'s profile named `name`.
  static func profileColumn(_ json: [String: Any], _ name: String) -> [String: Any]? {
    ((json["profile"] as? [String: Any])?["columns"] as? [[String: Any]])?.first { $0["name"] as? String == name }
  }

  @Test func curatedDataEqualsTheUCIDecodedFile() throws {
    let folder = try TemporaryFolder()
    let recipe = try Recipe.load(path: TestPaths.germanCreditRecipe.path)
    let result = try Pipeline.run(recipe: recipe, outputFolder: folder.path)
    #expect(result.dataFile == folder.file("german-credit.csv").path)
    let ours = SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8))
    let reference = SimpleCSV.parse(try String(contentsOf: TestPaths.decodedCSV, encoding: .utf8))
    #expect(ours.count == 1001)
    #expect(reference.count == 1001)
    var expectedHeader = reference[0]
    #expect(expectedHeader.last == "creditability")
    expectedHeader[expectedHeader.count - 1] = "credit_risk"
    #expect(ours[0] == expectedHeader)
    var mismatches = 0
    for row in 1 ..< min(ours.count, reference.count) {
      for column in 0 ..< reference[row].count where ours[row][column] != reference[row][column] {
        mismatches += 1
        if mismatches <= 5 {
          Issue.record("row \(row), \(expectedHeader[column]): \(String(describing: ours[row][column])) != \(String(describing: reference[row][column]))")
        }
      }
    }
    #expect(mismatches == 0)
    #expect(!FileManager.default.fileExists(atPath: folder.file("quarantine.jsonl").path))
    #expect(result.quarantineFile == nil)
    // Nothing but the outputs (data, manifest, the quality gate's results): no temporary files left behind.
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names == ["german-credit.csv", "manifest.json", "quality.json", "quality.junit.xml"])
  }

  @Test func manifestAccountingAndSchemaChain() throws {
    let run = try Self.run()
    let m = run.manifest
    #expect(m.accounting == Manifest.Accounting(rowsRead: 1000, rowsWritten: 1000, rowsQuarantined: 0, quarantinedByReader: 0, quarantinedBySteps: 0))
    #expect(m.accounting.balanced)
    #expect(m.quarantine == nil)
    #expect(m.product.name == "german-credit")
    #expect(m.product.domain == "retail-lending")

    #expect(m.source.dialect["delimiter"]?.value == "space")
    #expect(m.source.dialect["delimiter"]?.source == "set")
    #expect(m.source.dialect["header"]?.value == "no")
    #expect(m.source.dialect["line_ending"] == .init(value: "lf", source: "detected"))
    #expect(m.source.files == ["../samples/german-credit/german.data"])
    #expect(m.source.schema.count == 21)
    #expect(m.source.schema.first?.name == "laufkont")
    #expect(m.source.schema.last?.name == "kredit")
    #expect(m.source.schema.first { $0.name == "hoehe" }?.type == .integer)
    #expect(m.source.schema.first { $0.name == "laufkont" }?.type == .string)

    #expect(m.steps.count == 4)
    #expect(m.steps.map(\.kind) == ["rename", "map_values", "cast", "rename"])
    #expect(m.steps.map(\.index) == [1, 2, 3, 4])
    let reference = SimpleCSV.parse(try String(contentsOf: TestPaths.decodedCSV, encoding: .utf8))
    #expect(m.steps[0].schemaAfter.map(\.name) == reference[0].map { $0 ?? "" })
    #expect(m.steps[0].schemaAfter.allSatisfy { $0.type == .string })
    #expect(m.steps[1].schemaAfter.allSatisfy { $0.type == .string })
    for field in m.steps[2].schemaAfter {
      #expect(field.type == (Self.typedIntegers.contains(field.name) ? .integer : .string), "\(field.name)")
    }
    #expect(m.steps[3].schemaAfter.last?.name == "credit_risk")
    #expect(m.steps[3].schemaAfter.map(\.name).dropLast() == m.steps[2].schemaAfter.map(\.name).dropLast())

    #expect(m.target.schema.map(\.name) == m.steps[3].schemaAfter.map(\.name))
    #expect(Set(m.target.schema.filter(\.sensitive).map(\.name)) == Self.sensitive)
    #expect(m.target.schema.first { $0.name == "age_in_years" }?.classification == "personal")
    #expect(m.target.schema.first { $0.name == "credit_amount" }?.type == .integer)
    #expect(m.target.schema.allSatisfy { $0.description?.isEmpty == false })
    #expect(m.target.dataFile == "german-credit.csv")
  }

  @Test func manifestProfile() throws {
    let run = try Self.run()
    let p = run.manifest.profile
    #expect(p.rows == 1000)
    #expect(p.columns.count == 21)
    let amount = try #require(p["credit_amount"])
    #expect(amount.inferredType == .integer)
    #expect(amount.minimum == .integer(250))
    #expect(amount.maximum == .integer(18_424))
    #expect(amount.sum == 3_271_258)
    #expect(amount.nulls == 0)
    #expect(amount.completeness == 1)
    let risk = try #require(p["credit_risk"])
    #expect(risk.topValues == [TopValues.Entry(value: "good", count: 700), TopValues.Entry(value: "bad", count: 300)])
    #expect(risk.distinct == 2)
    #expect(p["duration_in_month"]?.distinct == 33)
    #expect(p["duration_in_month"]?.distinctStandardError == nil)
    for name in Self.sensitive {
      let c = try #require(p[name])
      #expect(c.sensitive, "\(name)")
      #expect(c.topValues == nil, "\(name)")
      #expect(c.minimum == nil, "\(name)")
      #expect(c.maximum == nil, "\(name)")
    }
    #expect(p.columns.filter(\.sensitive).count == 3)
    // Sensitive values do not appear anywhere in manifest.json: `A93`'s label "male : single" is
    // personal_status_and_sex's most frequent value.
    let text = try String(contentsOfFile: run.result.manifestFile, encoding: .utf8)
    #expect(!text.contains("male : single"))
    #expect(text.contains("\"rows_read\" : 1000"))
  }

  /// `manifest.json` on disk says what the run returned, key for key.
  @Test func manifestOnDisk() throws {
    let run = try Self.run()
    let json = run.json
    #expect(json["manifest_version"] as? String == "1")
    let accounting = try #require(json["accounting"] as? [String: Any])
    #expect(accounting["rows_read"] as? Int == 1000)
    #expect(accounting["rows_written"] as? Int == 1000)
    #expect(accounting["rows_quarantined"] as? Int == 0)
    #expect(accounting["balanced"] as? Bool == true)
    #expect(json["quarantine"] == nil)
    #expect((json["steps"] as? [Any])?.count == 4)
    let amount = try #require(Self.profileColumn(json, "credit_amount"))
    #expect(amount["inferred_type"] as? String == "int")
    #expect(amount["minimum"] as? Int == 250)
    #expect(amount["maximum"] as? Int == 18_424)
    #expect(Self.profileColumn(json, "duration_in_month")?["distinct"] as? Int == 33)
    for name in Self.sensitive {
      let column = try #require(Self.profileColumn(json, name))
      #expect(column["sensitive"] as? Bool == true)
      #expect(column["top_values"] == nil && column["minimum"] == nil && column["maximum"] == nil, "\(name)")
    }
    let onDisk = try Data(contentsOf: URL(fileURLWithPath: run.result.manifestFile))
    #expect(onDisk == (try run.manifest.jsonData()))
  }

  /// `Manifest.decode` reads back what `jsonData` wrote.
  @Test func manifestDecodeReadsManifestJSON() throws {
    let run = try Self.run()
    let onDisk = try Data(contentsOf: URL(fileURLWithPath: run.result.manifestFile))
    let decoded = try Manifest.decode(onDisk)
    #expect(try decoded.jsonData() == onDisk)
    #expect(decoded.profile == run.manifest.profile)
    #expect(decoded.accounting == run.manifest.accounting)
  }

  // MARK: - Failures and quarantine

  @Test func unknownColumnFailsBeforeWritingAnything() throws {
    let folder = try TemporaryFolder()
    try folder.write("data.csv", "a,b\n1,2\n")
    let recipePath = try folder.write("r.yaml", """
      product: {name: t}
      source: {path: data.csv}
      steps:
        - rename: {a: x}
        - drop: [bb]
      target: {path: out}

      """).path
    let recipe = try Recipe.load(path: recipePath)
    #expect(recipe.target.resolvedPath == folder.file("out").path)
    for output in [nil, folder.file("explicit").path] {
      let error = try #require(throws: RecipeError.self) { try Pipeline.run(recipe: recipe, outputFolder: output) }
      #expect(error.code == "unknown-column")
      #expect(error.step == StepReference(index: 2, kind: "drop"))
      #expect(error.location.line == 5)
      #expect(error.location.file == recipePath)
      #expect(error.description.contains("r.yaml:5:"))
      #expect(error.description.contains("step 2 (drop)"))
      #expect(error.fix == "did you mean 'b'?")
    }
    #expect(!FileManager.default.fileExists(atPath: folder.file("out").path))
    #expect(!FileManager.default.fileExists(atPath: folder.file("explicit").path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["data.csv", "r.yaml"])
  }

  static let malformedSource = """
    id,code,amount
    1,A,10
    2,B
    3,A,30
    4,B,40,extra
    5,C,50
    6,A,60
    7,B,70

    """

  static let malformedRecipe = """
    product: {name: t}
    source: {path: data.csv}
    steps:
      - map_values:
          columns: [code]
          mapping: {A: alpha, B: beta}
      - cast: {columns: {amount: integer}}
    target: {path: out}

    """

  @Test func malformedRowsAndUnmappedCodesAreQuarantined() throws {
    let folder = try TemporaryFolder()
    let dataPath = try folder.write("data.csv", Self.malformedSource).path
    let recipe = try Recipe.load(path: folder.write("r.yaml", Self.malformedRecipe).path)
    let result = try Pipeline.run(recipe: recipe)
    #expect(result.folder == folder.file("out").path)
    let a = result.manifest.accounting
    #expect(a == Manifest.Accounting(rowsRead: 7, rowsWritten: 4, rowsQuarantined: 3, quarantinedByReader: 2, quarantinedBySteps: 1))
    #expect(a.rowsRead == a.rowsWritten + a.rowsQuarantined)
    #expect(a.balanced)
    #expect(result.manifest.quarantine?.rows == 3)
    #expect(result.manifest.quarantine?.byReason == ["wrong-field-count": 2, "unmapped-value": 1])
    #expect(result.manifest.quarantine?.file == "quarantine.jsonl")

    let quarantinePath = try #require(result.quarantineFile)
    let lines = try String(contentsOfFile: quarantinePath, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 3)
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    #expect(lines.allSatisfy { $0.contains("\"byte_offset\":") }, "quarantine keys are snake_case like the manifest's")
    let rows = try lines.map { try decoder.decode(RejectedRow.self, from: Data($0.utf8)) }
    #expect(rows.map(\.file) == [dataPath, dataPath, dataPath])
    #expect(rows.map(\.line) == [3, 5, 6])
    #expect(rows.map(\.code) == ["wrong-field-count", "wrong-field-count", "unmapped-value"])
    #expect(rows.map(\.step) == [nil, nil, "1:map_values"])
    #expect(rows.map(\.column) == [nil, nil, "code"])
    #expect(rows[0].raw == "2,B")
    #expect(rows[1].raw == "4,B,40,extra")
    #expect(rows[2].raw == #"{"id": "5", "code": "C", "amount": "50"}"#)
    #expect(rows[0].byteOffset == Array("id,code,amount\n1,A,10\n".utf8).count)
    #expect(rows.allSatisfy { !$0.reason.isEmpty })
    // The JSON keys are the documented ones.
    let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(Set(first.keys).isSuperset(of: ["code", "reason", "file", "line", "byte_offset", "raw"]))

    let data = SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8))
    #expect(data == [["id", "code", "amount"], ["1", "alpha", "10"], ["3", "alpha", "30"], ["6", "alpha", "60"], ["7", "beta", "70"]])
    #expect(result.manifest.profile["amount"]?.sum == 170)
  }

  /// A rerun with clean data removes the previous run's quarantine file: no stale rejects.
  @Test func cleanRerunRemovesTheOldQuarantine() throws {
    let folder = try TemporaryFolder()
    try folder.write("data.csv", Self.malformedSource)
    let recipePath = try folder.write("r.yaml", Self.malformedRecipe).path
    let first = try Pipeline.run(recipe: Recipe.load(path: recipePath))
    #expect(first.quarantineFile != nil)
    try folder.write("data.csv", "id,code,amount\n1,A,10\n")
    let second = try Pipeline.run(recipe: Recipe.load(path: recipePath))
    #expect(second.quarantineFile == nil)
    #expect(second.manifest.accounting.rowsQuarantined == 0)
    #expect(!FileManager.default.fileExists(atPath: folder.file("out/quarantine.jsonl").path))
  }
}

/// Profiling in a run happens on worker threads: two runs must still give the same manifest
/// (the run's start time aside), and the same profile as profiling the curated file afterwards.
@Test func runIsDeterministicAndItsProfileMatchesTheCuratedFile() throws {
  let recipe = try Recipe.load(path: TestPaths.germanCreditRecipe.path)
  let a = try TemporaryFolder()
  let b = try TemporaryFolder()
  var first = try Pipeline.run(recipe: recipe, outputFolder: a.path).manifest
  var second = try Pipeline.run(recipe: recipe, outputFolder: b.path).manifest
  first.run.startedAt = ""
  second.run.startedAt = ""
  #expect(try first.jsonData() == second.jsonData())
  let reread = try Profiler(threads: 1).profile(
    CSVReader(source: FileSource(path: a.file("german-credit.csv").path), dialect: CSVDialect())
  ).result(sensitive: Set(recipe.columns.filter(\.sensitive).map(\.name)))
  #expect(reread.columns.map(\.distinct) == first.profile.columns.map(\.distinct))
  #expect(reread.columns.map(\.topValues) == first.profile.columns.map(\.topValues))
  #expect(reread.columns.map(\.mean) == first.profile.columns.map(\.mean))
}
