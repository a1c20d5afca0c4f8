import Foundation

/// Profiles a table in one pass: the reader fills batches on the calling thread while worker
/// threads fold them into per-worker accumulators, which are merged at the end.
public struct Profiler: Sendable {
  /// Worker threads; by default one per core.
  public var threads: Int
  /// Batches waiting per worker; bounds memory to about `threads * (queueDepth + 1)` batches.
  public var queueDepth = 2

  public init(threads: Int? = nil) {
    self.threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
  }

  /// Reads `reader` to the end; rejected rows go to `rejects` as they are found.
  public func profile(_ reader: any BatchReader, rejects: (inout [RejectedRow]) throws -> Void = { _ in })
    throws -> ProfileAccumulator
  {
    let empty = ProfileAccumulator(schema: reader.schema)
    let fold = ParallelFold<Batch, ProfileAccumulator, [TopValues], [TopValues]>(
      workers: threads, capacity: queueDepth, initial: empty,
      combined: Array(repeating: TopValues(), count: reader.schema.count),
      fold: { state, batch in state.observeDeferringTopValues(batch) },
      combine: { running, batchTops in
        for i in running.indices { running[i].merge(batchTops[i]) }
      })
    do {
      while var chunk = try reader.next() {
        if !chunk.rejects.isEmpty { try rejects(&chunk.rejects) }
        fold.submit(chunk.batch)
      }
    } catch {
      _ = fold.finish()
      throw error
    }
    var (states, tops) = fold.finish()
    var total = states.removeFirst()
    for state in states { total.merge(state) }
    total.setTopValues(tops)
    return total
  }
}
