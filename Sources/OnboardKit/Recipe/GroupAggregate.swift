/// One aggregate of `group_by` (`SUM` of `amount` into `total`), with its state for every group
/// seen so far in the run: arrays indexed by group, grown by `addGroup`. Each is a class so that
/// the run's box updates its arrays in place.
protocol GroupAggregate: AnyObject {
  /// Makes room for a new group, whose index is the number of groups before it.
  func addGroup()
  /// Takes the values of `column`, row `r` going to group `groups[r]`.
  func add(_ column: Column, format: ValueFormat, groups: [Int])
  /// Appends group `group`'s result to `out`; false (appending nothing) for null.
  func write(_ group: Int, to out: inout [UInt8]) -> Bool
}

/// The aggregate functions of DataBrew's GROUP_BY, named as its aggregate-function pages name
/// them; `MEAN`, `AVG`, `STDDEV`, `VAR` and `DISTINCT_COUNT` are read as theirs.
enum GroupFunction: String, CaseIterable, Sendable {
  case sum = "SUM", average = "AVERAGE", min = "MIN", max = "MAX", count = "COUNT", countDistinct = "COUNT_DISTINCT"
  case median = "MEDIAN", mode = "MODE", standardDeviation = "STANDARD_DEVIATION", variance = "VARIANCE", any = "ANY"

  static let aliases: [String: GroupFunction] = [
    "MEAN": .average, "AVG": .average, "STDDEV": .standardDeviation, "VAR": .variance, "DISTINCT_COUNT": .countDistinct,
  ]

  init?(name: String) {
    let upper = name.uppercased()
    guard let f = GroupFunction(rawValue: upper) ?? Self.aliases[upper] else { return nil }
    self = f
  }

  /// Whether the function reads numbers only (text that is not a number is ignored); MIN and MAX
  /// also read typed dates and timestamps, the others any value.
  var readsOnlyNumbers: Bool { ![.count, .countDistinct, .any, .min, .max].contains(self) }

  func makeAggregate(temporal: Bool) -> any GroupAggregate {
    switch self {
    case .sum: SumAggregate(mean: false)
    case .average: SumAggregate(mean: true)
    case .min: temporal ? TemporalExtremeAggregate(max: false) : ExtremeAggregate(max: false)
    case .max: temporal ? TemporalExtremeAggregate(max: true) : ExtremeAggregate(max: true)
    case .count: CountAggregate()
    case .countDistinct: DistinctAggregate()
    case .median: MedianAggregate()
    case .mode: ModeAggregate()
    case .standardDeviation: MomentsAggregate(root: true)
    case .variance: MomentsAggregate(root: false)
    case .any: AnyAggregate()
    }
  }
}

/// How aggregates read cells: numbers as the number steps read them, values as written.
enum GroupCells {
  /// Calls `body` with each row's number: typed numbers as they are, text parsed in `format`;
  /// nulls, NaN and text that is not a number are skipped.
  static func numbers(_ column: Column, format: ValueFormat, _ body: (Int, StepNumber) -> Void) {
    switch column {
    case .text(let c):
      c.withValues { values in
        for row in 0 ..< c.count where !c.isNull(row) {
          if let n = StepNumber(ValueParser.parse(values[row], format: format)), !n.double.isNaN { body(row, n) }
        }
      }
    case .int64(let c):
      for row in 0 ..< c.count where !c.isNull(row) { body(row, .exact(c.values[row], scale: 0)) }
    case .decimal(let c, let scale):
      for row in 0 ..< c.count where !c.isNull(row) { body(row, .exact(c.values[row], scale: scale)) }
    case .double(let c):
      for row in 0 ..< c.count where !c.isNull(row) && !c.values[row].isNaN { body(row, .double(c.values[row])) }
    case .boolean, .date, .timestamp:
      break  // refused by the plan
    }
  }

  /// Calls `body` with each row's value as written, skipping nulls and empty text (DataBrew's
  /// COUNT, COUNT_DISTINCT and ANY ignore both).
  static func values(_ column: Column, _ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
    if case .text(let c) = column {
      c.withValues { values in
        for row in 0 ..< c.count where !c.isNull(row) && !values[row].isEmpty { body(row, values[row]) }
      }
      return
    }
    var scratch: [UInt8] = []
    for row in 0 ..< column.count {
      scratch.removeAll(keepingCapacity: true)
      guard ValueFormatter.append(column, row: row, to: &scratch) else { continue }
      scratch.withUnsafeBufferPointer { body(row, $0) }
    }
  }
}

