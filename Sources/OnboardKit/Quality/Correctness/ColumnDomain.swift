/// The values a column may hold, declared in the recipe's `columns` section: its type and,
/// optionally, `allowed` values, a `range`, a `pattern` and a `length`.
///
/// ```yaml
/// columns:
///   age_in_years: {type: int, range: {min: 18, max: 100}}
///   credit_risk: {allowed: [good, bad]}
///   iban: {pattern: '[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}', length: {min: 15, max: 34}}
/// ```
///
/// `violation(_:_:)` classifies one value in the profiler's loop. A value is checked in the
/// order of `DomainReason` and gets the first reason that applies: its type, then the allowed
/// values, the range, the length and last the pattern (the only check that builds a `String`).
/// Correctness is then (non-null values − invalid ones) / non-null values (`DomainTally`).
///
/// - Complexity: a copy retains three references at most (the declaration, the prepared allowed
///   values, the pattern); bind a column's domain once per batch, outside the row loop, rather
///   than unwrapping an optional per value.
public struct ColumnDomain: Sendable {
  /// What the recipe declares, kept in one shared box so that copying a domain stays cheap.
  private let declaration: Declaration

  /// The column, for messages.
  public var column: String { declaration.column }
  /// The type values must parse as: the declared type, and after planning the planned one; nil
  /// checks no type.
  public private(set) var type: DataType?
  /// The allowed values as written; nil when any value is allowed.
  public var allowed: [String]? { declaration.allowed }
  /// The inclusive range's lower end, or nil.
  public var minimum: DomainBound? { declaration.minimum }
  /// The inclusive range's upper end, or nil.
  public var maximum: DomainBound? { declaration.maximum }
  /// The regular expression the whole value must match.
  public var pattern: String? { compiledPattern?.source }
  /// Bounds of the value's length in Unicode scalars, both inclusive.
  public let minimumLength: Int?
  public let maximumLength: Int?
  /// Where the keys are written, for errors found when the domain is planned.
  var locations: Locations { declaration.locations }

  struct Locations: Sendable {
    var column: RecipeLocation
    var allowed: RecipeLocation?
    var range: RecipeLocation?
  }

  private final class Declaration: Sendable {
    let column: String
    let allowed: [String]?
    let minimum: DomainBound?
    let maximum: DomainBound?
    let locations: Locations

    init(column: String, allowed: [String]?, minimum: DomainBound?, maximum: DomainBound?, locations: Locations) {
      self.column = column
      self.allowed = allowed
      self.minimum = minimum
      self.maximum = maximum
      self.locations = locations
    }
  }

  // Prepared for the type; rebuilt by `planned(for:)`.
  private var typeCheck: TypeCheck
  private var allowedValues: AllowedValues?
  private let compiledPattern: DomainPattern?
  /// The range's ends as plain values (no `String` to retain per value).
  private let lower: DomainBound.Value?
  private let upper: DomainBound.Value?
  /// Whether a range or a length is declared: one test skips both in the common case.
  private let hasRange: Bool
  private let hasLength: Bool

  /// A domain of checked parts; `ColumnDomain.parse` reads one from a recipe and reports mistakes
  /// with their line, and `planned(for:)` checks it against the column's type.
  init(
    column: String, type: DataType?, allowed: [String]? = nil, minimum: DomainBound? = nil, maximum: DomainBound? = nil,
    pattern: DomainPattern? = nil, minimumLength: Int? = nil, maximumLength: Int? = nil, locations: Locations
  ) throws(AllowedValues.NotOfType) {
    declaration = Declaration(column: column, allowed: allowed, minimum: minimum, maximum: maximum, locations: locations)
    compiledPattern = pattern
    self.minimumLength = minimumLength
    self.maximumLength = maximumLength
    lower = minimum?.value
    upper = maximum?.value
    hasRange = minimum != nil || maximum != nil
    hasLength = minimumLength != nil || maximumLength != nil
    typeCheck = TypeCheck(type)
    self.type = type
    try prepareAllowed()
  }

  /// A domain of the type alone: values must parse as `type` (`wrong_type` otherwise).
  public init(column: String, type: DataType) {
    do {
      try self.init(column: column, type: type, locations: Locations(column: RecipeLocation(file: "", line: 0, column: 0)))
    } catch {
      preconditionFailure("a domain without allowed values has none of another type")
    }
  }

  private mutating func prepareAllowed() throws(AllowedValues.NotOfType) {
    guard let allowed else { return }
    switch AllowedValues.prepare(allowed, for: type) {
    case .success(let prepared): allowedValues = prepared
    case .failure(let error): throw error
    }
  }

  /// The same domain checking values against `type`: allowed values are compared as values of
  /// that type from then on.
  func retyped(_ type: DataType) throws(AllowedValues.NotOfType) -> ColumnDomain {
    var copy = self
    copy.type = type
    copy.typeCheck = TypeCheck(type)
    copy.allowedValues = nil
    try copy.prepareAllowed()
    return copy
  }

