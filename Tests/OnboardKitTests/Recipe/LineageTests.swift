import Foundation
import Testing

@testable import OnboardKit

/// Column-level lineage: which source columns each target column comes from, through which steps.
@Suite struct LineageTests {
  /// One column's lineage as a line: `name ← field TYPE/SUBTYPE (steps); … | step SUBTYPE, …`.
  static func line(_ column: Lineage.Column) -> String {
    let inputs = column.inputs.map { input in
      input.transformations.map { t in
        "\(input.field) \(t.type.rawValue)/\(t.subtype.rawValue)\(t.masking ? " masked" : "")\(t.description.map { " (\($0))" } ?? "")"
      }.joined(separator: "; ")
    }.joined(separator: "; ")
    let steps = column.steps.map { "\($0.step) \($0.transformation.subtype.rawValue)" }.joined(separator: ", ")
    return "\(column.name) ← \(inputs) | \(steps)"
  }

  /// Runs `steps` on `csv`; the folder lives as long as the caller keeps it.
  static func run(_ steps: String, csv: String, in folder: TemporaryFolder) throws -> Pipeline.Result {
    try folder.write("d.csv", csv)
    let yaml = "product: {name: t}\nsource: {path: d.csv}\nsteps:\n\(steps)\ntarget: {path: out}\n"
    return try Pipeline.run(recipe: Recipe.parse(yaml, file: folder.file("r.yaml").path))
  }

