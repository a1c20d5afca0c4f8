/// Rows, nulls and empty strings of a column.
///
/// A value counts as null when it is missing (an empty unquoted CSV field), empty, or a null token
/// (`NA`, `N/A`, `NULL`, `null`); `emptyStrings` counts the empty ones among them separately.
public struct NullCount: Statistic, Equatable {
  public private(set) var rows = 0
  public private(set) var nulls = 0
  public private(set) var emptyStrings = 0

  public init() {}

  @inline(__always)
  public mutating func observe(isNull: Bool, isEmpty: Bool = false, occurrences: Int = 1) {
    rows += occurrences
    if isNull { nulls += occurrences }
    if isEmpty { emptyStrings += occurrences }
  }

  public mutating func merge(_ other: NullCount) {
    rows += other.rows
    nulls += other.nulls
    emptyStrings += other.emptyStrings
  }

  public struct Result: Sendable, Equatable {
    public var rows: Int
    public var nulls: Int
    public var emptyStrings: Int
    /// Non-null values / rows; 1 for an empty column (nothing is missing).
    public var completeness: Double { rows == 0 ? 1 : Double(rows - nulls) / Double(rows) }
  }

  public var result: Result { Result(rows: rows, nulls: nulls, emptyStrings: emptyStrings) }
}
