import Foundation

/// Reads items from one source on the folding threads and folds each on the thread that read it,
/// right after reading it, while it is still in that core's cache; each item's side output is
/// combined in item order, as `ParallelFold` does.
///
/// Whichever worker is free reads the next item (one at a time, in item order), so a worker busy
/// with a heavy item holds nobody up. Which *state* an item is folded into does not depend on
/// timing: item `i` goes to state `i % states`, after item `i - states` (waiting, if need be,
/// until that one is folded), so each state holds the same items, in the same order, in every run
/// and floating-point sums merge to the same bits. By default there is one state per worker: each
/// state holds a whole profile's sketches, and more states cost memory for little speed.
///
/// Compared with a reading thread feeding workers, there is one thread per core instead of one
/// more, and an item is not handed to another core's cache.
final class ReadingFold<Item, State: Sendable, Output: Sendable, Combined: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  /// Held while reading: the source is called by one thread at a time, in item order.
  private let reading = NSLock()
  private let workers: Int
  private let initial: State
  private var states: [State]
  private let stateCount: Int
  /// Per state, the next item to fold into it: items go into a state in item order.
  private var expected: [Int]
  /// The index of the next item to read (guarded by `reading`).
  private var nextIndex = 0
  /// Set when the source ended or failed: no more reading.
  private var done = false
  private var failure: (any Error)?
  private let outputs: OrderedOutputs<Output, Combined>
  private var running = 0
  private let fold: @Sendable (inout State, Item) -> Output

  init(
    workers: Int, states: Int? = nil, initial: State, combined: Combined,
    fold: @escaping @Sendable (inout State, Item) -> Output,
    combine: @escaping @Sendable (inout Combined, Output) -> Void
  ) {
    self.workers = max(1, workers)
    self.initial = initial
    let count = max(1, states ?? self.workers)
    self.states = Array(repeating: initial, count: count)
    stateCount = count
    expected = Array(0 ..< count)
    outputs = OrderedOutputs(combined, combine: combine)
    self.fold = fold
  }

  /// Reads with `next` until it returns nil (or throws, which `run` rethrows once every worker has
  /// stopped) and returns the states, in order, and the combined outputs. The calling thread is
  /// worker 0.
  func run(next: @escaping () throws -> Item?) throws -> (states: [State], combined: Combined) {
    let source = UncheckedSendable(next)
    running = workers
    for _ in 1 ..< workers {
      let thread = Thread { [self] in self.work(source.value) }
      thread.stackSize = 8 << 20
      thread.start()
    }
    work(next)
    condition.lock()
    while running > 0 { condition.wait() }
    let result = (states, outputs.combined)
    let failure = self.failure
    condition.unlock()
    if let failure { throw failure }
    return result
  }

  private func work(_ next: () throws -> Item?) {
    while true {
      reading.lock()
      condition.lock()
      let stop = done
      condition.unlock()
      if stop {
        reading.unlock()
        break
      }
      let index = nextIndex
      let item: Item?
      do {
        item = try next()
      } catch {
        condition.lock()
        failure = error
        done = true
        condition.unlock()
        reading.unlock()
        break
      }
      guard let item else {
        // Set before another worker can read: the source is not called past its end.
        condition.lock()
        done = true
        condition.unlock()
        reading.unlock()
        break
      }
      nextIndex += 1
      reading.unlock()
      let slot = index % stateCount
      condition.lock()
      while expected[slot] != index { condition.wait() }
      // Moved out, not copied, so folding does not copy the state's storage.
      var state = states[slot]
      states[slot] = initial
      condition.unlock()
      let output = fold(&state, item)
      condition.lock()
      states[slot] = state
      expected[slot] += stateCount
      outputs.add(index, output, unlocking: condition)
      condition.broadcast()
      condition.unlock()
    }
    condition.lock()
    while outputs.combining { condition.wait() }
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
