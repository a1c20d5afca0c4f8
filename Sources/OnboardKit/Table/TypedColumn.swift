/// A column of fixed-width values in one contiguous array, with validity.
///
/// Nulls hold a zero value in `values`, so the array stays dense and loops need no branches.
public struct TypedColumn<Element: Sendable & Equatable>: Sendable, Equatable {
  public private(set) var values: [Element] = []
  public private(set) var validity = Validity()

  public init() {}

  public init(_ items: [Element?], zero: Element) {
    for item in items {
      if let item { append(item) } else { appendNull(zero) }
    }
  }

  public var count: Int { values.count }

  /// Values and validity taken whole (nulls holding zero), for decoders and gathers that build
  /// the arrays in one go.
  init(values: [Element], validity: Validity) {
    precondition(values.count == validity.count, "one validity bit per value")
    self.values = values
    self.validity = validity
  }

  public mutating func reserveCapacity(_ n: Int) {
    values.reserveCapacity(n)
    validity.reserveCapacity(n)
  }

  @inline(__always)
  public mutating func append(_ value: Element) {
    values.append(value)
    validity.append(true)
  }

  public mutating func appendNull(_ zero: Element) {
    values.append(zero)
    validity.append(false)
  }

  public func isNull(_ row: Int) -> Bool { !validity.isValid(row) }

  public subscript(row: Int) -> Element? { validity.isValid(row) ? values[row] : nil }
}
