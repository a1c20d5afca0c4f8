/// A step that must know something about a whole column before it changes any row: the mean a
/// `fill_with_average` writes, the bounds a `normalization` scales by.
///
/// Before the run's own pass, the pipeline gives each such step, in recipe order, a `PrePass`: a
/// way to read every batch of the source as it leaves the steps before it (narrowed to the rows
/// its conditions match). The step reads as many passes as it needs into a bounded summary
/// (sums, a histogram, a sketch) and keeps the result as a plain property, never rows. Memory is
/// that summary's; each step's docs say how large it can get.
public protocol PrePassStep: Step {
  /// Learns what the step needs from the data. Called after `plan`, before any `apply`.
  mutating func learn(_ input: PrePass) throws
  /// Whether this use of the step needs the data first (`bucketization` does only by percentage).
  var needsPrePass: Bool { get }
}

extension PrePassStep {
  public var needsPrePass: Bool { true }
}

/// The data a `PrePassStep` learns from: every batch, as it reaches the step, pass after pass.
public struct PrePass {
  private let feed: (_ body: (Batch) throws -> Void) throws -> Void

  /// `feed` reads the source from the start and gives `body` each batch, as the step receives it.
  public init(_ feed: @escaping (_ body: (Batch) throws -> Void) throws -> Void) {
    self.feed = feed
  }

  /// A pass over fixed batches, for examples and tests.
  public init(batches: [Batch]) {
    feed = { body in for batch in batches { try body(batch) } }
  }

  /// Reads the data once more, from the start.
  public func forEachBatch(_ body: (Batch) throws -> Void) throws {
    try feed(body)
  }
}

extension Plan {
  /// Lets every `PrePassStep` learn, in recipe order. `source` reads the source from the start and
  /// gives each batch to its argument; it is called once per pass a step asks for.
  ///
  /// The steps before a learning step are planned afresh for each pass, so what they carry from
  /// batch to batch (a forward fill, a duplicate filter) starts empty, as in the run itself. Rows
  /// those steps refuse or drop are left out, as they will be in the run; counting them is the
  /// run's job, not the pre-pass's.
  public mutating func learn(from source: @escaping (_ body: (Batch) throws -> Void) throws -> Void) throws {
    for k in steps.indices {
      guard var learner = steps[k].step as? any PrePassStep, learner.needsPrePass else { continue }
      let before = Array(steps[0 ..< k])
      let conditions = steps[k].conditions
      let schema = schemas[0]
      let pass = PrePass { body in
        let upstream = try Plan(steps: before, source: schema)
        try upstream.stream(source) { batch, _, _ in
          guard var curated = batch else { return }
          if !conditions.isEmpty { curated = curated.filtered(Plan.mask(conditions, curated)) }
          try body(curated)
        }
      }
      try learner.learn(pass)
      steps[k].step = learner
    }
  }

  /// `learn(from:)` over batches in memory.
  public mutating func learn(from batches: [Batch]) throws {
    try learn { body in for batch in batches { try body(batch) } }
  }

  /// Whether any step needs a pre-pass (so the source is read more than once).
  public var needsPrePass: Bool { steps.contains { ($0.step as? any PrePassStep)?.needsPrePass == true } }
}
