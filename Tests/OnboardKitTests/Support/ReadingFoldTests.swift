import Testing

@testable import OnboardKit

/// Reading on the workers: every item is read once, in order; item i is folded into state
/// i % states; side outputs are combined in item order; a failing source stops every worker.
@Suite struct ReadingFoldTests {
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

  static func fold(workers: Int, states: Int? = nil) -> ReadingFold<Int, [Int], Int, [Int]> {
    ReadingFold(
      workers: workers, states: states, initial: [], combined: [],
      fold: { state, item in
        state.append(item)
        // Uneven work, so workers finish out of order.
        var x = 0
        for k in 0 ..< (item % 3) * 20_000 { x &+= k }
        return item * 10 + (x == -1 ? 1 : 0)
      },
      combine: { all, output in all.append(output) })
  }

  @Test(arguments: [(1, nil), (2, nil), (3, 3), (5, 2), (2, 7)] as [(Int, Int?)])
  func readsInOrderAndCombinesInOrder(workers: Int, states count: Int?) throws {
    let source = Source(count: 40)
    let (states, combined) = try Self.fold(workers: workers, states: count).run(next: source.next)
    #expect(combined == (0 ..< 40).map { $0 * 10 })
    #expect(source.calls == Array(0 ... 40), "each item read once, in order, then the end once")
    #expect(states.count == count ?? workers)
    for (s, state) in states.enumerated() {
      #expect(state == Array(stride(from: s, to: 40, by: states.count)))
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
