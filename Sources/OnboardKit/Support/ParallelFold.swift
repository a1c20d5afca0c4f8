import Foundation

/// Folds items produced on one thread into per-worker states on other threads, and combines
/// each item's side output in item order.
///
/// The producer calls `submit`, which blocks while `capacity` items wait per worker (so memory
/// stays bounded), then `finish`, which returns the workers' states and the combined output. The
/// states must merge without regard to order (exact statistics); whatever depends on order (a
/// sketch's merges) goes in the side output, which `combine` receives in submission order, so
/// the result is the same for any number of workers and any thread timing.
final class ParallelFold<Item: Sendable, State: Sendable, Output: Sendable, Combined: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var queues: [[(Int, Item)]]
  private var states: [State]
  private let outputs: OrderedOutputs<Output, Combined>
  private var closed = false
  private var running: Int
  private var submitted = 0
  private let capacity: Int
  private let fold: @Sendable (inout State, Item) -> Output

  init(
    workers: Int, capacity: Int = 2, initial: State, combined: Combined,
    fold: @escaping @Sendable (inout State, Item) -> Output,
    combine: @escaping @Sendable (inout Combined, Output) -> Void
  ) {
    let count = max(1, workers)
    queues = Array(repeating: [], count: count)
    states = Array(repeating: initial, count: count)
    outputs = OrderedOutputs(combined, combine: combine)
    running = count
    self.capacity = max(1, capacity)
    self.fold = fold
    for worker in 0 ..< count {
      let thread = Thread { [self] in self.work(worker) }
      thread.stackSize = 8 << 20
      thread.start()
    }
  }

  /// Items go to the workers in turn, not to whichever is free: each worker's state then holds
  /// the same batches in every run, so even floating-point sums merge to the same bits.
  func submit(_ item: Item) {
    condition.lock()
    let worker = submitted % queues.count
    while queues[worker].count >= capacity { condition.wait() }
    queues[worker].append((submitted, item))
    submitted += 1
    condition.broadcast()
    condition.unlock()
  }

  func finish() -> (states: [State], combined: Combined) {
    condition.lock()
    closed = true
    condition.broadcast()
    while running > 0 { condition.wait() }
    let result = (states, outputs.combined)
    condition.unlock()
    return result
  }

  private func work(_ worker: Int) {
    condition.lock()
    var state = states[worker]
    while true {
      while queues[worker].isEmpty && !closed { condition.wait() }
      if queues[worker].isEmpty && closed { break }
      let (index, item) = queues[worker].removeFirst()
      condition.broadcast()
      condition.unlock()
      let output = fold(&state, item)
      condition.lock()
      outputs.add(index, output, unlocking: condition)
    }
    while outputs.combining { condition.wait() }
    states[worker] = state
    running -= 1
    condition.broadcast()
    condition.unlock()
  }
}
