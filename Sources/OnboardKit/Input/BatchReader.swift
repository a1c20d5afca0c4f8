/// A source of batches: every input format's reader conforms.
public protocol BatchReader: AnyObject {
  /// The columns the reader produces, known before the first batch.
  var schema: Schema { get }
  /// The next batch with the rows rejected while reading it; `nil` when the input is exhausted.
  func next() throws -> ReadResult?
}

/// One step of reading: rows that parsed, and rows that did not.
public struct ReadResult: Sendable {
  public var batch: Batch
  public var rejects: [RejectedRow]
}
