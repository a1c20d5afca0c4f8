#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `allowed` values of a column, prepared for a lookup per value that allocates nothing.
///
/// How values compare depends on the column's type: numbers numerically (`1.0` is allowed when
/// `1` is), dates and timestamps by the instant, booleans by truth, and everything else by its
/// written bytes, exactly (case and spaces count).
enum AllowedValues: Sendable {
  case bytes(ByteStringSet)
  /// Exact numbers in canonical form (trailing zeros of the fraction removed), and every allowed
  /// number as a double for values that are doubles; `withExponent` says whether an allowed value was
  /// itself written with an exponent, so exact values must be looked up among the doubles too.
  case numbers(NumberSet, doubles: Set<Double>, withExponent: Bool)
  /// Instants in microseconds since the epoch (scale 0).
  case temporal(NumberSet)
  case booleans(true: Bool, false: Bool)

  /// An exact number with no trailing zero after the point: 1, 1.0 and 1.00 are all (1, 0).
  struct CanonicalNumber: Hashable, Sendable {
    var unscaled: Int64
    var scale: Int

    @inline(__always)
    init(unscaled: Int64, scale: Int) {
      var u = unscaled
      var s = scale
      while s > 0 && u % 10 == 0 {
        u /= 10
        s -= 1
      }
      self.unscaled = u
      self.scale = s
    }
  }

  /// Prepares `values` for columns of `type`; returns the first value that is not of that type
  /// when there is one (`.failure`), so the caller can name it.
  static func prepare(_ values: [String], for type: DataType?) -> Result<AllowedValues, NotOfType> {
    switch type {
    case .integer, .bigint, .decimal, .double:
      var exact: Set<CanonicalNumber> = []
      var doubles: Set<Double> = []
      var withExponent = false
      for text in values {
        let parsed = ValueParser.parse(text)
        switch parsed {
        case .integer(let v, _): exact.insert(CanonicalNumber(unscaled: v, scale: 0))
        case .decimal(let u, _, let s): exact.insert(CanonicalNumber(unscaled: u, scale: s))
        case .double: withExponent = true
        default: return .failure(NotOfType(value: text))
        }
        if let d = parsed.number { doubles.insert(d) }
      }
      return .success(.numbers(NumberSet(exact), doubles: doubles, withExponent: withExponent))
    case .date, .timestamp:
      var instants: [CanonicalNumber] = []
      for text in values {
        switch ValueParser.parse(text) {
        case .date(let days): instants.append(CanonicalNumber(unscaled: Int64(days) * CivilTime.microsPerDay, scale: 0))
        case .timestamp(let micros): instants.append(CanonicalNumber(unscaled: micros, scale: 0))
        default: return .failure(NotOfType(value: text))
        }
      }
      return .success(.temporal(NumberSet(instants)))
    case .boolean:
      var allowTrue = false
      var allowFalse = false
      for text in values {
        switch ValueParser.parse(text) {
        case .boolean(let b): if b { allowTrue = true } else { allowFalse = true }
        default: return .failure(NotOfType(value: text))
        }
      }
      return .success(.booleans(true: allowTrue, false: allowFalse))
    default:
      return .success(.bytes(ByteStringSet(values.map { Array($0.utf8) })))
    }
  }

  struct NotOfType: Error {
    var value: String
  }

  /// Whether a value is allowed; a value of another kind than the allowed ones is not.
  @inline(__always)
  func contains(_ value: UnsafeBufferPointer<UInt8>, _ parsed: ParsedValue) -> Bool {
    switch self {
    case .bytes(let set): return set.contains(value)
    case .numbers(let exact, let doubles, let withExponent):
      switch parsed {
      case .integer(let v, _):
        return exact.contains(CanonicalNumber(unscaled: v, scale: 0)) || (withExponent && doubles.contains(Double(v)))
      case .decimal(let u, _, let s):
        return exact.contains(CanonicalNumber(unscaled: u, scale: s)) || (withExponent && doubles.contains(parsed.number ?? .nan))
      case .double(let d): return doubles.contains(d)
      default: return false
      }
    case .temporal(let instants):
      switch parsed {
      case .date(let days): return instants.contains(CanonicalNumber(unscaled: Int64(days) * CivilTime.microsPerDay, scale: 0))
      case .timestamp(let micros): return instants.contains(CanonicalNumber(unscaled: micros, scale: 0))
      default: return false
      }
    case .booleans(let allowTrue, let allowFalse):
      guard case .boolean(let b) = parsed else { return false }
      return b ? allowTrue : allowFalse
    }
  }
}

/// A set of byte strings with a lookup that hashes the bytes in place (no `String`, no copy).
///
/// Open addressing over slots holding an index into `strings`, at most half full; a probe
/// compares the stored 64-bit hash first and the bytes only on a hash match.
struct ByteStringSet: Sendable {
  private var strings: [[UInt8]] = []
  private var hashes: [UInt64] = []
  /// -1 for an empty slot, else an index into `strings`.
  private var slots: [Int32]

  init(_ values: [[UInt8]]) {
    var size = 8
    while size < values.count * 2 { size <<= 1 }
    slots = Array(repeating: -1, count: size)
    for value in values where !contains(value) {
      let hash = Hashing.hash(value)
      var i = Int(truncatingIfNeeded: hash) & (size - 1)
      while slots[i] >= 0 { i = (i + 1) & (size - 1) }
      slots[i] = Int32(strings.count)
      strings.append(value)
      hashes.append(hash)
    }
  }

  var count: Int { strings.count }

  func contains(_ value: [UInt8]) -> Bool { value.withUnsafeBufferPointer { contains($0) } }

  @inline(__always)
  func contains(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
    let hash = Hashing.hash(value)
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: hash) & mask
    while true {
      let slot = Int(slots[i])
      if slot < 0 { return false }
      if hashes[slot] == hash && Self.equal(strings[slot], value) { return true }
      i = (i + 1) & mask
    }
  }

  @inline(__always)
  private static func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard let base = b.baseAddress, !a.isEmpty else { return true }
    return a.withUnsafeBufferPointer { memcmp($0.baseAddress!, base, b.count) == 0 }
  }
}

/// A set of exact numbers hashed with the project's mixer rather than `Hasher` (SipHash), which
/// costs more than the rest of a value's checks; open addressing, at most half full.
struct NumberSet: Sendable {
  private var slots: [AllowedValues.CanonicalNumber?]

  init(_ numbers: some Collection<AllowedValues.CanonicalNumber>) {
    var size = 8
    while size < numbers.count * 2 { size <<= 1 }
    slots = Array(repeating: nil, count: size)
    for number in numbers {
      var i = Self.slot(number, size)
      while let taken = slots[i], taken != number { i = (i + 1) & (size - 1) }
      slots[i] = number
    }
  }

  @inline(__always)
  private static func slot(_ n: AllowedValues.CanonicalNumber, _ size: Int) -> Int {
    let key = UInt64(bitPattern: n.unscaled) &+ UInt64(n.scale) &* 0x9e37_79b9_7f4a_7c15
    return Int(truncatingIfNeeded: Hashing.finalize(key)) & (size - 1)
  }

  @inline(__always)
  func contains(_ number: AllowedValues.CanonicalNumber) -> Bool {
    var i = Self.slot(number, slots.count)
    while let stored = slots[i] {
      if stored == number { return true }
      i = (i + 1) & (slots.count - 1)
    }
    return false
  }
}
