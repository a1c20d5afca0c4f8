/// One batch on its way through a run: as read, with the rows the reader refused, and, when the
/// steps ran on the reading thread, as curated.
struct RunBatch: Sendable {
  /// The batch as read; nil for batches a barrier (`sort`) gives after the source is read.
  var source: Batch?
  var readerRejects: [RejectedRow]
  var curated: CuratedBatch?
}

/// A batch after the steps: the rows they refused (as quarantine rows), how many they removed on
/// purpose, and, once a worker has profiled and encoded it, its CSV bytes in place of the batch.
struct CuratedBatch: Sendable {
  var batch: Batch?
  var readerRejects: [RejectedRow] = []
  var refusals: [RejectedRow]
  var filtered: Int
  var encoded: [UInt8] = []
  var rows = 0
  /// The profile parts of this batch that merge in batch order; nil when it had no rows left.
  var profile: DeferredProfile?

  init(_ plan: Plan, _ source: Batch, sourceName: String) {
    let (curated, refused, filtered) = plan.apply(source)
    self.init(curated, refused, filtered: filtered, file: source.source.isEmpty ? sourceName : source.source)
  }

  /// What a stage of the plan left; `file` is where the refused rows were read.
  init(_ batch: Batch?, _ refused: [Refusal], filtered: Int, file: String) {
    self.batch = batch
    self.filtered = filtered
    refusals = refused.map { r in
      RejectedRow(
        code: r.entry.code, reason: r.entry.reason, file: file, line: r.origin.line, byteOffset: r.origin.byteOffset,
        step: "\(r.step.index):\(r.step.kind)", column: r.entry.column, raw: r.row)
    }
  }

  /// Adds the refusals and drops of a stage that ended at a barrier (so it passed no rows on).
  mutating func absorb(_ other: CuratedBatch) {
    precondition(other.batch == nil, "while the source is read, the first barrier holds every row")
    refusals += other.refusals
    filtered += other.filtered
  }
}

/// Where a run's batches end, in batch order: the data file, the quarantine, the counts, and the
/// order-dependent merge of the top-value sketches. `ParallelFold` calls `write` under its lock,
/// one batch at a time, which is what makes sharing the writers safe.
struct RunOutputs: @unchecked Sendable {
  let writer: CSVWriter
  let quarantine: QuarantineWriter
  /// The profile parts merged in batch order.
  var profile: DeferredProfile
  var filtered = 0
  var quarantinedByReader = 0
  var quarantinedBySteps = 0
  /// The first write error; later batches are skipped, and the run throws it.
  var error: (any Error)?

  init(writer: CSVWriter, quarantine: QuarantineWriter, columns: Int) {
    self.writer = writer
    self.quarantine = quarantine
    profile = DeferredProfile(columns: columns)
  }

  mutating func write(_ curated: CuratedBatch) {
    guard error == nil else { return }
    do {
      try quarantine.write(curated.readerRejects)
      try quarantine.write(curated.refusals)
      try writer.append(curated.encoded, rows: curated.rows)
    } catch {
      self.error = error
      return
    }
    quarantinedByReader += curated.readerRejects.count
    quarantinedBySteps += curated.refusals.count
    filtered += curated.filtered
    if let parts = curated.profile { profile.append(parts) }
  }
}
