import Foundation

/// The side outputs of items folded on several threads, combined in item order (for what depends
/// on order: a sketch's merges, row numbers, a file written in order).
///
/// Not locked itself: its owner calls `add` holding its lock. One thread at a time combines, and
/// without holding the lock: combining may write a file, and the other threads should not wait for
/// that; outputs added meanwhile are picked up by the combining thread.
final class OrderedOutputs<Output, Combined>: @unchecked Sendable {
  private var pending: [Int: Output] = [:]
  private(set) var combined: Combined
  private var next = 0
  /// True while a thread combines; the owner waits for it to end before reading `combined`.
  private(set) var combining = false
  private let combine: @Sendable (inout Combined, Output) -> Void

  init(_ combined: Combined, combine: @escaping @Sendable (inout Combined, Output) -> Void) {
    self.combined = combined
    self.combine = combine
  }

  /// Adds item `index`'s output and, unless another thread is combining, combines every output
  /// that is next in order; `condition` is locked on entry and on return, released meanwhile.
  func add(_ index: Int, _ output: Output, unlocking condition: NSCondition) {
    pending[index] = output
    guard !combining else { return }
    combining = true
    while let ready = pending.removeValue(forKey: next) {
      next += 1
      condition.unlock()
      combine(&combined, ready)
      condition.lock()
    }
    combining = false
    condition.broadcast()
  }
}
