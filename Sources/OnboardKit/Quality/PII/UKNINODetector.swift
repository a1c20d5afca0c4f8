/// UK National Insurance numbers (HMRC format rules; there is no check digit).
///
/// Rules: two prefix letters, six digits and a suffix letter A–D, bare or with single spaces
/// (`AB 12 34 56 C`); letters of either case. The first prefix letter is not D, F, I, Q, U or V;
/// the second not D, F, I, O, Q, U or V; the prefixes BG, GB, KN, NK, NT, TN and ZZ are never
/// issued. (HMRC's own example `QQ 12 34 56 C` is therefore rejected, as it should be.)
public enum UKNINODetector {
  public static func matches(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    guard v.count >= 9, v.count <= 13 else { return false }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 9) { c -> Bool in
      var n = 0
      var previousWasSpace = true
      for b in v {
        if b == PIIBytes.space {
          guard !previousWasSpace else { return false }
          previousWasSpace = true
          continue
        }
        guard n < 9 else { return false }
        c[n] = PIIBytes.upper(b)
        n += 1
        previousWasSpace = false
      }
      guard n == 9, !previousWasSpace else { return false }
      let p0 = c[0], p1 = c[1]
      guard PIIBytes.isUpper(p0), PIIBytes.isUpper(p1) else { return false }
      guard !"DFIQUV".utf8.contains(p0), !"DFIOQUV".utf8.contains(p1) else { return false }
      for bad in ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"] {
        let u = Array(bad.utf8)
        if p0 == u[0] && p1 == u[1] { return false }
      }
      for k in 2 ..< 8 where !PIIBytes.isDigit(c[k]) { return false }
      return c[8] >= UInt8(ascii: "A") && c[8] <= UInt8(ascii: "D")
    }
  }
}
