/// Earliest and latest date or timestamp, in microseconds since the epoch (UTC).
public struct TemporalRange: Statistic, Equatable {
  public private(set) var minimum = Int64.max
  public private(set) var maximum = Int64.min

  public init() {}

  @inline(__always)
  public mutating func observe(micros: Int64) {
    if micros < minimum { minimum = micros }
    if micros > maximum { maximum = micros }
  }

  public mutating func merge(_ other: TemporalRange) {
    minimum = min(minimum, other.minimum)
    maximum = max(maximum, other.maximum)
  }

  public var result: (minimum: Int64, maximum: Int64)? {
    minimum <= maximum ? (minimum, maximum) : nil
  }
}
