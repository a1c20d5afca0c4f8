/// One end of a declared range (`range: {min: 18}`): a number, a date or a timestamp.
///
/// Numbers are kept exactly, as an unscaled `Int64` and a scale (`12.5` is 125 and 1), so that
/// `18` and `18.0` compare equal and `0.1` is not rounded; numbers with an exponent are doubles.
/// Dates and timestamps are kept as microseconds since 1970-01-01 UTC, so a date bound on a
/// timestamp column means midnight at the start of that day.
public struct DomainBound: Sendable, Equatable, CustomStringConvertible {
  /// The bound's value alone: plain numbers, so a copy in the profiler's loop costs no
  /// reference counting.
  enum Value: Sendable, Equatable {
    case exact(unscaled: Int64, scale: Int)
    case double(Double)
    case temporal(micros: Int64)

    /// See `DomainBound.compare(_:)`.
    @inline(__always)
    func compare(_ parsed: ParsedValue) -> Int? {
      switch (parsed, self) {
      case (.integer(let v, _), .exact(let u, let s)): return DomainBound.compare(v, 0, u, s)
      case (.decimal(let v, _, let vs), .exact(let u, let s)): return DomainBound.compare(v, vs, u, s)
      case (.double(let d), _): return asDouble.map { DomainBound.compare(d, $0) }
      case (.integer, .double(let b)), (.decimal, .double(let b)): return DomainBound.compare(parsed.number ?? .nan, b)
      case (.date(let days), .temporal(let b)): return DomainBound.compare(Int64(days) * CivilTime.microsPerDay, 0, b, 0)
      case (.timestamp(let micros), .temporal(let b)): return DomainBound.compare(micros, 0, b, 0)
      default: return nil
      }
    }

    /// The bound as a double, for comparing with double values.
    private var asDouble: Double? {
      switch self {
      case .exact(let u, let s): Double(u) / ValueParser.powersOfTen[s]
      case .double(let d): d
      case .temporal: nil
      }
    }
  }

  /// As written in the recipe, for messages.
  public let text: String
  let value: Value

  /// Reads a bound as the value parser reads data; nil when it is neither a number nor an ISO
  /// date or timestamp.
  init?(_ text: String) {
    self.text = text
    switch ValueParser.parse(text) {
    case .integer(let v, _): value = .exact(unscaled: v, scale: 0)
    case .decimal(let u, _, let s): value = .exact(unscaled: u, scale: s)
    case .double(let d): value = .double(d)
    case .date(let days): value = .temporal(micros: Int64(days) * CivilTime.microsPerDay)
    case .timestamp(let micros): value = .temporal(micros: micros)
    default: return nil
    }
  }

  public var description: String { text }

  public var isNumber: Bool {
    if case .temporal = value { return false }
    return true
  }

  /// The bound compared with a parsed value: negative when the value is smaller, zero when equal,
  /// positive when larger; nil when the value is not of the bound's kind (text, or a date
  /// against a number).
  @inline(__always)
  func compare(_ parsed: ParsedValue) -> Int? { value.compare(parsed) }

  /// Compares `a / 10^sa` with `b / 10^sb` exactly, by bringing both to the larger scale; only
  /// when that overflows `Int64` (more than 18 digits in all) does it fall back to doubles.
  @inline(__always)
  static func compare(_ a: Int64, _ sa: Int, _ b: Int64, _ sb: Int) -> Int {
    var x = a
    var y = b
    if sa < sb {
      let (scaled, overflow) = a.multipliedReportingOverflow(by: powersOfTen[sb - sa])
      if overflow { return compare(Double(a) / ValueParser.powersOfTen[sa], Double(b) / ValueParser.powersOfTen[sb]) }
      x = scaled
    } else if sb < sa {
      let (scaled, overflow) = b.multipliedReportingOverflow(by: powersOfTen[sa - sb])
      if overflow { return compare(Double(a) / ValueParser.powersOfTen[sa], Double(b) / ValueParser.powersOfTen[sb]) }
      y = scaled
    }
    return x < y ? -1 : (x > y ? 1 : 0)
  }

  @inline(__always)
  static func compare(_ a: Double, _ b: Double) -> Int { a < b ? -1 : (a > b ? 1 : 0) }

  /// 10^0 ... 10^18, the powers an `Int64` holds.
  static let powersOfTen: [Int64] = (0 ... 18).map { p in (0 ..< p).reduce(Int64(1)) { v, _ in v * 10 } }

  /// Whether two bounds are of one kind (both numbers, or both dates/timestamps) and `self` ≤ `other`.
  func isAtMost(_ other: DomainBound) -> Bool? {
    switch (value, other.value) {
    case (.temporal(let a), .temporal(let b)): return a <= b
    case (.temporal, _), (_, .temporal): return nil
    default:
      // Compare as a parsed value would be compared against the other bound.
      let parsed: ParsedValue
      switch value {
      case .exact(let u, let s): parsed = s == 0 ? .integer(u, digits: 1) : .decimal(unscaled: u, integerDigits: 1, scale: s)
      case .double(let d): parsed = .double(d)
      case .temporal: return nil
      }
      return other.compare(parsed).map { $0 <= 0 }
    }
  }
}
