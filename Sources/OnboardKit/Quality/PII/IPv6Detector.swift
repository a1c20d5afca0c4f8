/// IPv6 addresses in the text forms of RFC 4291 §2.2: eight groups of 1–4 hex digits separated by
/// colons, at most one `::` standing for one or more zero groups, and optionally the last 32 bits
/// as an embedded IPv4 dotted quad (`::ffff:192.0.2.1`). Zone indices (`%eth0`), brackets and
/// prefix lengths are not recognised. Times (`12:30:45`) have too few groups and do not match.
public enum IPv6Detector {
  public static func matches(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = v.count
    guard n >= 2, n <= 45 else { return false }
    var groups = 0
    var compressed = false
    var i = 0
    if v[0] == PIIBytes.colon {
      guard v[1] == PIIBytes.colon else { return false }
      compressed = true
      i = 2
      if i == n { return true }
    }
    while true {
      var j = i
      while j < n && j - i < 5 && PIIBytes.isHex(v[j]) { j += 1 }
      let length = j - i
      if j < n && v[j] == PIIBytes.dot {
        // The embedded IPv4 address: the rest of the value, worth two groups.
        guard IPv4Detector.matches(UnsafeBufferPointer(rebasing: v[i...])) else { return false }
        groups += 2
        break
      }
      guard length >= 1, length <= 4 else { return false }
      groups += 1
      i = j
      if i == n { break }
      guard v[i] == PIIBytes.colon else { return false }
      i += 1
      if i < n && v[i] == PIIBytes.colon {
        guard !compressed else { return false }
        compressed = true
        i += 1
        if i == n { break }
      } else if i == n {
        return false
      }
    }
    return compressed ? groups <= 7 : groups == 8
  }
}
