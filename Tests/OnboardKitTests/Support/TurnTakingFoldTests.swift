import Testing

@testable import OnboardKit

/// Reading in turns on the workers: every item is read once, in order; item i is folded by worker
/// i % n; side outputs are combined in item order; a failing source stops every worker.
@Suite struct TurnTakingFoldTests {
  struct Boom: Error {}

  /// A source of 0..<count that records the order of its calls; fails at `failAt` if given.
  final class Source: @unchecked Sendable {
    var calls: [Int] = []
    let count: Int
    let failAt: Int?
    init(count: Int, failAt: Int? = nil) { (self.count, self.failAt) = (count, failAt) }
    func next() throws -> Int? {
      let i = calls.count
      calls.append(i)
      if i == failAt { throw Boom() }
      return i < count ? i : nil
    }
  }

  static func fold(workers: Int) -> TurnTakingFold<Int, [Int], Int, [Int]> {
    TurnTakingFold(
      workers: workers, initial: [], combined: [],
      fold: { state, item in
        state.append(item)
        // Uneven work, so workers finish out of order.
        var x = 0
        for k in 0 ..< (item % 3) * 20_000 { x &+= k }
        return item * 10 + (x == -1 ? 1 : 0)
      },
      combine: { all, output in all.append(output) })
  }

  @Test(arguments: [1, 2, 3, 5]) func readsInOrderAndCombinesInOrder(workers: Int) throws {
    let source = Source(count: 40)
    let (states, combined) = try Self.fold(workers: workers).run(next: source.next)
    #expect(combined == (0 ..< 40).map { $0 * 10 })
    #expect(source.calls == Array(0 ... 40), "each item read once, in order, then the end once")
    for (w, state) in states.enumerated() {
      #expect(state == Array(stride(from: w, to: 40, by: workers)))
    }
  }

  @Test func emptySource() throws {
    let (states, combined) = try Self.fold(workers: 3).run(next: Source(count: 0).next)
    #expect(combined.isEmpty)
    #expect(states == [[], [], []])
  }

  @Test func failureStopsEveryWorker() {
    let source = Source(count: 40, failAt: 7)
    #expect(throws: Boom.self) { try Self.fold(workers: 3).run(next: source.next) }
    #expect(source.calls == Array(0 ... 7))
  }
}
