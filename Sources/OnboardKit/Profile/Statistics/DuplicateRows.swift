/// Rows that repeat an earlier row exactly (every column equal), as pandas'
/// `DataFrame.duplicated().sum()` counts them: rows − distinct rows.
///
/// Each row is reduced to a 64-bit hash of its values (a collision, about n²/2^65, is the only
/// error of the exact count). Up to `exactLimit` distinct rows are counted exactly. Past that the
/// statistic keeps a hash-defined sample (Gibbons' distinct sampling): only rows whose hash has its
/// top `level` bits zero, 1 in 2^level of the distinct rows with every copy of each. Duplicates are
/// then (sampled rows − sampled distinct rows) · 2^level, with a standard error of about
/// √(sampled duplicate rows) · 2^level. The sample depends only on the hashes, so merging in any
/// order gives the same state: the smallest level at which the union fits.
public struct DuplicateRows: Statistic, Equatable {
  public static let exactLimit = 1 << 17

  public private(set) var rows = 0
  /// Sampled distinct row hashes with their counts.
  private var sample = HashCounter64()
  private var sampledRows = 0
  /// Rows are sampled when the top `level` bits of their hash are zero.
  public private(set) var level = 0

  public init() {}

  public struct Result: Sendable, Equatable, Codable {
    public var rows: Int
    public var duplicateRows: Int
    /// The fraction of distinct rows the estimate rests on; 1 when exact.
    public var sampleRate: Double
    /// About one standard error of `duplicateRows`; 0 when exact.
    public var standardError: Double
    public var isExact: Bool { sampleRate == 1 }
  }

  @inline(__always)
  private func isSampled(_ hash: UInt64) -> Bool { level == 0 || hash >> (64 - level) == 0 }

  @inline(__always)
  public mutating func observe(rowHash: UInt64) {
    rows += 1
    guard isSampled(rowHash) else { return }
    sampledRows += 1
    if sample.add(rowHash) && sample.count > Self.exactLimit { raiseLevel() }
  }

  /// Halves the sample until it fits.
  private mutating func raiseLevel() {
    while sample.count > Self.exactLimit {
      level += 1
      let shift = UInt64(64 - level)
      sample.filter { $0 >> shift == 0 }
    }
    sampledRows = sample.entries.reduce(0) { $0 + $1.count }
  }

  public mutating func merge(_ other: DuplicateRows) {
    rows += other.rows
    if other.level > level {
      level = other.level
      let shift = UInt64(64 - level)
      sample.filter { $0 >> shift == 0 }
    }
    for e in other.sample.entries where isSampled(e.key) { sample.add(e.key, occurrences: e.count) }
    sampledRows = sample.entries.reduce(0) { $0 + $1.count }
    if sample.count > Self.exactLimit { raiseLevel() }
  }

  public var result: Result {
    let scale = Double(UInt64(1) << UInt64(level))
    let sampledDuplicates = sampledRows - sample.count
    return Result(
      rows: rows, duplicateRows: Int((Double(sampledDuplicates) * scale).rounded()), sampleRate: 1 / scale,
      standardError: level == 0 ? 0 : Double(sampledDuplicates).squareRoot() * scale)
  }
}
