import Foundation

/// How the bias counter reads one row of a column, text or typed: as text (for sensitive and
/// positive values, and group keys) and as a number (for thresholds).
enum BiasColumnValue {
  /// The row as text, as the CSV writer writes it; nil for null.
  static func text(_ column: Column, _ row: Int) -> String? {
    if case .text(let c) = column { return c.string(row) }
    return column.formatted(row)
  }

  /// The row as a number; nil for null and for a value that is not a number.
  static func number(_ column: Column, _ row: Int) -> Double? {
    switch column {
    case .int64(let c): return c[row].map(Double.init)
    case .double(let c): return c[row]
    case .decimal(let c, let scale): return c[row].map { Double($0) / pow(10, Double(scale)) }
    case .text(let c): return c.string(row).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    case .boolean, .date, .timestamp: return nil
    }
  }

  /// Whether the row is one of `values`: equal as text, or, for a numeric column, equal as a
  /// number to a value that reads as one (so `1` matches a decimal `1.0`). Null is never one.
  static func isOneOf(_ column: Column, _ row: Int, _ values: Set<String>, numbers: Set<Double>) -> Bool {
    switch column {
    case .int64, .double, .decimal:
      guard let x = number(column, row) else { return false }
      return numbers.contains(x) || text(column, row).map(values.contains) == true
    default:
      return text(column, row).map(values.contains) == true
    }
  }
}
