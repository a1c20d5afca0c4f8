/// A bitmap saying which rows of a column hold a value (1) and which are null (0).
public struct Validity: Sendable, Equatable {
  private var words: [UInt64] = []
  public private(set) var count = 0
  /// Number of null rows, kept so that "no nulls" is answered without a scan.
  public private(set) var nullCount = 0

  public init() {}

  public init(repeating valid: Bool, count: Int) {
    words = Array(repeating: valid ? ~0 : 0, count: (count + 63) / 64)
    self.count = count
    nullCount = valid ? 0 : count
  }

  init(words: [UInt64], count: Int, nullCount: Int) {
    var words = words
    // Bits past `count` may hold leftovers of a reused buffer; appends assume they are zero.
    if count & 63 != 0, !words.isEmpty { words[words.count - 1] &= (1 << UInt64(count & 63)) - 1 }
    self.words = words
    self.count = count
    self.nullCount = nullCount
  }

  public mutating func reserveCapacity(_ n: Int) { words.reserveCapacity((n + 63) / 64) }

  /// Appends `count` bits from `source` (bit `i & 63` of word `i >> 6`), `nulls` of them zero: a
  /// word at a time when this bitmap ends on a word boundary, as readers' chunks do.
  mutating func append(words source: UnsafePointer<UInt64>, count n: Int, nulls: Int) {
    guard n > 0 else { return }
    if count & 63 == 0 {
      let full = (n + 63) / 64
      words.append(contentsOf: UnsafeBufferPointer(start: source, count: full))
      // Bits past the end may hold leftovers of a reused buffer; appends assume they are zero.
      if n & 63 != 0 { words[words.count - 1] &= (1 << UInt64(n & 63)) - 1 }
      count += n
      nullCount += nulls
    } else {
      for i in 0 ..< n { append(source[i >> 6] & (1 << UInt64(i & 63)) != 0) }
    }
  }

  @inline(__always)
  public mutating func append(_ valid: Bool) {
    let bit = count & 63
    if bit == 0 { words.append(0) }
    if valid {
      words[count >> 6] |= 1 << UInt64(bit)
    } else {
      nullCount += 1
    }
    count += 1
  }

  /// The bitmap's words (bit `row & 63` of word `row >> 6`), for loops on pointers.
  func withWords<R>(_ body: (UnsafePointer<UInt64>?) throws -> R) rethrows -> R {
    try words.withUnsafeBufferPointer { try body($0.baseAddress) }
  }

  @inline(__always)
  public func isValid(_ row: Int) -> Bool {
    words[row >> 6] & (1 << UInt64(row & 63)) != 0
  }

  public mutating func set(_ row: Int, valid: Bool) {
    let was = isValid(row)
    guard was != valid else { return }
    if valid {
      words[row >> 6] |= 1 << UInt64(row & 63)
      nullCount -= 1
    } else {
      words[row >> 6] &= ~(1 << UInt64(row & 63))
      nullCount += 1
    }
  }
}