  /// Why `value` is not correct, or nil when it is (nulls are never checked: they count against
  /// completeness, not correctness).
  ///
  /// `value` is the value as written; `parsed` is what the value parser made of it (for typed
  /// columns, the typed value).
  ///
  /// - Complexity: allocation-free and a few comparisons, plus a hash for `allowed` and a pass
  ///   over the bytes for `length`; a declared `pattern` builds a `String` (see `DomainPattern`).
  @inline(__always)
  func violation(_ value: UnsafeBufferPointer<UInt8>, _ parsed: ParsedValue) -> DomainReason? {
    if case .null = parsed { return nil }
    if !typeCheck.accepts(parsed) { return .wrongType }
    if let allowedValues, !allowedValues.contains(value, parsed) { return .notAllowed }
    if hasRange, let reason = rangeViolation(parsed) { return reason }
    if hasLength, let reason = lengthViolation(value) { return reason }
    if let compiledPattern, !compiledPattern.matches(value) { return .patternMismatch }
    return nil
  }

  @inline(__always)
  private func rangeViolation(_ parsed: ParsedValue) -> DomainReason? {
    if let lower {
      // A value of another kind than the bound (text against a number) has no place in the range.
      guard let c = lower.compare(parsed) else { return .wrongType }
      if c < 0 { return .belowMinimum }
    }
    if let upper {
      guard let c = upper.compare(parsed) else { return .wrongType }
      if c > 0 { return .aboveMaximum }
    }
    return nil
  }

  @inline(__always)
  private func lengthViolation(_ value: UnsafeBufferPointer<UInt8>) -> DomainReason? {
    // A value has at most as many scalars as bytes: short byte counts decide without counting.
    var scalars = -1
    if let minimumLength {
      if value.count < minimumLength { return .tooShort }
      scalars = Self.scalarCount(value)
      if scalars < minimumLength { return .tooShort }
    }
    if let maximumLength, value.count > maximumLength {
      if scalars < 0 { scalars = Self.scalarCount(value) }
      if scalars > maximumLength { return .tooLong }
    }
    return nil
  }

  /// Unicode scalars in UTF-8 bytes: every byte that is not a continuation byte (10xxxxxx)
  /// starts one. DuckDB's `length` and Java's `codePointCount` count the same.
  @inline(__always)
  static func scalarCount(_ value: UnsafeBufferPointer<UInt8>) -> Int {
    var n = 0
    for b in value where b & 0xC0 != 0x80 { n += 1 }
    return n
  }

  /// What a reason means for this column, e.g. "below the declared minimum 18".
  public func message(for reason: DomainReason) -> String {
    switch reason {
    case .wrongType: return type.map { "not a valid \($0)" } ?? reason.summary
    case .notAllowed:
      guard let allowed else { return reason.summary }
      let shown = allowed.prefix(10).map { "'\($0)'" }.joined(separator: ", ")
      return "\(reason.summary) \(shown)" + (allowed.count > 10 ? ", … (\(allowed.count) in all)" : "")
    case .belowMinimum: return minimum.map { "\(reason.summary) \($0)" } ?? reason.summary
    case .aboveMaximum: return maximum.map { "\(reason.summary) \($0)" } ?? reason.summary
    case .tooShort: return minimumLength.map { "\(reason.summary) \($0)" } ?? reason.summary
    case .tooLong: return maximumLength.map { "\(reason.summary) \($0)" } ?? reason.summary
    case .patternMismatch: return pattern.map { "\(reason.summary) '\($0)'" } ?? reason.summary
    }
  }
}

extension ColumnDomain: Equatable {
  /// Equal declarations for the same type (the prepared lookups follow from them).
  public static func == (a: ColumnDomain, b: ColumnDomain) -> Bool {
    a.column == b.column && a.type == b.type && a.allowed == b.allowed && a.minimum == b.minimum
      && a.maximum == b.maximum && a.pattern == b.pattern && a.minimumLength == b.minimumLength
      && a.maximumLength == b.maximumLength
  }
}

/// Whether a parsed value fits a type, as a cast to that type would accept it.
enum TypeCheck: Sendable {
  case any
  case boolean
  case integer32
  case integer64
  /// Whole numbers and decimals of at most `scale` places below 10^(precision − scale).
  case decimal(precision: Int, scale: Int)
  case double
  case date
  /// Timestamps, and dates (midnight).
  case timestamp

  init(_ type: DataType?) {
    switch type {
    case .boolean: self = .boolean
    case .integer: self = .integer32
    case .bigint: self = .integer64
    case .decimal(let p, let s): self = .decimal(precision: p, scale: s)
    case .double: self = .double
    case .date: self = .date
    case .timestamp: self = .timestamp
    case .string, .array, .struct, nil: self = .any
    }
  }

  @inline(__always)
  func accepts(_ parsed: ParsedValue) -> Bool {
    switch (self, parsed) {
    case (.any, _): return true
    case (.boolean, .boolean): return true
    case (.integer32, .integer(let v, _)): return v >= Int64(Int32.min) && v <= Int64(Int32.max)
    case (.integer64, .integer): return true
    case (.decimal(let p, let s), .integer(let v, _)):
      return v.magnitude < DomainBound.powersOfTen[p - s].magnitude
    case (.decimal(let p, let s), .decimal(let u, _, let scale)):
      return scale <= s && u.magnitude < DomainBound.powersOfTen[p - s + scale].magnitude
    case (.double, .integer), (.double, .decimal), (.double, .double): return true
    case (.date, .date): return true
    case (.timestamp, .timestamp), (.timestamp, .date): return true
    default: return false
    }
  }
}
