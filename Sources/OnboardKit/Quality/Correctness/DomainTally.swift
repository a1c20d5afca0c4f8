/// The invalid values of a column, counted by reason, with the first rows of each reason.
///
/// A statistic like the others: batches are tallied apart and merged. Row numbers are 1-based data
/// rows; for each reason the `exampleLimit` smallest are kept, with the value as written unless the
/// caller withholds it (always for sensitive columns: their values never leave the domain).
///
/// ```swift
/// var tally = DomainTally()
/// if let reason = domain.violation(bytes, parsed) { tally.observe(reason, row: row, value: sensitive ? nil : bytes) }
/// tally.result(for: domain).reasons  // [{reason: below_minimum, count: 3, first_rows: [4, 9, 12], ...}]
/// ```
///
/// An empty tally holds an empty array (no allocation), so one per column per batch is cheap;
/// only invalid values are observed, and only the first few of each reason allocate.
public struct DomainTally: Statistic, Equatable {
  /// How many rows (and values) are kept per reason.
  public static let exampleLimit = 5

  struct Example: Sendable, Equatable, Comparable {
    var row: Int
    var value: String?

    static func < (a: Example, b: Example) -> Bool {
      a.row != b.row ? a.row < b.row : (a.value ?? "") < (b.value ?? "")
    }
  }

  struct Entry: Sendable, Equatable {
    var reason: DomainReason
    var count = 0
    /// The smallest rows, ascending; at most `exampleLimit`.
    var examples: [Example] = []
  }

  /// One entry per reason seen, in `DomainReason` order.
  private(set) var entries: [Entry] = []

  public init() {}

  /// Invalid values in all.
  public var invalid: Int { entries.reduce(0) { $0 + $1.count } }

  /// How many values failed for `reason`.
  public func count(of reason: DomainReason) -> Int { entries.first { $0.reason == reason }?.count ?? 0 }

  /// Counts one invalid value; keeps its row (and `value`, when given) if it is among the first.
  public mutating func observe(_ reason: DomainReason, row: Int, value: UnsafeBufferPointer<UInt8>?) {
    let i = entryIndex(reason)
    entries[i].count += 1
    let examples = entries[i].examples
    guard examples.count < Self.exampleLimit || row < examples[examples.count - 1].row else { return }
    insert(Example(row: row, value: value.map { String(decoding: $0, as: UTF8.self) }), into: i)
  }

  private mutating func entryIndex(_ reason: DomainReason) -> Int {
    if let i = entries.firstIndex(where: { $0.reason == reason }) { return i }
    let i = entries.firstIndex { reason < $0.reason } ?? entries.count
    entries.insert(Entry(reason: reason), at: i)
    return i
  }

  private mutating func insert(_ example: Example, into i: Int) {
    let at = entries[i].examples.firstIndex { example < $0 } ?? entries[i].examples.count
    entries[i].examples.insert(example, at: at)
    if entries[i].examples.count > Self.exampleLimit { entries[i].examples.removeLast() }
  }

  /// Adds the counts of `other`, a tally of other rows numbered in the same sequence, keeping the
  /// smallest rows per reason. Commutative and associative.
  public mutating func merge(_ other: DomainTally) {
    for entry in other.entries {
      let i = entryIndex(entry.reason)
      entries[i].count += entry.count
      for example in entry.examples { insert(example, into: i) }
    }
  }

  /// Merges the tally of a later batch whose rows were numbered from 1 within the batch:
  /// `rowOffset` (the rows before that batch) is added to its row numbers first.
  public mutating func append(_ later: DomainTally, rowOffset: Int) {
    var shifted = later
    for i in shifted.entries.indices {
      for j in shifted.entries[i].examples.indices { shifted.entries[i].examples[j].row += rowOffset }
    }
    merge(shifted)
  }

  /// Correct values / non-null values, where correct = non-null − invalid; 1 when there are no values.
  public func correctness(nonNull: Int) -> Double { result.correctness(nonNull: nonNull) }

  /// The tally with general messages ("below the declared minimum").
  public var result: Result { Result(entries, message: { $0.summary }) }

  /// The tally with the messages of `domain` ("below the declared minimum 18").
  public func result(for domain: ColumnDomain) -> Result { Result(entries, message: domain.message(for:)) }

  /// What the manifest records: the invalid values by reason, in `DomainReason` order.
  public struct Result: Sendable, Equatable, Codable {
    public var invalid: Int
    public var reasons: [Reason]

    public struct Reason: Sendable, Equatable, Codable {
      /// The stable code, e.g. `below_minimum`.
      public var reason: DomainReason
      public var count: Int
      /// The first rows (1-based data rows) with this reason, ascending; at most `exampleLimit`.
      public var firstRows: [Int]
      /// Their values as written, row for row; absent when withheld (sensitive columns).
      public var examples: [String]?
      /// What the reason means for the column, e.g. "below the declared minimum 18".
      public var message: String
    }

    init(_ entries: [Entry], message: (DomainReason) -> String) {
      invalid = entries.reduce(0) { $0 + $1.count }
      reasons = entries.map { entry in
        let values = entry.examples.compactMap(\.value)
        return Reason(
          reason: entry.reason, count: entry.count, firstRows: entry.examples.map(\.row),
          examples: values.count == entry.examples.count && !values.isEmpty ? values : nil, message: message(entry.reason))
      }
    }

    /// Correct values / non-null values, where correct = non-null − invalid; 1 when there are no
    /// values (nothing is wrong).
    public func correctness(nonNull: Int) -> Double {
      nonNull == 0 ? 1 : Double(nonNull - invalid) / Double(nonNull)
    }
  }
}
