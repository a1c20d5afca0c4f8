/// Smallest and largest value by byte order (UTF-8 byte order is code point order).
public struct TextRange: Statistic, Equatable {
  public private(set) var minimum: [UInt8]? = nil
  public private(set) var maximum: [UInt8]? = nil

  public init() {}

  @inline(__always)
  public mutating func observe(_ value: UnsafeBufferPointer<UInt8>) {
    guard let lo = minimum, let hi = maximum else {
      minimum = Array(value)
      maximum = Array(value)
      return
    }
    // Most values fall strictly between on their first byte: one comparison each, no loop.
    if let first = value.first, let loFirst = lo.first, let hiFirst = hi.first, first > loFirst && first < hiFirst {
      return
    }
    if TextRange.less(value, lo) { minimum = Array(value) } else if TextRange.less(hi, value) { maximum = Array(value) }
  }

  private static func less<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
    a.lexicographicallyPrecedes(b)
  }

  public mutating func merge(_ other: TextRange) {
    if let lo = other.minimum { lo.withUnsafeBufferPointer { observe($0) } }
    if let hi = other.maximum { hi.withUnsafeBufferPointer { observe($0) } }
  }

  public var result: (minimum: String, maximum: String)? {
    guard let lo = minimum, let hi = maximum else { return nil }
    return (String(decoding: lo, as: UTF8.self), String(decoding: hi, as: UTF8.self))
  }
}
