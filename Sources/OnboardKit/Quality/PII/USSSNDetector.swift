/// US Social Security numbers (SSA format rules; there is no check digit).
///
/// Rules: `AAA-GG-SSSS` or `AAA GG SSSS` (the same separator twice; nine bare digits are not
/// recognised, they are indistinguishable from other identifiers); area not 000, 666 or 900–999;
/// group not 00; serial not 0000; and not one of the numbers published in advertising and
/// never valid (078-05-1120, 219-09-9999, 123-45-6789).
public enum USSSNDetector {
  public static func matches(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    guard v.count == 11 else { return false }
    let separator = v[3]
    guard separator == PIIBytes.dash || separator == PIIBytes.space, v[6] == separator else { return false }
    var area = 0, group = 0, serial = 0
    for k in 0 ..< 11 where k != 3 && k != 6 {
      guard PIIBytes.isDigit(v[k]) else { return false }
      let d = PIIBytes.digit(v[k])
      if k < 3 { area = area * 10 + d } else if k < 6 { group = group * 10 + d } else { serial = serial * 10 + d }
    }
    guard area != 0, area != 666, area < 900, group != 0, serial != 0 else { return false }
    switch (area, group, serial) {
    case (78, 5, 1120), (219, 9, 9999), (123, 45, 6789): return false
    default: return true
    }
  }
}
