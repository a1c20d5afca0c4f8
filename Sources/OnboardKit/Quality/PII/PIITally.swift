/// Per column: how many values each PII value detector matches. A mergeable statistic.
///
/// `observe` takes one value's bytes; surrounding ASCII whitespace is ignored, and a value that is
/// empty or a null token (`NA`, `N/A`, `NULL`, `null`, as `NullCount` reads them) counts as null.
/// A value can match several kinds (a 9-digit number can pass the BSN test and also be an id);
/// each kind is counted on its own. Cheap byte-class counts decide which detectors run at all.
public struct PIITally: Statistic, Equatable {
  public private(set) var rows = 0
  public private(set) var nonNull = 0
  /// Matches per kind, indexed like `PIIKind.valueKinds`.
  public private(set) var counts = [Int](repeating: 0, count: PIIKind.valueKinds.count)

  public init() {}

  public mutating func observeNull() { rows += 1 }

  public mutating func observe(_ value: UnsafeBufferPointer<UInt8>) {
    rows += 1
    let v = PIIBytes.trimmed(value)
    guard !v.isEmpty, !Self.isNullToken(v) else { return }
    nonNull += 1
    var digits = 0, letters = 0, other = 0
    var hasAt = false, hasColon = false
    for b in v {
      if PIIBytes.isDigit(b) {
        digits += 1
      } else if PIIBytes.isLetter(b) {
        letters += 1
      } else {
        other += 1
        if b == PIIBytes.at { hasAt = true } else if b == PIIBytes.colon { hasColon = true }
      }
    }
    if hasAt {
      if EmailDetector.matches(v) { counts[0] += 1 }
      return
    }
    if hasColon {
      if IPv6Detector.matches(v) { counts[3] += 1 }
      return
    }
    if letters > 0 {
      if letters >= 2 && digits >= 2 && IBANDetector.matches(v) { counts[1] += 1 }
      if letters <= 8 && digits == 6 && UKNINODetector.matches(v) { counts[5] += 1 }
      return
    }
    guard digits >= 4 else { return }
    if digits >= 13 && digits <= 19 && PaymentCardDetector.matches(v) { counts[2] += 1 }
    if digits <= 12 && IPv4Detector.matches(v) { counts[3] += 1 }
    if digits == 9 && USSSNDetector.matches(v) { counts[4] += 1 }
    if digits == 11 && GermanTaxIDDetector.matches(v) { counts[6] += 1 }
    if (digits == 8 || digits == 9) && DutchBSNDetector.matches(v) { counts[7] += 1 }
    if digits >= 7 && other > 0 || v[0] == PIIBytes.plus {
      if PhoneDetector.matches(v) { counts[8] += 1 }
    }
    if digits >= 5 && digits <= 8 && other == 2 && BirthDateDetector.matches(v) { counts[9] += 1 }
  }

  /// Every value of a text column; nulls count as null.
  public mutating func observe(_ column: TextColumn) {
    column.bytes.withUnsafeBufferPointer { bytes in
      for row in 0 ..< column.count {
        if column.isNull(row) {
          observeNull()
        } else {
          observe(UnsafeBufferPointer(rebasing: bytes[column.offsets[row] ..< column.offsets[row + 1]]))
        }
      }
    }
  }

  static func isNullToken(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    v.count <= 4
      && (PIIBytes.equals(v, "NA") || PIIBytes.equals(v, "N/A") || PIIBytes.equals(v, "NULL") || PIIBytes.equals(v, "null"))
  }

  public mutating func merge(_ other: PIITally) {
    rows += other.rows
    nonNull += other.nonNull
    for k in counts.indices { counts[k] += other.counts[k] }
  }

  public struct Result: Sendable, Equatable {
    public var rows: Int
    public var nonNull: Int
    /// Matching values per kind with a value detector (all of them, zeros included).
    public var matches: [PIIKind: Int]

    /// The share of non-null values that match `kind`; 0 for an empty column or a name-only kind.
    public func share(_ kind: PIIKind) -> Double {
      nonNull == 0 ? 0 : Double(matches[kind] ?? 0) / Double(nonNull)
    }
  }

  public var result: Result {
    var matches: [PIIKind: Int] = [:]
    for (k, kind) in PIIKind.valueKinds.enumerated() { matches[kind] = counts[k] }
    return Result(rows: rows, nonNull: nonNull, matches: matches)
  }
}
