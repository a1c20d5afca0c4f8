import Foundation

/// Profiles a table in one pass: the reader fills batches on the calling thread while worker
/// threads fold them into per-worker accumulators, which are merged at the end.
public struct Profiler: Sendable {
  /// Worker threads; by default one per core.
  public var threads: Int
  /// Batches waiting per worker; bounds memory to about `threads * (queueDepth + 1)` batches.
  /// One is enough to keep the workers busy (the reader is faster than they are), and each batch
  /// of a wide file is tens of megabytes.
  public var queueDepth = 1
  /// Bias reports to count in the same pass; their columns must be in the reader's schema
  /// (check them first with `BiasSpec.problems(in:thresholdsNeedNumbers:)`).
  public var bias: [BiasSpec] = []

  public init(threads: Int? = nil) {
    self.threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
  }

  /// Reads `reader` to the end; rejected rows go to `rejects` as they are found.
  public func profile(_ reader: any BatchReader, rejects: (inout [RejectedRow]) throws -> Void = { _ in })
    throws -> ProfileAccumulator
  {
    let empty = ProfileAccumulator(schema: reader.schema, bias: bias)
    let fold = ParallelFold<Batch, ProfileAccumulator, DeferredProfile, DeferredProfile>(
      workers: threads, capacity: queueDepth, initial: empty,
      combined: DeferredProfile(columns: reader.schema.count),
      fold: { state, batch in state.observeDeferring(batch) },
      combine: { running, batchParts in running.append(batchParts) })
    do {
      while var chunk = try reader.next() {
        if !chunk.rejects.isEmpty { try rejects(&chunk.rejects) }
        fold.submit(chunk.batch)
      }
    } catch {
      _ = fold.finish()
      throw error
    }
    var (states, deferred) = fold.finish()
    var total = states.removeFirst()
    for state in states { total.merge(state) }
    total.setDeferred(deferred)
    return total
  }
}