  @Test func aRecipeOfRenameMergeSplitDropFilterConditionOneHotAndMove() throws {
    let steps = """
        - rename: {first: given}
        - merge: {source_columns: [given, last], delimiter: ' ', target_column: full}
        - split_column_single_delimiter: {source_column: full, pattern: ' '}
        - drop: [last]
        - remove_values: {source_column: score, when: [{condition: less_than, target_column: score, value: 10}]}
        - add_prefix: {source_column: id, pattern: 'R-', when: [{condition: is, target_column: color, value: red}]}
        - one_hot_encoding: {source_column: color, categories: [red, green]}
        - move_to_start: {source_column: full_2}
      """
    let csv = "id,first,last,color,score\n1,Ada,Lovelace,red,20\n2,Grace,Hopper,green,5\n3,Alan,Turing,green,30\n"
    let folder = try TemporaryFolder()
    let result = try Self.run(steps, csv: csv, in: folder)
    let lineage = try #require(result.manifest.lineage)
    let split = "3:split_column_single_delimiter"
    #expect(lineage.columns.map(Self.line) == [
      "full_2 ← first DIRECT/TRANSFORMATION (1:rename, 2:merge, \(split)); last DIRECT/TRANSFORMATION (2:merge, \(split))"
        + " | 1:rename IDENTITY, 2:merge TRANSFORMATION, \(split) TRANSFORMATION",
      "id ← id DIRECT/TRANSFORMATION (6:add_prefix); color INDIRECT/CONDITIONAL (6:add_prefix)"
        + " | 6:add_prefix TRANSFORMATION, 6:add_prefix CONDITIONAL",
      "given ← first DIRECT/IDENTITY (1:rename) | 1:rename IDENTITY",
      "color ← color DIRECT/IDENTITY | ",
      "score ← score DIRECT/IDENTITY | ",
      "full_1 ← first DIRECT/TRANSFORMATION (1:rename, 2:merge, \(split)); last DIRECT/TRANSFORMATION (2:merge, \(split))"
        + " | 1:rename IDENTITY, 2:merge TRANSFORMATION, \(split) TRANSFORMATION",
      "color_red ← color DIRECT/TRANSFORMATION (7:one_hot_encoding) | 7:one_hot_encoding TRANSFORMATION",
      "color_green ← color DIRECT/TRANSFORMATION (7:one_hot_encoding) | 7:one_hot_encoding TRANSFORMATION",
    ])
    #expect(lineage.dataset.map(\.field) == ["score"])
    #expect(lineage.dataset.first?.transformations == [LineageTransformation(.filter, description: "5:remove_values")])
    #expect(result.manifest.target.schema.map(\.name) == lineage.columns.map(\.name))
    let rows = SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8))
    #expect(rows.count == 3, "the row with score 5 is filtered")
    #expect(rows[1][1] == "R-1")

    // The JSON keeps the shape and reads back.
    let json = try String(contentsOfFile: result.manifestFile, encoding: .utf8)
    #expect(json.contains("\"subtype\" : \"CONDITIONAL\""))
    let decoded = try Manifest.decode(Data(contentsOf: URL(fileURLWithPath: result.manifestFile)))
    #expect(decoded.lineage == lineage)
  }

  /// Filters and duplicate keys read columns that are then renamed or merged: the dataset-wide
  /// dependency names the source columns.
  @Test func rowFiltersTraceToSourceColumns() throws {
    let steps = """
        - merge: {source_columns: [a, b], target_column: ab}
        - remove_duplicates: {source_column: ab}
        - rename: {c: see}
        - remove_missing: {source_column: see}
      """
    let folder = try TemporaryFolder()
    let result = try Self.run(steps, csv: "a,b,c\n1,2,x\n1,2,y\n3,4,\n", in: folder)
    let lineage = try #require(result.manifest.lineage)
    let dataset = lineage.dataset.map { input in
      "\(input.field): " + input.transformations.map { "\($0.subtype.rawValue) (\($0.description ?? ""))" }.joined(separator: "; ")
    }
    #expect(dataset == ["a: FILTER (1:merge, 2:remove_duplicates)", "b: FILTER (1:merge, 2:remove_duplicates)", "c: FILTER (3:rename, 4:remove_missing)"])
    #expect(result.manifest.accounting.rowsFiltered == 2)
  }

  /// Protection follows lineage: a copy or a merge of a masked column is protected too.
  @Test func protectionFollowsCopiesAndMerges() throws {
    let steps = """
        - mask_range: {source_columns: [iban], start: 0, stop: -4}
        - duplicate: {source_column: iban, target_column: iban_copy}
        - merge: {source_columns: [iban, city], delimiter: '/', target_column: key}
        - upper_case: {source_column: city}
      """
    let folder = try TemporaryFolder()
    let result = try Self.run(steps, csv: "iban,city\nDE89370400440532013000,Bonn\n", in: folder)
    let protections = Dictionary(uniqueKeysWithValues: result.manifest.target.schema.map { ($0.name, $0.protection) })
    let masked = ColumnProtection(kind: "masked", step: "1:mask_range")
    #expect(protections["iban"] == masked)
    #expect(protections["iban_copy"] == masked)
    #expect(protections["key"] == masked)
    #expect(protections["city"] == .some(nil))
    let lineage = try #require(result.manifest.lineage)
    #expect(lineage["iban_copy"].map(Self.line)
      == "iban_copy ← iban DIRECT/TRANSFORMATION masked (1:mask_range, 2:duplicate)"
        + " | 1:mask_range TRANSFORMATION, 2:duplicate IDENTITY")
  }

  /// The reference product: every target column comes from the German source column in its place.
  @Test func germanCreditTracesEveryColumnToItsSourceColumn() throws {
    let folder = try TemporaryFolder()
    let result = try Pipeline.run(recipe: Recipe.load(path: TestPaths.germanCreditRecipe.path), outputFolder: folder.path)
    let lineage = try #require(result.manifest.lineage)
    let source = result.manifest.source.schema.map(\.name)
    #expect(lineage.columns.map(\.name) == result.manifest.target.schema.map(\.name))
    #expect(lineage.columns.map { $0.inputs.map(\.field) } == source.map { [$0] })
    #expect(lineage.dataset.isEmpty)
    let typed = Set(GermanCreditTests.typedIntegers)
    for column in lineage.columns {
      let lastStep = typed.contains(column.name) ? "3:cast" : "2:map_values"
      #expect(column.steps.map(\.step).prefix(2) == ["1:rename", lastStep][...], "\(column.name)")
      #expect(column.inputs.first?.transformations.map(\.subtype) == [.transformation], "\(column.name)")
    }
    #expect(lineage["credit_risk"].map(Self.line)
      == "credit_risk ← kredit DIRECT/TRANSFORMATION (1:rename, 2:map_values, 4:rename)"
        + " | 1:rename IDENTITY, 2:map_values TRANSFORMATION, 4:rename IDENTITY")
    let json = try String(contentsOfFile: result.manifestFile, encoding: .utf8)
    #expect(json.contains("\"lineage\" : {"))
  }

  /// The DataBrew spelling of the reference product has the same lineage, but for step names and
  /// the source's column names (`column_1` …, as DataBrew reads a file without a header).
  @Test func germanCreditAsADataBrewRecipeHasTheSameLineage() throws {
    let yamlOut = try TemporaryFolder()
    let databrewOut = try TemporaryFolder()
    let yaml = try Pipeline.run(recipe: Recipe.load(path: TestPaths.germanCreditRecipe.path), outputFolder: yamlOut.path)
    let databrewRecipe = TestPaths.repo.appendingPathComponent("recipes/german-credit.databrew.json").path
    let databrew = try Pipeline.run(
      recipe: Recipe.load(path: databrewRecipe, source: TestPaths.germanData.path, target: databrewOut.path))
    func shape(_ manifest: Manifest) throws -> [String] {
      let lineage = try #require(manifest.lineage)
      let source = manifest.source.schema.map(\.name)
      return lineage.columns.map { column in
        let inputs = column.inputs.map { input in
          "\(source.firstIndex(of: input.field) ?? -1): \(input.transformations.map { "\($0.type.rawValue)/\($0.subtype.rawValue)/\($0.masking)" })"
        }
        return "\(column.name) ← \(inputs) | \(column.steps.map(\.transformation.subtype.rawValue))"
      } + ["dataset: \(lineage.dataset.count)"]
    }
    #expect(try shape(yaml.manifest) == shape(databrew.manifest))
  }
}

