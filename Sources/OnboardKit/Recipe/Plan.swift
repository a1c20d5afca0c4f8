/// A recipe's steps planned against the source schema: the schema after every step is known, and
/// every name is resolved, before the first row is read.
public struct Plan: Sendable {
  public internal(set) var steps: [PlannableStep]
  /// `schemas[0]` is the source; `schemas[i]` is the schema after step `i`.
  public let schemas: [Schema]

  public init(steps: [PlannableStep], source: Schema) throws {
    var planned = steps
    var schemas = [source]
    for i in planned.indices {
      schemas.append(try planned[i].step.plan(schemas[i], context: planned[i].context))
      try Plan.planConditions(&planned[i], input: schemas[i], output: schemas[i + 1])
    }
    self.steps = planned
    self.schemas = schemas
  }

  public var target: Schema { schemas[schemas.count - 1] }

  /// Whether batches may go through the plan on several threads at once: no step remembers
  /// earlier batches.
  public var appliesInParallel: Bool {
    !steps.contains { type(of: $0.step).remembersEarlierBatches || $0.step is any BarrierStep }
  }

  /// Runs every step on a batch. Refused rows are removed and returned with the step and reason;
  /// rows a step drops on purpose are removed and counted (`filtered`). A row both refused and
  /// dropped counts as refused, so it is not lost from the quarantine.
  public func apply(_ input: Batch) -> (Batch, [Refusal], filtered: Int) {
    apply(input, steps: steps.indices)
  }

  /// Runs the steps `range` on a batch, as `apply` does; barriers in the range are not run here
  /// (`stream` runs them).
  func apply(_ input: Batch, steps range: Range<Int>) -> (Batch, [Refusal], filtered: Int) {
    var batch = input
    var refused: [Refusal] = []
    var filtered = 0
    for planned in steps[range] where !(planned.step is any BarrierStep) {
      var rejects = StepRejections()
      var output =
        planned.conditions.isEmpty
        ? planned.step.apply(batch, rejects: &rejects) : Plan.applyNarrowed(planned, batch, rejects: &rejects)
      if !rejects.isEmpty {
        var keep = [Bool](repeating: true, count: output.rowCount)
        for entry in rejects.entries where keep[entry.row] {
          keep[entry.row] = false
          refused.append(Refusal(
            step: planned.context.reference, origin: batch.origins[entry.row], row: batch.rowJSON(entry.row), entry: entry))
        }
        for row in rejects.dropped where keep[row] {
          keep[row] = false
          filtered += 1
        }
        output = output.filtered(keep)
      }
      batch = output
    }
    return (batch, refused, filtered)
  }
}

/// A row a step refused: which step, where the row came from, its fields as they entered the
/// step (a JSON object), and why.
public struct Refusal: Sendable {
  public var step: StepReference
  public var origin: RowOrigin
  public var row: String
  public var entry: StepRejections.Entry
}
