/// Minimum, maximum and mean length of text values, in characters counted as Unicode scalars
/// (Python's `len(str)`; "é" written as one code point is 1, as "e" + combining accent 2).
/// Lengths are counted on the UTF-8 bytes (bytes that do not continue a sequence), no `String`.
/// Exact; merging is exact.
public struct TextLengths: Statistic, Equatable {
  public private(set) var count = 0
  public private(set) var totalLength = 0
  public private(set) var minimum = Int.max
  public private(set) var maximum = Int.min

  public init() {}

  public struct Result: Sendable, Equatable, Codable {
    public var count: Int
    /// nil without values.
    public var minimum: Int?
    public var maximum: Int?
    public var mean: Double?
  }

  /// The number of Unicode scalars in valid UTF-8 `bytes`.
  @inline(__always)
  public static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var n = 0
    for b in bytes where b & 0xC0 != 0x80 { n += 1 }
    return n
  }

  @inline(__always)
  public mutating func observe(_ bytes: UnsafeBufferPointer<UInt8>, occurrences: Int = 1) {
    observe(length: Self.scalarCount(bytes), occurrences: occurrences)
  }

  @inline(__always)
  public mutating func observe(length: Int, occurrences: Int = 1) {
    count += occurrences
    totalLength += length * occurrences
    if length < minimum { minimum = length }
    if length > maximum { maximum = length }
  }

  public mutating func merge(_ other: TextLengths) {
    count += other.count
    totalLength += other.totalLength
    minimum = Swift.min(minimum, other.minimum)
    maximum = Swift.max(maximum, other.maximum)
  }

  public var result: Result {
    count == 0 ? Result(count: 0) : Result(count: count, minimum: minimum, maximum: maximum, mean: Double(totalLength) / Double(count))
  }
}
