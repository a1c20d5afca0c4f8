import Foundation
import Testing

@testable import OnboardKit

/// Every example of every registered step, run: the example's YAML is read as a recipe reads it,
/// the step is planned against the example's input schema and applied to its rows, and the output
/// schema, rows, quarantined and dropped rows must be the ones the example shows (or the recipe error).
@Suite struct StepExamplesTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var kind: String
    var number: Int
    var example: StepExample
    var testDescription: String { "\(kind) #\(number): \(example.title)" }
  }

  static let cases: [Case] = StepRegistry.all.flatMap { type in
    type.examples.enumerated().map { Case(kind: type.kind, number: $0.offset + 1, example: $0.element) }
  }

  static func batch(_ table: ExampleTable) -> Batch {
    let columns: [Column] = table.fields.indices.map { c in .text(TextColumn(table.rows.map { $0[c] })) }
    return Batch(
      schema: Schema(table.fields), columns: columns,
      origins: table.rows.indices.map { RowOrigin(line: $0 + 1, byteOffset: $0 * 10) })
  }

  @Test(arguments: cases) func example(_ c: Case) throws {
    try Self.run(c)
  }

  static func run(_ c: Case) throws {
    let example = c.example
    let node = try RecipeNode.parse(example.yaml, file: "example")
    let entries = try node.entries()
    try #require(entries.count == 1, "an example is one `kind: parameters` entry")
    let entry = entries[0]
    #expect(entry.key == c.kind)
    let type = try #require(StepRegistry.type(named: entry.key))
    let reference = StepReference(index: 1, kind: c.kind)
    var context = StepContext(
      reference: reference, location: entry.keyNode.location, folder: TestPaths.germanCreditFolder.path)
    let input = Self.batch(example.input)

    if let code = example.errorCode {
      #expect(example.output == nil)
      do {
        let (parameters, conditions) = try StepRegistry.splitConditions(entry.value, step: reference)
        context.hasConditions = !conditions.isEmpty
        var step = try type.init(parameters: parameters, context: context)
        _ = try step.plan(input.schema, context: context)
        Issue.record("expected the recipe error \(code)")
      } catch let error as RecipeError {
        #expect(error.code == code)
        #expect(error.step == reference)
        #expect(error.location.file == "example")
        #expect(error.location.line == 1)
      }
      return
    }

    let expected = try #require(example.output)
    // `when:` conditions are the engine's: the step alone is checked only without them.
    let (parameters, conditions) = try StepRegistry.splitConditions(entry.value, step: reference)
    context.hasConditions = !conditions.isEmpty
    var step = try type.init(parameters: parameters, context: context)
    let planned = try step.plan(input.schema, context: context)
    #expect(planned.names == expected.fields.map(\.name))
    #expect(planned.fields.map(\.type) == expected.fields.map(\.type))

    if var learner = step as? any PrePassStep {
      try learner.learn(PrePass(batches: [input]))
      step = learner
    }
    if conditions.isEmpty {
      try Self.checkStepAlone(step, example, input: input, planned: planned)
    }

    // The same through a one-step plan, which removes refused rows and says why.
    var plan = try Plan(
      steps: [PlannableStep(step: try type.init(parameters: parameters, context: context), context: context, conditions: conditions)],
      source: input.schema)
    try plan.learn(from: [input])
    // `stream` runs every step, barriers (`sort`) included.
    var rows: [[String?]] = []
    var refusals: [Refusal] = []
    var filtered = 0
    try plan.stream({ body in try body(input) }) { batch, refused, dropped in
      if let batch { rows += (0 ..< batch.rowCount).map { r in batch.columns.map { $0.formatted(r) } } }
      refusals += refused
      filtered += dropped
    }
    #expect(rows == expected.rows)
    #expect(refusals.map(\.origin.line) == example.rejectedRows.map { $0 + 1 })
    #expect(filtered == example.droppedRows.count)
    #expect(refusals.allSatisfy { $0.step == reference })
  }

  /// The step's own `apply`: every row kept, refused and dropped rows marked as the example shows.
  static func checkStepAlone(_ step: any Step, _ example: StepExample, input: Batch, planned: Schema) throws {
    let expected = try #require(example.output)
    if let barrier = step as? any BarrierStep {
      try checkBarrierAlone(barrier, example, input: input, planned: planned)
      return
    }
    var rejects = StepRejections()
    let output = step.apply(input, rejects: &rejects)
    #expect(output.schema.names == planned.names)
    #expect(output.schema.fields.map(\.type) == planned.fields.map(\.type))
    #expect(output.rowCount == input.rowCount, "a step keeps every row; the pipeline removes refused ones")
    let refused = Set(rejects.entries.map(\.row))
    #expect(refused.sorted() == example.rejectedRows)
    #expect(rejects.entries.allSatisfy { !$0.code.isEmpty && !$0.reason.isEmpty && planned.index(of: $0.column) != nil })
    let dropped = Set(rejects.dropped)
    #expect(dropped.count == rejects.dropped.count, "a row is dropped once")
    #expect(dropped.subtracting(refused).sorted() == example.droppedRows)

    let removed = refused.union(dropped)
    let kept = output.filtered((0 ..< output.rowCount).map { !removed.contains($0) })
    let rows = (0 ..< kept.rowCount).map { r in kept.columns.map { $0.formatted(r) } }
    #expect(rows == expected.rows)
    #expect(kept.origins.map(\.line) == (0 ..< input.rowCount).filter { !removed.contains($0) }.map { $0 + 1 })
  }

  /// A barrier takes the rows, then gives its own: the example's rows, each carrying the origin
  /// of an input row (a sort keeps every row's; a group takes one of its rows').
  static func checkBarrierAlone(_ barrier: any BarrierStep, _ example: StepExample, input: Batch, planned: Schema) throws {
    let expected = try #require(example.output)
    try barrier.consume(input)
    var outputs: [Batch] = []
    try barrier.finish { outputs.append($0) }
    #expect(outputs.allSatisfy { $0.schema.names == planned.names && $0.schema.fields.map(\.type) == planned.fields.map(\.type) })
    #expect(example.rejectedRows.isEmpty, "a barrier refuses no row")
    #expect(barrier.rowsFolded == example.droppedRows.count)
    let rows = outputs.flatMap { batch in (0 ..< batch.rowCount).map { r in batch.columns.map { $0.formatted(r) } } }
    #expect(rows == expected.rows)
    let lines = outputs.flatMap { $0.origins.map(\.line) }
    #expect(Set(lines).count == lines.count && lines.allSatisfy { $0 >= 1 && $0 <= input.rowCount })
  }

  @Test(arguments: StepRegistry.all.map { $0.kind }) func everyStepHasAtLeastTwoExamples(kind: String) throws {
    let type = try #require(StepRegistry.type(named: kind))
    #expect(type.examples.count >= 2)
    #expect(type.examples.contains { $0.errorCode == nil }, "\(kind) shows no working example")
  }

  @Test func registryKindsAreUniqueAndFound() {
    let kinds = StepRegistry.all.map { $0.kind }
    #expect(Set(kinds).count == kinds.count)
    #expect(kinds.allSatisfy { StepRegistry.type(named: $0) != nil })
    #expect(StepRegistry.type(named: "renam") == nil)
  }
}
