/// What one raw text value turned out to be, with its parsed payload.
///
/// Produced by `ValueParser.parse`; type inference tallies the cases, statistics read the payloads.
enum ParsedValue: Equatable {
  /// Empty, or one of the null tokens (`NA`, `N/A`, `NULL`, `null`).
  case null
  case boolean(Bool)
  /// A whole number without leading zeros that fits an `Int64`; `digits` counts its digits.
  /// Longer digit strings are text: they are identifiers far more often than quantities, and a
  /// number would lose their digits.
  case integer(Int64, digits: Int)
  /// A plain decimal (`-12.50`): `unscaled / 10^scale`, at most 18 significant digits.
  case decimal(unscaled: Int64, integerDigits: Int, scale: Int)
  /// A number with an exponent, or a decimal with more than 18 digits (too many for a scaled `Int64`).
  case double(Double)
  /// `yyyy-MM-dd`, as days since 1970-01-01.
  case date(Int32)
  /// `yyyy-MM-dd[T ]HH:mm:ss[.f...][Z|±hh:mm]`, as microseconds since the epoch in UTC.
  case timestamp(Int64)
  case text

  /// The numeric value, for moments and ranges.
  var number: Double? {
    switch self {
    case .integer(let v, _): Double(v)
    case .decimal(let u, _, let s): Double(u) / ValueParser.powersOfTen[s]
    case .double(let d): d
    default: nil
    }
  }
}
