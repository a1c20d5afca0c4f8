/// State a step carries from one batch to the next within a run (the last valid value of a
/// forward fill, the values a duplicate filter has seen).
///
/// Steps are `Sendable` values and `apply` does not mutate them, yet some must remember earlier
/// batches. A step makes a fresh box in `plan`, so each run starts empty. The pipeline applies a
/// planned step to a run's batches in order, one at a time, on one thread; copies of the step
/// share the box, but it is never used from two threads at once. That is the promise behind
/// `@unchecked Sendable`.
final class RunState<Value>: @unchecked Sendable {
  var value: Value

  init(_ value: Value) { self.value = value }
}
