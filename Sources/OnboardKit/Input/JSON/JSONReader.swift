import Foundation

/// Reads JSON Lines, a JSON array of objects, or concatenated objects as batches of text columns.
///
/// Two passes over the source, each from a fresh `open()`: the first (`JSONSchemaDiscovery`)
/// collects the union of keys over all rows, so that the schema is known before the first batch
/// and a key first seen in the last row still gets its column; the second (`JSONScanner`) fills
/// the columns. Top-level keys become columns in first-seen order (see `JSONShape.columns` for
/// nested values and `flatten`); a key missing from a row, or `null`, is a null. Rows that are
/// not objects or not valid JSON are rejected as `malformed-json` (see `JSONFramer`).
///
/// Memory is the read buffer (grown only for a row longer than it) plus the batch being filled,
/// however large the file; the shape grows with the number of distinct key paths, not rows.
///
/// ```swift
/// let reader = try JSONReader(open: { try FileSource(path: "loans.jsonl") }, name: "loans.jsonl")
/// while let result = try reader.next() { ... }
/// ```
public final class JSONReader: BatchReader {
  public let schema: Schema
  public let layout: JSONLayout
  public let batchSize: Int

  private var window: JSONWindow
  private var framer: JSONFramer
  private var scanner: JSONScanner
  private let builders: UnsafeMutableBufferPointer<TextColumnBuilder>
  private var finished = false
  /// A failure met after some rows of the batch: those rows are returned first, then it is thrown.
  private var pendingError: InputError?

  /// `open` is called once per pass: pass 1 discovers the schema (union of keys over all rows),
  /// pass 2 reads. `name` names the source in rejects and errors.
  public init(
    open: @escaping () throws -> any ByteSource, name: String, options: JSONOptions = .init(), batchSize: Int = 65_536
  ) throws {
    precondition(batchSize > 0, "a batch holds at least one row")
    self.batchSize = batchSize

    // Pass 1: the layout from the first mebibyte, then the keys of every row.
    var first = JSONWindow(source: try open())
    let bom = try first.skipByteOrderMark()
    try first.fill(atLeast: JSONLayoutDetection.sampleBytes)
    let (start, end, wholeFile) = (first.start, first.end, first.atEOF)
    let (detected, blank) = first.buffer.withUnsafeBufferPointer { all in
      let sample = UnsafeBufferPointer(rebasing: all[start ..< end])
      return (
        options.layout ?? JSONLayoutDetection.detect(sample, wholeFile: wholeFile),
        JSONTokens.skipWhitespace(sample, 0, sample.count) == sample.count
      )
    }
    if wholeFile && blank { throw InputError.empty(path: name) }
    let layout = detected
    self.layout = layout
    let shape: JSONShape
    let cores = min(ProcessInfo.processInfo.activeProcessorCount, 4)
    if layout == .lines && !first.atEOF && cores > 1 {
      shape = try JSONSchemaDiscovery.discoverLines(after: first, name: name, workers: cores)
    } else {
      var discoveryFramer = JSONFramer(layout: layout, name: name, start: bom ? 3 : 0)
      var discovery = JSONSchemaDiscovery()
      // A failure ends the pass quietly: the reading pass reads the rows before it, then throws it.
      _ = try first.run(&discoveryFramer, into: &discovery, maxRows: .max)
      shape = discovery.shape
    }

    let columns = shape.columns(flatten: options.flatten)
    schema = columns.schema
    builders = .allocate(capacity: schema.count)
    let rows = min(batchSize, 4_096)
    for i in 0 ..< schema.count {
      (builders.baseAddress! + i).initialize(to: TextColumnBuilder(rows: rows, bytes: rows * 16))
    }
    scanner = JSONScanner(shape: shape, layout: columns, columns: builders)

    // Pass 2 starts over.
    window = JSONWindow(source: try open())
    framer = JSONFramer(layout: layout, name: name, start: try window.skipByteOrderMark() ? 3 : 0)
  }

  deinit {
    for builder in builders { builder.deallocate() }
    builders.deallocate()
  }

  /// The next batch with the rows that were rejected while reading it; `nil` at the end.
  public func next() throws -> ReadResult? {
    if let error = pendingError {
      pendingError = nil
      throw error
    }
    if finished { return nil }
    scanner.startBatch(capacity: batchSize)
    let stop = try window.run(&framer, into: &scanner, maxRows: batchSize)
    switch stop {
    case .batchFull, .needMoreData:
      return result()
    case .endOfInput:
      finished = true
      return scanner.rowCount == 0 && scanner.rejects.isEmpty ? nil : result()
    case .failed(let error):
      finished = true
      guard scanner.rowCount > 0 || !scanner.rejects.isEmpty else { throw error }
      pendingError = error
      return result()
    }
  }

  private func result() -> ReadResult {
    ReadResult(
      batch: Batch(schema: schema, columns: builders.map { .text($0.makeColumn()) }, origins: scanner.origins),
      rejects: scanner.rejects)
  }
}
