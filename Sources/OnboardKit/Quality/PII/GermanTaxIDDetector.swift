/// German tax identification numbers (Steuerliche Identifikationsnummer, IdNr, § 139b AO).
///
/// Rules: 11 digits, bare or grouped by single spaces (`86 095 742 719`); the first digit not 0;
/// among the first ten digits exactly one digit occurs twice or three times, every other at most
/// once (a three-times digit not in three adjacent places); the eleventh is the ISO 7064
/// MOD 11,10 check digit of the first ten.
public enum GermanTaxIDDetector {
  public static func matches(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    guard v.count >= 11, v.count <= 14 else { return false }
    return PIIBytes.groupedDigits(v, separators: { $0 == PIIBytes.space }, capacity: 11) { d -> Bool in
      guard d.count == 11, d[0] != 0 else { return false }
      var counts = (0 ..< 10).map { _ in 0 }
      for k in 0 ..< 10 { counts[Int(d[k])] += 1 }
      var repeated = -1
      for digit in 0 ..< 10 where counts[digit] > 1 {
        guard repeated < 0, counts[digit] <= 3 else { return false }
        repeated = digit
      }
      guard repeated >= 0 else { return false }
      if counts[repeated] == 3 {
        for k in 0 ..< 8 where Int(d[k]) == repeated && d[k + 1] == d[k] && d[k + 2] == d[k] { return false }
      }
      var product = 10
      for k in 0 ..< 10 {
        var sum = (Int(d[k]) + product) % 10
        if sum == 0 { sum = 10 }
        product = (sum * 2) % 11
      }
      let check = (11 - product) % 10
      return check == Int(d[10])
    } ?? false
  }
}
