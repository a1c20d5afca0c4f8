/// Renders typed values as the text that writers emit: canonical, locale-free, round-trippable.
///
/// Integers and decimals as plain digits (`-12.50` keeps its scale), doubles in the shortest form
/// that reads back to the same value, dates `yyyy-MM-dd`, timestamps `yyyy-MM-dd HH:mm:ss[.ffffff]`
/// in UTC (the form Hive, Spark and Athena read), booleans `true`/`false`.
enum ValueFormatter {
  /// Appends the value at `row` to `out`; returns false (appending nothing) for a null.
  @inline(__always)
  static func append(_ column: Column, row: Int, to out: inout [UInt8]) -> Bool {
    switch column {
    case .text(let c):
      guard !c.isNull(row) else { return false }
      out.append(contentsOf: c.value(row))
    case .boolean(let c):
      guard let v = c[row] else { return false }
      out.append(contentsOf: v ? "true".utf8 : "false".utf8)
    case .int64(let c):
      guard let v = c[row] else { return false }
      appendInteger(v, to: &out)
    case .decimal(let c, let scale):
      guard let v = c[row] else { return false }
      appendDecimal(v, scale: scale, to: &out)
    case .double(let c):
      guard let v = c[row] else { return false }
      appendDouble(v, to: &out)
    case .date(let c):
      guard let v = c[row] else { return false }
      appendDate(Int(v), to: &out)
    case .timestamp(let c):
      guard let v = c[row] else { return false }
      appendTimestamp(v, to: &out)
    }
    return true
  }

  static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    appendDigits(value.magnitude, atLeast: 1, to: &out)
  }

  /// `unscaled / 10^scale` with exactly `scale` places (`-5` at scale 2 is `-0.05`).
  static func appendDecimal(_ unscaled: Int64, scale: Int, to out: inout [UInt8]) {
    guard scale > 0 else { return appendInteger(unscaled, to: &out) }
    if unscaled < 0 { out.append(UInt8(ascii: "-")) }
    var divisor: UInt64 = 1
    for _ in 0 ..< scale { divisor &*= 10 }  // scale is at most 18
    appendDigits(unscaled.magnitude / divisor, atLeast: 1, to: &out)
    out.append(UInt8(ascii: "."))
    appendDigits(unscaled.magnitude % divisor, atLeast: scale, to: &out)
  }

  /// `magnitude` in decimal digits, zero-padded to at least `atLeast` of them. The digits are
  /// written in place, last first, into room made once: no buffer per value.
  @inline(__always)
  static func appendDigits(_ magnitude: UInt64, atLeast: Int, to out: inout [UInt8]) {
    var count = 1
    var power: UInt64 = 10
    while count < 20 && magnitude >= power {
      count += 1
      power = power &* 10
    }
    let width = max(count, atLeast)
    let start = out.count
    out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
    var rest = magnitude
    var i = start + width - 1
    while rest > 0 {
      out[i] = UInt8(truncatingIfNeeded: rest % 10) + 48
      rest /= 10
      i -= 1
    }
  }

  /// As `formatDouble`, without a `String` for whole numbers, the common case of amounts.
  @inline(__always)
  static func appendDouble(_ value: Double, to out: inout [UInt8]) {
    guard value.isFinite else { return out.append(contentsOf: formatDouble(value).utf8) }
    if value == value.rounded(), abs(value) < 1e15 { return appendInteger(Int64(value), to: &out) }
    out.append(contentsOf: value.description.utf8)
  }

  static func formatDouble(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  /// `value` in at least `width` digits, zero-padded: dates and times.
  @inline(__always)
  private static func appendPadded(_ value: Int, width: Int, to out: inout [UInt8]) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    appendDigits(UInt64(value.magnitude), atLeast: width, to: &out)
  }

  static func appendDate(_ days: Int, to out: inout [UInt8]) {
    let (y, m, d) = CivilTime.civil(days: days)
    appendPadded(y, width: 4, to: &out)
    out.append(UInt8(ascii: "-"))
    appendPadded(m, width: 2, to: &out)
    out.append(UInt8(ascii: "-"))
    appendPadded(d, width: 2, to: &out)
  }

  static func appendTimestamp(_ micros: Int64, to out: inout [UInt8]) {
    let days = micros >= 0 ? micros / CivilTime.microsPerDay : (micros - CivilTime.microsPerDay + 1) / CivilTime.microsPerDay
    let inDay = micros - days * CivilTime.microsPerDay
    appendDate(Int(days), to: &out)
    out.append(UInt8(ascii: " "))
    let seconds = Int(inDay / 1_000_000)
    appendPadded(seconds / 3600, width: 2, to: &out)
    out.append(UInt8(ascii: ":"))
    appendPadded(seconds / 60 % 60, width: 2, to: &out)
    out.append(UInt8(ascii: ":"))
    appendPadded(seconds % 60, width: 2, to: &out)
    let fraction = Int(inDay % 1_000_000)
    if fraction != 0 {
      out.append(UInt8(ascii: "."))
      appendPadded(fraction, width: 6, to: &out)
    }
  }

  static func string(_ value: ParsedValue) -> String? {
    var out: [UInt8] = []
    switch value {
    case .null, .text: return nil
    case .boolean(let b): return b ? "true" : "false"
    case .integer(let v, _): appendInteger(v, to: &out)
    case .decimal(let u, _, let s): appendDecimal(u, scale: s, to: &out)
    case .double(let d): return formatDouble(d)
    case .date(let d): appendDate(Int(d), to: &out)
    case .timestamp(let t): appendTimestamp(t, to: &out)
    }
    return String(decoding: out, as: UTF8.self)
  }
}