final class CountAggregate: GroupAggregate {
  private var counts: [Int] = []
  func addGroup() { counts.append(0) }
  func add(_ column: Column, format: ValueFormat, groups: [Int]) {
    GroupCells.values(column) { row, _ in counts[groups[row]] += 1 }
  }
  func write(_ group: Int, to out: inout [UInt8]) -> Bool {
    ValueFormatter.appendInteger(Int64(counts[group]), to: &out)
    return true
  }
}

/// Exact: every distinct value of every group is kept (its bytes), so memory grows with the
/// distinct (group, value) pairs.
final class DistinctAggregate: GroupAggregate {
  private var sets: [Set<[UInt8]>] = []
  func addGroup() { sets.append([]) }
  func add(_ column: Column, format: ValueFormat, groups: [Int]) {
    GroupCells.values(column) { row, value in sets[groups[row]].insert(Array(value)) }
  }
  func write(_ group: Int, to out: inout [UInt8]) -> Bool {
    ValueFormatter.appendInteger(Int64(sets[group].count), to: &out)
    return true
  }
}

/// The first value of the group in reading order, as written.
final class AnyAggregate: GroupAggregate {
  private var firsts: [[UInt8]?] = []
  func addGroup() { firsts.append(nil) }
  func add(_ column: Column, format: ValueFormat, groups: [Int]) {
    GroupCells.values(column) { row, value in
      if firsts[groups[row]] == nil { firsts[groups[row]] = Array(value) }
    }
  }
  func write(_ group: Int, to out: inout [UInt8]) -> Bool {
    guard let value = firsts[group] else { return false }
    out.append(contentsOf: value)
    return true
  }
}

/// An exact sum in a few words, for one group: decimals are added as one 128-bit integer at the
/// largest scale seen (earlier values rescaled when a longer one comes), doubles as a double. If
/// the integer would overflow, it joins the double. `ExactSum` keeps one sum per scale instead,
/// which is too large to hold per group.
struct GroupSum: Sendable {
  private var total: Int128 = 0
  private var scale = 0
  private var doubles = 0.0
  private var hasDoubles = false
  private(set) var count = 0

  private static func power(_ n: Int) -> Int128 {
    var p: Int128 = 1
    for _ in 0 ..< n { p *= 10 }
    return p
  }

  mutating func add(_ n: StepNumber) {
    count += 1
    guard case .exact(let u, let s) = n else {
      doubles += n.double
      hasDoubles = true
      return
    }
    if s > scale {
      let (rescaled, overflow) = total.multipliedReportingOverflow(by: Self.power(s - scale))
      if overflow { return spill(n) }
      total = rescaled
      scale = s
    }
    let (value, o1) = Int128(u).multipliedReportingOverflow(by: Self.power(scale - s))
    let (sum, o2) = total.addingReportingOverflow(value)
    if o1 || o2 { return spill(n) }
    total = sum
  }

  /// Moves the exact part and `n` to the double sum.
  private mutating func spill(_ n: StepNumber) {
    doubles += Double(total) / ValueParser.powersOfTen[scale] + n.double
    total = 0
    hasDoubles = true
  }

  var double: Double { doubles + Double(total) / ValueParser.powersOfTen[scale] }

  /// The sum: exact when no double was added and it fits 64 bits, as `ExactSum` gives it.
  var sum: StepNumber {
    if !hasDoubles, let value = Int64(exactly: total) { return .exact(value, scale: scale) }
    return .double(double)
  }
}