/// Every registered step, on each working example: the lineage it declares (or the default rule
/// infers) names input columns that exist, gives every output column a DIRECT input, keeps names
/// consistent, claims IDENTITY only for values that pass unchanged and TRANSFORMATION only for
/// values that change, and names the columns that decide which rows a step removes. A new step
/// whose lineage the default rule gets wrong fails here.
@Suite struct StepLineageTests {
  typealias LineageOf = @Sendable (PlannableStep, Schema, Schema) -> StepLineage

  static let declared: LineageOf = { planned, input, output in planned.lineage(from: input, to: output) }
  static let inferred: LineageOf = { planned, input, output in .inferred(for: planned.step, from: input, to: output) }

  /// What the lineage `lineageOf` gives `kind`'s step on `example` gets wrong, run as a one-step
  /// plan; and its TRANSFORMATION claims on a single input of the same type, by whether the values
  /// changed (an example may show a value left as it is, but not every example of the step).
  struct Findings {
    var problems: [String] = []
    var unchanged: [String] = []
    var changed = 0
  }

  static func check(_ kind: String, _ example: StepExample, lineageOf: LineageOf) throws -> Findings {
    let type = try #require(StepRegistry.type(named: kind))
    let node = try RecipeNode.parse(example.yaml, file: "example")
    let entry = try #require(try node.entries().first)
    let reference = StepReference(index: 1, kind: kind)
    var context = StepContext(reference: reference, location: entry.keyNode.location, folder: TestPaths.germanCreditFolder.path)
    let (parameters, conditions) = try StepRegistry.splitConditions(entry.value, step: reference)
    context.hasConditions = !conditions.isEmpty
    let input = StepExamplesTests.batch(example.input)
    var plan = try Plan(
      steps: [PlannableStep(step: try type.init(parameters: parameters, context: context), context: context, conditions: conditions)],
      source: input.schema)
    if plan.needsPrePass { try plan.learn(from: [input]) }
    let (before, after) = (plan.schemas[0], plan.schemas[1])
    let lineage = lineageOf(plan.steps[0], before, after)
    let output: Batch
    if plan.hasBarriers {
      // `stream` runs barriers (`sort`, `group_by`) too; `apply` passes over them.
      var outputs: [Batch] = []
      try plan.stream({ body in try body(input) }) { batch, _, _ in if let batch { outputs.append(batch) } }
      try #require(outputs.count <= 1, "an example's rows fit one batch")
      output = outputs.first ?? Batch(schema: after, columns: after.fields.map { _ in .text(TextColumn()) }, origins: [])
    } else {
      output = plan.apply(input).0
    }

    var findings = Findings()
    func problem(_ text: String) { findings.problems.append(text) }
    guard lineage.columns.count == after.count else {
      return Findings(problems: ["\(lineage.columns.count) entries for \(after.count) output columns"])
    }
    let edges = lineage.columns.joined() + lineage.dataset
    guard edges.allSatisfy({ before.fields.indices.contains($0.column) }) else {
      return Findings(problems: ["an input is not a column of the input schema"])
    }
    if lineage.dataset.contains(where: { $0.transformation.type != .indirect }) { problem("a row decision is not INDIRECT") }
    // A group_by folds rows into their group's: its keys (GROUP_BY) decide which rows remain.
    if !example.droppedRows.isEmpty && !lineage.dataset.contains(where: { [.filter, .groupBy].contains($0.transformation.subtype) }) {
      problem("rows are removed, but no column is named as their FILTER or GROUP_BY")
    }

    // Output row r came from input row `origins[r].line - 1` (the example tables number lines so).
    let from = output.origins.map { $0.line - 1 }
    func values(_ batch: Batch, _ column: Int, rows: [Int]) -> [String?] { rows.map { batch.columns[column].formatted($0) } }
    let reordered = lineage.dataset.contains { [LineageTransformation.Subtype.sort, .groupBy].contains($0.transformation.subtype) }
    for (k, field) in after.fields.enumerated() {
      let direct = lineage.columns[k].filter { $0.transformation.type == .direct }
      if direct.isEmpty { problem("\(field.name) has no DIRECT input") }
      let mine = values(output, k, rows: Array(0 ..< output.rowCount))
      for edge in direct {
        let theirs = values(input, edge.column, rows: from)
        let same = reordered ? mine.map { $0 ?? "" }.sorted() == theirs.map { $0 ?? "" }.sorted() : mine == theirs
        let sameType = before[edge.column].type == field.type
        switch edge.transformation.subtype {
        case .identity where !sameType || !same:
          problem("\(field.name) claims IDENTITY of \(before[edge.column].name), but changes")
        case .transformation where direct.count == 1 && sameType && !reordered && output.rowCount > 0:
          if same { findings.unchanged.append(field.name) } else { findings.changed += 1 }
        default: break
        }
      }
      // A name taken over from another input column: that column must have gone somewhere.
      if let j = before.index(of: field.name), !direct.contains(where: { $0.column == j }),
        !lineage.columns.joined().contains(where: { $0.column == j })
      {
        problem("\(field.name) hides the input column of that name")
      }
    }
    return findings
  }

