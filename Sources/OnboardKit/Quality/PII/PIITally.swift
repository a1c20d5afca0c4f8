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

  /// Whether to run the birth-date detector: a date counts as a birth date only in a column whose
  /// name hints one (`PIISuggestion`), so elsewhere checking every date is wasted work.
  public var detectsBirthDates = true

  public init() {}

  public mutating func observeNull(occurrences: Int = 1) { rows += occurrences }

  /// Counts non-null values that no detector can match (plain decimal numbers, say) without looking.
  public mutating func observeUnmatched(occurrences: Int) {
    rows += occurrences
    nonNull += occurrences
  }

  /// Observes a value that occurs `occurrences` times.
  public mutating func observe(_ value: UnsafeBufferPointer<UInt8>, occurrences: Int = 1) {
    rows += occurrences
    let v = PIIBytes.trimmed(value)
    guard !v.isEmpty, !Self.isNullToken(v) else { return }
    nonNull += occurrences
    detect(v, ValueScan(v), occurrences: occurrences)
  }

  /// Observes a value that parsed as a date: of the detectors only the birth date can match it.
  mutating func observeDate(_ value: UnsafeBufferPointer<UInt8>, occurrences: Int) {
    rows += occurrences
    nonNull += occurrences
    if detectsBirthDates && BirthDateDetector.matches(value) { counts[9] += occurrences }
  }

  /// Observes a value whose byte classes a `ValueScan` has already counted.
  @inline(__always)
  mutating func observe(_ value: UnsafeBufferPointer<UInt8>, scan: ValueScan, occurrences: Int) {
    guard let first = value.first, let last = value.last, !PIIBytes.isWhitespace(first), !PIIBytes.isWhitespace(last) else {
      // The scan counted the surrounding whitespace too: count the trimmed value afresh.
      return observe(value, occurrences: occurrences)
    }
    rows += occurrences
    guard !Self.isNullToken(value) else { return }
    nonNull += occurrences
    detect(value, scan, occurrences: occurrences)
  }

  /// Runs the detectors that the byte classes leave possible.
  @inline(__always)
  private mutating func detect(_ v: UnsafeBufferPointer<UInt8>, _ scan: ValueScan, occurrences: Int) {
    let (digits, letters, other) = (scan.digits, scan.letters, scan.others)
    if scan.hasAt {
      if EmailDetector.matches(v) { counts[0] += occurrences }
      return
    }
    if scan.hasColon {
      if IPv6Detector.matches(v) { counts[3] += occurrences }
      return
    }
    if letters > 0 {
      if letters >= 2 && digits >= 2 && IBANDetector.matches(v) { counts[1] += occurrences }
      if letters <= 8 && digits == 6 && UKNINODetector.matches(v) { counts[5] += occurrences }
      return
    }
    guard digits >= 4 else { return }
    if digits >= 13 && digits <= 19 && PaymentCardDetector.matches(v) { counts[2] += occurrences }
    if digits <= 12 && IPv4Detector.matches(v) { counts[3] += occurrences }
    if digits == 9 && USSSNDetector.matches(v) { counts[4] += occurrences }
    if digits == 11 && GermanTaxIDDetector.matches(v) { counts[6] += occurrences }
    if (digits == 8 || digits == 9) && DutchBSNDetector.matches(v) { counts[7] += occurrences }
    if digits >= 7 && other > 0 || v[0] == PIIBytes.plus {
      if PhoneDetector.matches(v) { counts[8] += occurrences }
    }
    if detectsBirthDates && digits >= 5 && digits <= 8 && other == 2 && BirthDateDetector.matches(v) { counts[9] += occurrences }
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