/// `SUM` (exact over decimals) or `AVERAGE` (the exact sum over the count, as a double, as
/// `fill_with_average` writes it); null for a group without numbers.
final class SumAggregate: GroupAggregate {
  private let mean: Bool
  private var sums: [GroupSum] = []
  init(mean: Bool) { self.mean = mean }
  func addGroup() { sums.append(GroupSum()) }
  func add(_ column: Column, format: ValueFormat, groups: [Int]) {
    GroupCells.numbers(column, format: format) { row, n in sums[groups[row]].add(n) }
  }
  func write(_ group: Int, to out: inout [UInt8]) -> Bool {
    let s = sums[group]
    guard s.count > 0 else { return false }
    if mean {
      out.append(contentsOf: ValueFormatter.formatDouble(s.double / Double(s.count)).utf8)
    } else {
      s.sum.write(to: &out)
    }
    return true
  }
}

/// The sample standard deviation or variance (n - 1, Spark's `stddev`/`variance`), by Welford's
/// updates in doubles; null below two numbers.
final class MomentsAggregate: GroupAggregate {
  private let root: Bool
  private var n: [Int] = []
  private var mean: [Double] = []
  private var m2: [Double] = []
  init(root: Bool) { self.root = root }
  func addGroup() {
    n.append(0)
    mean.append(0)
    m2.append(0)
  }
  func add(_ column: Column, format: ValueFormat, groups: [Int]) {
    GroupCells.numbers(column, format: format) { row, number in
      let g = groups[row]
      let x = number.double
      n[g] += 1
      let delta = x - mean[g]
      mean[g] += delta / Double(n[g])
      m2[g] += delta * (x - mean[g])
    }
  }
  func write(_ group: Int, to out: inout [UInt8]) -> Bool {
    guard n[group] > 1 else { return false }
    let variance = m2[group] / Double(n[group] - 1)
    out.append(contentsOf: ValueFormatter.formatDouble(root ? variance.squareRoot() : variance).utf8)
    return true
  }
}

/// The smallest or largest number, compared exactly.
final class ExtremeAggregate: GroupAggregate {
  private let max: Bool
  private var best: [StepNumber?] = []
  init(max: Bool) { self.max = max }
  func addGroup() { best.append(nil) }
  func add(_ column: Column, format: ValueFormat, groups: [Int]) {
    GroupCells.numbers(column, format: format) { row, n in
      let g = groups[row]
      guard let current = best[g] else { return best[g] = n }
      let order = StepNumber.compare(n, current)
      if max ? order > 0 : order < 0 { best[g] = n }
    }
  }
  func write(_ group: Int, to out: inout [UInt8]) -> Bool {
    guard let n = best[group] else { return false }
    n.write(to: &out)
    return true
  }
}

/// The earliest or latest date or timestamp of a typed column.
final class TemporalExtremeAggregate: GroupAggregate {
  private let max: Bool
  private var best: [Int64?] = []
  private var dates = true
  init(max: Bool) { self.max = max }
  func addGroup() { best.append(nil) }
  func add(_ column: Column, format: ValueFormat, groups: [Int]) {
    func take(_ row: Int, _ v: Int64) {
      let g = groups[row]
      if let current = best[g], max ? v <= current : v >= current { return }
      best[g] = v
    }
    switch column {
    case .date(let c):
      for row in 0 ..< c.count where !c.isNull(row) { take(row, Int64(c.values[row])) }
    case .timestamp(let c):
      dates = false
      for row in 0 ..< c.count where !c.isNull(row) { take(row, c.values[row]) }
    default: break
    }
  }
  func write(_ group: Int, to out: inout [UInt8]) -> Bool {
    guard let v = best[group] else { return false }
    if dates { ValueFormatter.appendDate(Int(v), to: &out) } else { ValueFormatter.appendTimestamp(v, to: &out) }
    return true
  }
}

/// The exact median: every number of every group is kept until the end (about 24 bytes each),
/// then each group's are sorted; halfway between the middle two for an even count.
final class MedianAggregate: GroupAggregate {
  private var numbers: [[StepNumber]] = []
  func addGroup() { numbers.append([]) }
  func add(_ column: Column, format: ValueFormat, groups: [Int]) {
    GroupCells.numbers(column, format: format) { row, n in numbers[groups[row]].append(n) }
  }
  func write(_ group: Int, to out: inout [UInt8]) -> Bool {
    guard !numbers[group].isEmpty else { return false }
    // Equal numbers in a fixed order (`2` before `2.0`), so the median's spelling does not depend on the sort.
    let sorted = numbers[group].sorted { a, b in
      let order = StepNumber.compare(a, b)
      return order != 0 ? order < 0 : Self.spelling(a) < Self.spelling(b)
    }
    let count = sorted.count
    let median = count % 2 == 1 ? sorted[count / 2] : StepNumber.midpoint(sorted[count / 2 - 1], sorted[count / 2])
    median.write(to: &out)
    return true
  }
}