  /// Everything wrong with `kind`'s lineage over its working examples.
  static func problems(_ kind: String, lineageOf: LineageOf) throws -> [String] {
    let examples = workingExamples(kind)
    let findings = try examples.map { try check(kind, $0, lineageOf: lineageOf) }
    var problems = zip(examples, findings).flatMap { example, f in f.problems.map { "\(example.title): \($0)" } }
    if findings.allSatisfy({ $0.changed == 0 }), let column = findings.flatMap(\.unchanged).first {
      problems.append("\(column) claims TRANSFORMATION, but no example changes such a column")
    }
    return problems
  }

  static func workingExamples(_ kind: String) -> [StepExample] {
    StepRegistry.type(named: kind).map { $0.examples.filter { $0.errorCode == nil } } ?? []
  }

  @Test(arguments: StepRegistry.all.map { $0.kind }) func everyWorkingExample(kind: String) throws {
    #expect(!Self.workingExamples(kind).isEmpty)
    #expect(try Self.problems(kind, lineageOf: Self.declared) == [])
  }

  /// The checks catch a step left to the default rule when that rule is wrong for it: each step
  /// that declares its lineage does so because the default fails one of its examples.
  @Test(arguments: StepRegistry.all.filter { $0 is any DeclaresLineage.Type }.map { $0.kind })
  func theDefaultRuleFailsEveryStepThatDeclaresItsLineage(kind: String) throws {
    #expect(try !Self.problems(kind, lineageOf: Self.inferred).isEmpty, "\(kind) declares a lineage the default rule already gives")
  }
}
