/// The storage of one column of a batch: raw text, or typed values.
///
/// Readers produce `.text`; a cast turns text into a typed case. The cases follow the physical
/// layouts of DESIGN.md: dates are days since 1970-01-01, timestamps microseconds since the epoch
/// in UTC, decimals an `Int64` scaled by `10^scale`.
public enum Column: Sendable, Equatable {
  case text(TextColumn)
  case boolean(TypedColumn<Bool>)
  case int64(TypedColumn<Int64>)
  case decimal(TypedColumn<Int64>, scale: Int)
  case double(TypedColumn<Double>)
  case date(TypedColumn<Int32>)
  case timestamp(TypedColumn<Int64>)

  public var count: Int {
    switch self {
    case .text(let c): c.count
    case .boolean(let c): c.count
    case .int64(let c): c.count
    case .decimal(let c, _): c.count
    case .double(let c): c.count
    case .date(let c): c.count
    case .timestamp(let c): c.count
    }
  }

  public var isText: Bool {
    if case .text = self { return true }
    return false
  }

  public func isNull(_ row: Int) -> Bool {
    switch self {
    case .text(let c): c.isNull(row)
    case .boolean(let c): c.isNull(row)
    case .int64(let c): c.isNull(row)
    case .decimal(let c, _): c.isNull(row)
    case .double(let c): c.isNull(row)
    case .date(let c): c.isNull(row)
    case .timestamp(let c): c.isNull(row)
    }
  }

  /// The value rendered as text, as the CSV writer writes it; `nil` for null.
  public func formatted(_ row: Int) -> String? {
    var out: [UInt8] = []
    guard ValueFormatter.append(self, row: row, to: &out) else { return nil }
    return String(decoding: out, as: UTF8.self)
  }

  /// A column holding only the rows where `keep` is true.
  public func filtered(_ keep: [Bool]) -> Column {
    func pick<E>(_ c: TypedColumn<E>, _ zero: E) -> TypedColumn<E> {
      var out = TypedColumn<E>()
      for row in 0 ..< c.count where keep[row] {
        if c.isNull(row) { out.appendNull(zero) } else { out.append(c.values[row]) }
      }
      return out
    }
    switch self {
    case .text(let c): return .text(c.filtered(keep))
    case .boolean(let c): return .boolean(pick(c, false))
    case .int64(let c): return .int64(pick(c, 0))
    case .decimal(let c, let s): return .decimal(pick(c, 0), scale: s)
    case .double(let c): return .double(pick(c, 0))
    case .date(let c): return .date(pick(c, 0))
    case .timestamp(let c): return .timestamp(pick(c, 0))
    }
  }
}