extension MedianAggregate {
  static func spelling(_ n: StepNumber) -> Int {
    if case .exact(_, let scale) = n { return scale }
    return 100
  }
}

/// The most frequent number, counted by value (`2` and `2.0` are one); the smallest on a tie, as
/// `fill_with_mode`'s default. One count per distinct number per group.
final class ModeAggregate: GroupAggregate {
  /// A number by value: decimals without trailing zeros, whole doubles as integers.
  struct Key: Hashable {
    var unscaled: Int64
    var scale: Int
    var bits: UInt64

    init(_ n: StepNumber) {
      switch n {
      case .exact(var u, var s):
        while s > 0 && u % 10 == 0 {
          u /= 10
          s -= 1
        }
        (unscaled, scale, bits) = (u, s, 0)
      case .double(let d):
        if d == d.rounded(), abs(d) < 9e15 {
          (unscaled, scale, bits) = (Int64(d), 0, 0)
        } else {
          (unscaled, scale, bits) = (0, -1, (d == 0 ? 0 : d).bitPattern)
        }
      }
    }

    var number: StepNumber { scale < 0 ? .double(Double(bitPattern: bits)) : .exact(unscaled, scale: scale) }
  }

  private var counts: [[Key: Int]] = []
  func addGroup() { counts.append([:]) }
  func add(_ column: Column, format: ValueFormat, groups: [Int]) {
    GroupCells.numbers(column, format: format) { row, n in counts[groups[row]][Key(n), default: 0] += 1 }
  }
  func write(_ group: Int, to out: inout [UInt8]) -> Bool {
    var best: (StepNumber, Int)?
    for (key, count) in counts[group] {
      let n = key.number
      if let b = best, count < b.1 || (count == b.1 && StepNumber.compare(n, b.0) >= 0) { continue }
      best = (n, count)
    }
    guard let best else { return false }
    best.0.write(to: &out)
    return true
  }
}

/// A column built one row at a time, keeping the type of the column its values come from: the
/// key columns of `group_by`'s result, one row per group.
final class GroupKeyColumn {
  private enum Kind { case text, boolean, int64, decimal(Int), double, date, timestamp }

  /// The case (and decimal scale) of the column values come from, set by the first one.
  private var kind = Kind.text
  private var text = TextColumn()
  private var booleans = TypedColumn<Bool>()
  private var integers = TypedColumn<Int64>()
  private var doubles = TypedColumn<Double>()
  private var days = TypedColumn<Int32>()

  func append(from source: Column, row: Int) {
    switch source {
    case .text(let c): if c.isNull(row) { text.appendNull() } else { text.append(c.value(row)) }
    case .boolean(let c):
      kind = .boolean
      if let v = c[row] { booleans.append(v) } else { booleans.appendNull(false) }
    case .int64(let c):
      kind = .int64
      appendInteger(c, row)
    case .decimal(let c, let scale):
      kind = .decimal(scale)
      appendInteger(c, row)
    case .timestamp(let c):
      kind = .timestamp
      appendInteger(c, row)
    case .double(let c):
      kind = .double
      if let v = c[row] { doubles.append(v) } else { doubles.appendNull(0) }
    case .date(let c):
      kind = .date
      if let v = c[row] { days.append(v) } else { days.appendNull(0) }
    }
  }

  private func appendInteger(_ c: TypedColumn<Int64>, _ row: Int) {
    if let v = c[row] { integers.append(v) } else { integers.appendNull(0) }
  }

  /// The rows appended so far, as a column of the source's type.
  func build() -> Column {
    switch kind {
    case .text: .text(text)
    case .boolean: .boolean(booleans)
    case .int64: .int64(integers)
    case .decimal(let scale): .decimal(integers, scale: scale)
    case .timestamp: .timestamp(integers)
    case .double: .double(doubles)
    case .date: .date(days)
    }
  }
}
