/// A step that needs every row before it can give any: `sort`, `group_by`. The plan is cut at
/// each barrier: the steps before it run batch by batch and the barrier takes their rows; once
/// the source is read, the barrier gives its rows, batch by batch, to the steps after it.
///
/// A barrier keeps what it takes in a box made fresh by `plan` (as `RunState` does), so each run
/// starts empty; it must bound its memory (spill to disk, keep one row per group) and say how in
/// its docs. Conditions cannot narrow a barrier. Its `apply` is never called.
public protocol BarrierStep: Step {
  /// Takes the rows as they reach the step, one batch at a time, in order.
  func consume(_ batch: Batch) throws
  /// Gives the step's rows, once all are taken, in batches of the planned output schema.
  func finish(_ emit: (Batch) throws -> Void) throws
  /// Rows the step took but gave none for (`group_by` folds a group's rows into one), read after
  /// `finish`: they count as filtered, so the accounting balances.
  var rowsFolded: Int { get }
}

extension BarrierStep {
  public static var conditionUse: ConditionUse { .none }
  public static var remembersEarlierBatches: Bool { true }
  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch { batch }
  public var rowsFolded: Int { 0 }
}

extension Plan {
  public var hasBarriers: Bool { steps.contains { $0.step is any BarrierStep } }

  /// Runs batches through every step, barriers included. `source` gives `body` each batch read;
  /// `emit` receives, in order, each batch as the last step leaves it (nil while a barrier holds
  /// the rows), with the rows refused and the count dropped on the way.
  public func stream(
    _ source: (_ body: (Batch) throws -> Void) throws -> Void,
    emit: (Batch?, [Refusal], _ filtered: Int) throws -> Void
  ) throws {
    let barriers = steps.indices.filter { steps[$0].step is any BarrierStep }
    // Stage k runs the steps after barrier k - 1 up to barrier k (or the end).
    let bounds = [-1] + barriers
    try withoutActuallyEscaping(emit) { emit in
      func run(_ batch: Batch, stage: Int) throws {
        let end = stage < barriers.count ? barriers[stage] : steps.count
        let (output, refused, filtered) = apply(batch, steps: (bounds[stage] + 1) ..< end)
        if stage < barriers.count {
          try (steps[end].step as! any BarrierStep).consume(output)
          try emit(nil, refused, filtered)
        } else {
          try emit(output, refused, filtered)
        }
      }
      try source { try run($0, stage: 0) }
      for (k, index) in barriers.enumerated() {
        let barrier = steps[index].step as! any BarrierStep
        try barrier.finish { try run($0, stage: k + 1) }
        if barrier.rowsFolded > 0 { try emit(nil, [], barrier.rowsFolded) }
      }
    }
  }
}
