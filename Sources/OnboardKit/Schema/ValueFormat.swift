/// How a column writes its numbers and dates when that is not the standard (`1234.5`, ISO dates).
///
/// Detected per column by the sniffer (`DetectFormats`) from the data, carried on the column's
/// `Field`, and used by type inference and `cast` alike, so `1.234,50` is a decimal and
/// `31.12.2024` a date wherever the column goes.
public struct ValueFormat: Sendable, Hashable {
  public var decimalSeparator = UInt8(ascii: ".")
  /// Digits grouped by threes with this byte in the integer part (`1,234,567`); `nil` for none.
  public var thousandsSeparator: UInt8? = nil
  /// Order of day, month and year in dates; `nil` for ISO `yyyy-MM-dd` only.
  public var dateOrder: DateOrder? = nil
  public var dateSeparator = UInt8(ascii: "-")

  public init(decimalSeparator: UInt8 = UInt8(ascii: "."), thousandsSeparator: UInt8? = nil) {
    self.decimalSeparator = decimalSeparator
    self.thousandsSeparator = thousandsSeparator
  }

  public init(dateOrder: DateOrder, separator: UInt8) {
    self.dateOrder = dateOrder
    dateSeparator = separator
  }

  public static let standard = ValueFormat()
  public var isStandard: Bool { self == .standard }
  var hasNumberFormat: Bool { decimalSeparator != UInt8(ascii: ".") || thousandsSeparator != nil }

  /// A pattern a person reads: `dd.MM.yyyy`, `MM/dd/yyyy`, `1.234,5`, `1,234.5`.
  public var pattern: String {
    if let order = dateOrder {
      let s = String(UnicodeScalar(dateSeparator))
      return switch order {
      case .dmy: "dd\(s)MM\(s)yyyy"
      case .mdy: "MM\(s)dd\(s)yyyy"
      case .ymd: "yyyy\(s)MM\(s)dd"
      }
    }
    let thousands = thousandsSeparator.map { $0 == UInt8(ascii: " ") ? "\u{2009}" : String(UnicodeScalar($0)) } ?? ""
    return "1\(thousands)234\(String(UnicodeScalar(decimalSeparator)))5"
  }
}

/// Order of the parts of a date.
public enum DateOrder: String, Sendable, Hashable, Codable {
  case dmy, mdy, ymd
}

extension ValueFormat: Codable {
  public init(from decoder: any Decoder) throws {
    let pattern = try decoder.singleValueContainer().decode(String.self)
    guard let format = ValueFormat(pattern: pattern) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown format \(pattern)"))
    }
    self = format
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(pattern)
  }

  /// Reads a pattern back (`dd.MM.yyyy`, `1.234,5`, `1234,5`); recipes may use the same spelling.
  public init?(pattern: String) {
    let bytes = Array(pattern.utf8)
    if pattern.count == 10, let sep = bytes.first(where: { !($0 >= 65 && $0 <= 122) }) {
      let parts = pattern.split(separator: Character(UnicodeScalar(sep))).map(String.init)
      switch parts {
      case ["dd", "MM", "yyyy"]: self.init(dateOrder: .dmy, separator: sep)
      case ["MM", "dd", "yyyy"]: self.init(dateOrder: .mdy, separator: sep)
      case ["yyyy", "MM", "dd"]: self.init(dateOrder: .ymd, separator: sep)
      default: return nil
      }
      return
    }
    let scalars = Array(pattern.unicodeScalars)
    guard scalars.first == "1", scalars.last == "5", scalars.count >= 5 else { return nil }
    let decimal = UInt8(truncatingIfNeeded: scalars[scalars.count - 2].value)
    let middle = scalars[1 ..< scalars.count - 2].filter { !("0"..."9").contains($0) }
    let thousands: UInt8? = middle.first.map { $0 == "\u{2009}" ? UInt8(ascii: " ") : UInt8(truncatingIfNeeded: $0.value) }
    self.init(decimalSeparator: decimal, thousandsSeparator: thousands)
  }
}
