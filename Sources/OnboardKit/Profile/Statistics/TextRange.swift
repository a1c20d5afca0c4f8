#if canImport(Glibc)
  import Glibc
#endif

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

  @inline(__always)
  private static func less(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
    b.withUnsafeBufferPointer { compare(a, $0) < 0 }
  }

  @inline(__always)
  private static func less(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    a.withUnsafeBufferPointer { compare($0, b) < 0 }
  }

  /// Byte-wise three-way comparison; a prefix sorts first.
  @inline(__always)
  private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let n = min(a.count, b.count)
    if n > 0 {
      let c = memcmp(a.baseAddress!, b.baseAddress!, n)
      if c != 0 { return Int(c) }
    }
    return a.count - b.count
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
