/// Why a non-null value is not correct: it does not fit the column's type or its declared domain.
///
/// The codes are stable (the manifest and tools key on them); the cases are in the order
/// `ColumnDomain` tests them, which is also the order results list them. A value gets one reason,
/// the first that applies.
public enum DomainReason: String, CaseIterable, Codable, Sendable, Comparable {
  /// The value does not parse as the column's type (text in an `int` column, `30.5` in an `int` one).
  case wrongType = "wrong_type"
  /// The value is not one of the `allowed` values.
  case notAllowed = "not_allowed"
  /// The value is less than the range's `min`.
  case belowMinimum = "below_minimum"
  /// The value is greater than the range's `max`.
  case aboveMaximum = "above_maximum"
  /// The value has fewer Unicode scalars than the length's `min`.
  case tooShort = "too_short"
  /// The value has more Unicode scalars than the length's `max`.
  case tooLong = "too_long"
  /// The value as a whole does not match the `pattern`.
  case patternMismatch = "pattern_mismatch"

  /// The stable snake_case code, e.g. `below_minimum`.
  public var code: String { rawValue }

  /// Position in the test order, for sorting.
  var order: Int {
    switch self {
    case .wrongType: 0
    case .notAllowed: 1
    case .belowMinimum: 2
    case .aboveMaximum: 3
    case .tooShort: 4
    case .tooLong: 5
    case .patternMismatch: 6
    }
  }

  public static func < (a: DomainReason, b: DomainReason) -> Bool { a.order < b.order }

  /// A message that needs no domain, e.g. "below the declared minimum"; `ColumnDomain.message(for:)`
  /// names the bound.
  public var summary: String {
    switch self {
    case .wrongType: "not a value of the column's type"
    case .notAllowed: "not one of the allowed values"
    case .belowMinimum: "below the declared minimum"
    case .aboveMaximum: "above the declared maximum"
    case .tooShort: "shorter than the declared minimum length"
    case .tooLong: "longer than the declared maximum length"
    case .patternMismatch: "does not match the declared pattern"
    }
  }
}
