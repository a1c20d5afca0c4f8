/// IPv4 addresses in dotted-quad form: four decimal parts 0–255, separated by dots, without
/// leading zeros (`010.1.1.1` is rejected: some parsers read it as octal). No prefix length
/// (`/24`) and no port (`:80`). Version numbers of the same shape (`1.2.3.4`) do match.
public enum IPv4Detector {
  public static func matches(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    guard v.count >= 7, v.count <= 15 else { return false }
    var parts = 0
    var value = 0
    var digits = 0
    var leadingZero = false
    for i in 0 ... v.count {
      if i == v.count || v[i] == PIIBytes.dot {
        guard digits >= 1, value <= 255, !(leadingZero && digits > 1) else { return false }
        parts += 1
        value = 0
        digits = 0
        continue
      }
      let b = v[i]
      guard PIIBytes.isDigit(b), digits < 3 else { return false }
      if digits == 0 { leadingZero = b == PIIBytes.zero }
      value = value * 10 + PIIBytes.digit(b)
      digits += 1
    }
    return parts == 4
  }
}
