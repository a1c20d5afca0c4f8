import Foundation

/// Reads items from one source on several threads in turn and folds each on the thread that read
/// it: worker `w` reads items `w`, `w + n`, `w + 2n`, ... (the source is called by one thread at a
/// time, in item order) and folds each right after reading it, while it is still in that core's
/// cache. Each item's side output is combined in item order, as `ParallelFold` does.
///
/// Compared with a reading thread feeding workers, there is one thread per core instead of one
/// more, and an item is not handed to another core's cache. Item `i` always goes to worker
/// `i % n`, so each worker's state holds the same items in every run and floating-point sums
/// merge to the same bits.
final class TurnTakingFold<Item, State: Sendable, Output: Sendable, Combined: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private let workers: Int
  private let initial: State
  private var states: [State]
  /// The index of the next item to read.
  private var turn = 0
  /// Set when the source ended or failed: no more reading.
  private var done = false
  private var failure: (any Error)?
  private var pending: [Int: Output] = [:]
  private var combined: Combined
  private var nextToCombine = 0
  /// Set while one worker combines outputs outside the lock; the others leave theirs in `pending`.
  private var combining = false
  private var running = 0
  private let fold: @Sendable (inout State, Item) -> Output
  private let combine: @Sendable (inout Combined, Output) -> Void

  init(
    workers: Int, initial: State, combined: Combined,
    fold: @escaping @Sendable (inout State, Item) -> Output,
    combine: @escaping @Sendable (inout Combined, Output) -> Void
  ) {
    self.workers = max(1, workers)
    self.initial = initial
    states = Array(repeating: initial, count: self.workers)
    self.combined = combined
    self.fold = fold
    self.combine = combine
  }

  /// Reads with `next` until it returns nil (or throws, which `run` rethrows once every worker has
  /// stopped) and returns the workers' states and the combined outputs. The calling thread is
  /// worker 0.
  func run(next: @escaping () throws -> Item?) throws -> (states: [State], combined: Combined) {
    // `next` is called by one thread at a time, each call ordered after the last by the lock.
    let source = UncheckedSendable(next)
    running = workers
    for worker in 1 ..< workers {
      let thread = Thread { [self] in self.work(worker, source.value) }
      thread.stackSize = 8 << 20
      thread.start()
    }
    work(0, next)
    condition.lock()
    while running > 0 { condition.wait() }
    let result = (states, combined)
    let failure = self.failure
    condition.unlock()
    if let failure { throw failure }
    return result
  }

  private func work(_ worker: Int, _ next: () throws -> Item?) {
    var state = initial
    var index = worker
    condition.lock()
    while true {
      while turn != index && !done { condition.wait() }
      if done { break }
      condition.unlock()
      // This worker's turn: no other thread reads until `turn` moves on.
      let item: Item?
      do {
        item = try next()
      } catch {
        condition.lock()
        failure = error
        done = true
        condition.broadcast()
        break
      }
      condition.lock()
      if item == nil { done = true } else { turn += 1 }
      condition.broadcast()
      guard let item else { break }
      condition.unlock()
      let output = fold(&state, item)
      condition.lock()
      pending[index] = output
      if !combining {
        combining = true
        while let ready = pending.removeValue(forKey: nextToCombine) {
          nextToCombine += 1
          condition.unlock()
          combine(&combined, ready)
          condition.lock()
        }
        combining = false
        condition.broadcast()
      }
      index += workers
    }
    while combining { condition.wait() }
    states[worker] = state
    running -= 1
    condition.broadcast()
    condition.unlock()
  }
}

/// A value handed to other threads whose accesses are ordered by a lock the compiler cannot see.
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
