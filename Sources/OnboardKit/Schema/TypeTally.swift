/// Schema inference as a statistic: how many values of a column parse as each type.
///
/// Tallied over every row (not a sample) and merged like any other statistic; `result` resolves
/// the tally with one ordered rule (see `TypeDecision`), so each decision can be explained.
public struct TypeTally: Statistic, Equatable {
  public private(set) var nulls = 0
  public private(set) var booleans = 0
  public private(set) var integers = 0
  /// Integers outside the 32-bit range: they make the column `bigint` instead of `int`.
  public private(set) var wideIntegers = 0
  public private(set) var decimals = 0
  public private(set) var doubles = 0
  public private(set) var dates = 0
  public private(set) var timestamps = 0
  public private(set) var texts = 0
  /// Largest number of digits before the point, over integers and decimals.
  public private(set) var integerDigits = 0
  /// Largest number of digits after the point, over decimals.
  public private(set) var scale = 0

  public init() {}

  @inline(__always)
  mutating func observe(_ value: ParsedValue, occurrences n: Int = 1) {
    switch value {
    case .null: nulls += n
    case .boolean: booleans += n
    case .integer(let v, let digits):
      integers += n
      if v < Int64(Int32.min) || v > Int64(Int32.max) { wideIntegers += n }
      if digits > integerDigits { integerDigits = digits }
    case .decimal(_, let digits, let s):
      decimals += n
      if digits > integerDigits { integerDigits = digits }
      if s > scale { scale = s }
    case .double: doubles += n
    case .date: dates += n
    case .timestamp: timestamps += n
    case .text: texts += n
    }
  }

  public mutating func merge(_ other: TypeTally) {
    nulls += other.nulls
    booleans += other.booleans
    integers += other.integers
    wideIntegers += other.wideIntegers
    decimals += other.decimals
    doubles += other.doubles
    dates += other.dates
    timestamps += other.timestamps
    texts += other.texts
    integerDigits = max(integerDigits, other.integerDigits)
    scale = max(scale, other.scale)
  }

  public var values: Int { booleans + integers + decimals + doubles + dates + timestamps + texts }

  public var result: TypeDecision { TypeDecision(self) }
}

/// The type a tally resolves to, and why.
///
/// The rule, in order: no values → `string`; any text → `string`; all booleans → `boolean`;
/// all numbers → `double` if any needed an exponent, else `decimal(p,s)` if any had a point
/// (p = integer digits + scale, `double` past 18 digits), else `int` or `bigint` by range; all
/// dates/timestamps → `timestamp` if any had a time, else `date`; a mixture → `string`. Dates are
/// ISO unless the column's `ValueFormat` says otherwise (`dd.MM.yyyy`, ...).
public struct TypeDecision: Sendable, Equatable {
  public var type: DataType
  public var nullable: Bool
  /// One sentence a person can check, e.g. "998 of 1,000 values are integers; 2 are text".
  public var reason: String

  init(_ t: TypeTally) {
    nullable = t.nulls > 0
    let n = t.values
    let numbers = t.integers + t.decimals + t.doubles
    let temporals = t.dates + t.timestamps
    if n == 0 {
      type = .string
      reason = "no values (all \(t.nulls) are null)"
    } else if t.texts > 0 {
      type = .string
      reason = t.texts == n ? "all \(n) values are text" : "\(t.texts) of \(n) values are text"
    } else if t.booleans == n {
      type = .boolean
      reason = "all \(n) values are true/false"
    } else if numbers == n {
      if t.doubles > 0 {
        type = .double
        reason = "\(t.doubles) of \(n) numbers have an exponent or more than 18 digits"
      } else if t.decimals > 0 {
        let precision = t.integerDigits + t.scale
        if precision <= DataType.maximumDecimalPrecision {
          type = .decimal(precision: precision, scale: t.scale)
          reason = "\(t.decimals) of \(n) numbers have a decimal point; at most \(t.integerDigits) digits before it and \(t.scale) after"
        } else {
          type = .double
          reason = "decimals need \(precision) digits, more than 18"
        }
      } else if t.wideIntegers > 0 {
        type = .bigint
        reason = "all \(n) values are integers; \(t.wideIntegers) outside the 32-bit range"
      } else {
        type = .integer
        reason = "all \(n) values are integers within the 32-bit range"
      }
    } else if temporals == n {
      type = t.timestamps > 0 ? .timestamp : .date
      reason =
        t.timestamps == n ? "all \(n) values are timestamps"
        : t.timestamps > 0 ? "\(t.timestamps) of \(n) values are timestamps, the rest dates" : "all \(n) values are dates"
    } else {
      type = .string
      reason = "values mix kinds (\(numbers) numbers, \(temporals) dates or times, \(t.booleans) booleans)"
    }
  }
}
