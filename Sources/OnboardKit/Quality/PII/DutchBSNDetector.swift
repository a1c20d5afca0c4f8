/// Dutch citizen service numbers (burgerservicenummer, BSN).
///
/// Rules: 9 digits, optionally grouped by dots or spaces (`1112.22.333`), or 8 bare digits read
/// with a leading 0 (spreadsheets drop it); not all zeros; the "11-test": 9·d1 + 8·d2 + … + 2·d8 − d9 is
/// divisible by 11. One in eleven random 9-digit numbers passes, so a column is only suggested when
/// most of its values do (see `PIISuggestion`).
public enum DutchBSNDetector {
  public static func matches(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    guard v.count >= 8, v.count <= 11 else { return false }
    return PIIBytes.groupedDigits(v, separators: { $0 == PIIBytes.dot || $0 == PIIBytes.space }, capacity: 9) {
      d -> Bool in
      guard d.count == 9 || (d.count == 8 && v.count == 8) else { return false }
      let pad = 9 - d.count
      var sum = 0
      var any = false
      for k in 0 ..< 9 {
        let digit = k < pad ? 0 : Int(d[k - pad])
        any = any || digit != 0
        sum += k == 8 ? -digit : (9 - k) * digit
      }
      return any && sum % 11 == 0
    } ?? false
  }
}
