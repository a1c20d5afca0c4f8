/// The exact sum of numbers as the number steps read them: decimals are added as integers at
/// their own scale (one 128-bit sum per scale), so `0.1 + 0.2` is `0.3`, and only values that
/// were written as doubles (an exponent, more than 18 digits) are added as doubles.
struct ExactSum: Sendable {
  private var byScale = [Int128](repeating: 0, count: 19)
  private var doubles = 0.0
  private var hasDoubles = false
  private(set) var count = 0

  mutating func add(_ n: StepNumber) {
    count += 1
    switch n {
    case .exact(let u, let s): byScale[s] += Int128(u)
    case .double(let d):
      doubles += d
      hasDoubles = true
    }
  }

  /// The sum: exact at the largest scale used when it fits 64 bits, else a double.
  var sum: StepNumber {
    if !hasDoubles, let scale = byScale.lastIndex(where: { $0 != 0 }) {
      var total: Int128 = 0
      var exact = true
      for s in 0 ... scale where byScale[s] != 0 {
        var factor: Int128 = 1
        for _ in s ..< scale { factor *= 10 }
        let (scaled, o1) = byScale[s].multipliedReportingOverflow(by: factor)
        let (next, o2) = total.addingReportingOverflow(scaled)
        if o1 || o2 { exact = false; break }
        total = next
      }
      if exact, let value = Int64(exactly: total) { return .exact(value, scale: scale) }
    }
    if !hasDoubles && byScale.allSatisfy({ $0 == 0 }) { return .exact(0, scale: 0) }
    return .double(double)
  }

  /// The sum as a double, each scale's exact integer converted once.
  var double: Double {
    var total = doubles
    for s in byScale.indices where byScale[s] != 0 { total += Double(byScale[s]) / ValueParser.powersOfTen[s] }
    return total
  }

  /// The mean as a double, or nil with no values.
  var mean: Double? { count == 0 ? nil : double / Double(count) }
}
