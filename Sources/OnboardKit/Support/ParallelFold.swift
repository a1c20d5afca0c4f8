import Foundation

/// Folds items produced on one thread into per-worker states on other threads.
///
/// The producer calls `submit`, which blocks while `capacity` items wait (so memory stays
/// bounded), then `finish`, which returns the workers' states for the caller to merge. Item `k`
/// always goes to worker `k % workers`, so the states depend only on the worker count, not on
/// thread timing: a run is reproducible.
final class ParallelFold<Item: Sendable, State: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var queues: [[Item]]
  private var states: [State]
  private var closed = false
  private var running: Int
  private var submitted = 0
  private let capacity: Int
  private let fold: @Sendable (inout State, Item) -> Void

  init(workers: Int, capacity: Int = 2, initial: State, fold: @escaping @Sendable (inout State, Item) -> Void) {
    let count = max(1, workers)
    queues = Array(repeating: [], count: count)
    states = Array(repeating: initial, count: count)
    running = count
    self.capacity = max(1, capacity)
    self.fold = fold
    for worker in 0 ..< count {
      let thread = Thread { [self] in self.work(worker) }
      thread.stackSize = 8 << 20
      thread.start()
    }
  }

  func submit(_ item: Item) {
    condition.lock()
    let worker = submitted % queues.count
    while queues[worker].count >= capacity { condition.wait() }
    queues[worker].append(item)
    submitted += 1
    condition.broadcast()
    condition.unlock()
  }

  func finish() -> [State] {
    condition.lock()
    closed = true
    condition.broadcast()
    while running > 0 { condition.wait() }
    let result = states
    condition.unlock()
    return result
  }

  private func work(_ worker: Int) {
    condition.lock()
    var state = states[worker]
    while true {
      while queues[worker].isEmpty && !closed { condition.wait() }
      if queues[worker].isEmpty && closed { break }
      let item = queues[worker].removeFirst()
      condition.broadcast()
      condition.unlock()
      fold(&state, item)
      condition.lock()
    }
    states[worker] = state
    running -= 1
    condition.broadcast()
    condition.unlock()
  }
}
