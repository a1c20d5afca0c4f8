/// All statistics of one column, fed in a single pass (per value, then per distinct value of each
/// batch) and merged as a unit.
struct ColumnAccumulator: Sendable, Equatable {
  /// How the column writes numbers and dates (from the sniffer); standard for most.
  var format = ValueFormat.standard
  var nulls = NullCount()
  var types = TypeTally()
  var distinct = DistinctCount()
  var top = TopValues()
  var moments = Moments()
  var higherMoments = HigherMoments()
  var quantiles = QuantileSketch()
  var signs = SignCounts()
  var temporal = TemporalRange()
  var text = TextRange()
  var lengths = TextLengths()
  var shapes = ValueShapes()
  var pii = PIITally()
  /// The declared domain (recipe `columns`), and the invalid values it found, numbered by row.
  var domain: ColumnDomain?
  var invalid = DomainTally()
  /// Whether every non-null value so far was a number: only such columns are correlated.
  var allNumeric = true

  /// Stands for a null in a row's hash.
  static let nullHash: UInt64 = 0x9e37_79b9_7f4a_7c15

  /// Observes a column; its top values are sketched per batch and merged into `top` in batch
  /// order, so the result is the same whether batches are observed here or on several workers.
  mutating func observe(_ column: Column) {
    var batchTop = TopValues()
    var batchInvalid = DomainTally()
    var rowHashes = [UInt64](repeating: 0, count: column.count)
    var numbers: [Double] = []
    var kinds: [ValueKind] = []
    var dictionary = BatchDictionary()
    observe(
      column, top: &batchTop, invalid: &batchInvalid, rowHashes: &rowHashes, numbers: &numbers, kinds: &kinds,
      dictionary: &dictionary)
    top.merge(batchTop)
    invalid.append(batchInvalid, rowOffset: nulls.rows - column.count)
  }

  /// What a row's value is, for the statistics of the second phase.
  enum ValueKind: UInt8 {
    case null, other, integer, decimal, double, date, timestamp
  }

  /// Observes a column, sending its top values to `batchTop` and the values outside the declared
  /// domain to `batchInvalid` (rows numbered from 1 in the batch) instead of `top` and `invalid`,
  /// mixing each value's hash into its row's hash (for duplicate rows) and, while every value so
  /// far was a number, writing each row's number (NaN when absent) to `numbers` (for correlations;
  /// emptied otherwise). `numbers`, `kinds` and `dictionary` are the caller's buffers, reused
  /// batch after batch so their memory is not mapped and zeroed afresh each time.
  ///
  /// Two phases. The first keeps what needs every value (types, nulls, distinct, top values,
  /// exact sums, the domain check). The second keeps the statistics that depend only on the
  /// distinct values and their counts (text range, lengths, shapes, personal data, quantiles,
  /// higher moments, signs). A text column goes through the batch's dictionary first: both phases
  /// then run once per distinct value with its count, and only the rows the dictionary did not
  /// take (a column of nearly unique values) are read one by one. A typed column is read by row,
  /// and its second phase per distinct value when the batch's top values hold them all.
  ///
  /// Returns how many rows, from the first, `dictionary` holds (0 for a typed column): the
  /// quality rules' probes read the same dictionary before the next column replaces it.
  @discardableResult
  mutating func observe(
    _ column: Column, top batchTop: inout TopValues, invalid batchInvalid: inout DomainTally, rowHashes: inout [UInt64],
    numbers: inout [Double], kinds: inout [ValueKind], dictionary: inout BatchDictionary
  ) -> Int {
    // A column that already held a value other than a number is not numeric: its quantiles,
    // moments and correlations will not be reported, so they are not computed.
    let collectsNumbers = allNumeric
    numbers.removeAll(keepingCapacity: true)
    if collectsNumbers { numbers.append(contentsOf: repeatElement(.nan, count: column.count)) }
    kinds.removeAll(keepingCapacity: true)
    kinds.append(contentsOf: repeatElement(.null, count: column.count))
    // Bound once: binding the optional per value would retain and release its references each time.
    let domain = self.domain
    let checksDomain = domain != nil
    // Rows before this one were observed, both phases, through the dictionary.
    var firstSingleRow = 0
    rowHashes.withUnsafeMutableBufferPointer { rowHashes in
      numbers.withUnsafeMutableBufferPointer { numbers in
        kinds.withUnsafeMutableBufferPointer { kinds in
          @inline(__always) func record(_ row: Int, _ hash: UInt64, _ parsed: ParsedValue, _ value: UnsafeBufferPointer<UInt8>) {
            rowHashes[row] = Self.mix(rowHashes[row], hash)
            if checksDomain, let reason = domain.unsafelyUnwrapped.violation(value, parsed) {
              batchInvalid.observe(reason, row: row + 1, value: value)
            }
            kinds[row] = Self.kind(of: parsed)
            if collectsNumbers, let x = parsed.number { numbers[row] = x }
          }
          switch column {
          case .text(let c):
            c.withValues { values in
              firstSingleRow = observeDistinct(
                values, validity: c.validity, rows: c.count, dictionary: &dictionary, top: &batchTop, invalid: &batchInvalid,
                rowHashes: rowHashes, numbers: collectsNumbers ? numbers : nil)
              for row in firstSingleRow ..< c.count {
                let value = values[row]
                let parsed = c.isNull(row) ? ParsedValue.null : ValueParser.parse(value, format: format)
                record(row, observe(value, parsed, top: &batchTop), parsed, value)
              }
            }
          default:
            // Typed values are profiled through their written text, so top values read as written.
            var scratch: [UInt8] = []
            for row in 0 ..< column.count {
              scratch.removeAll(keepingCapacity: true)
              guard ValueFormatter.append(column, row: row, to: &scratch) else {
                let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
                record(row, observe(none, .null, top: &batchTop), .null, none)
                continue
              }
              let parsed = ColumnAccumulator.parsedValue(of: column, row: row)
              scratch.withUnsafeBufferPointer { record(row, observe($0, parsed, top: &batchTop), parsed, $0) }
            }
          }
        }
      }
    }
    // Typed columns are written in the standard format, whatever the source's was.
    let written = column.isText ? format : .standard
    let plain = written == .standard
    if !column.isText {
      let fromDistinct = batchTop.forEachExact { value, count in
        let parsed = ValueParser.parse(value, format: written)
        observeWritten(value, kind: Self.kind(of: parsed), plain: plain, occurrences: count)
        if collectsNumbers, let x = parsed.number { observeNumber(x, occurrences: count) }
      }
      if fromDistinct { return firstSingleRow }
    }
    guard firstSingleRow < column.count else { return firstSingleRow }
    Self.forEachWritten(column, kinds, from: firstSingleRow) { row, value in
      observeWritten(value, kind: kinds[row], plain: plain, occurrences: 1)
    }
    guard collectsNumbers else { return firstSingleRow }
    numbers[firstSingleRow...].withUnsafeBufferPointer { numbers in
      higherMoments.observe(contentsOf: numbers)
      quantiles.observe(contentsOf: numbers)
      for x in numbers where !x.isNaN { signs.observe(x) }
    }
    return firstSingleRow
  }

  /// Both phases for the rows that `dictionary` takes (see `BatchDictionary`): each distinct value
  /// is parsed, checked and observed once with its count, then its hash, and number, are copied
  /// to its rows. Returns how many rows, from the first, were observed.
  private mutating func observeDistinct(
    _ values: TextValues, validity: Validity, rows: Int, dictionary: inout BatchDictionary, top batchTop: inout TopValues,
    invalid batchInvalid: inout DomainTally, rowHashes: UnsafeMutableBufferPointer<UInt64>, numbers: UnsafeMutableBufferPointer<Double>?
  ) -> Int {
    let entered = dictionary.enter(values, validity: validity, rows: rows)
    let entries = dictionary.count
    var entryHashes = [UInt64](repeating: 0, count: entries)
    var entryNumbers = [Double](repeating: .nan, count: numbers == nil ? 0 : entries)
    var entryReasons = [DomainReason?](repeating: nil, count: domain == nil ? 0 : entries)
    var anyInvalid = false
    let domain = self.domain
    let plain = format == .standard
    for e in 0 ..< entries {
      let value = values[dictionary.firstRow(e)]
      let parsed = ValueParser.parse(value, format: format)
      let occurrences = dictionary.occurrences(e)
      entryHashes[e] = observe(value, parsed, knownHash: dictionary.hash(e), top: &batchTop, occurrences: occurrences)
      if let domain, let reason = domain.violation(value, parsed) {
        entryReasons[e] = reason
        anyInvalid = true
      }
      let kind = Self.kind(of: parsed)
      guard kind != .null else { continue }
      observeWritten(value, kind: kind, plain: plain, occurrences: occurrences)
      if numbers != nil, let x = parsed.number {
        entryNumbers[e] = x
        observeNumber(x, occurrences: occurrences)
      }
    }
    var nullRows = 0
    dictionary.withRowEntries { rowEntries in
      for row in 0 ..< entered {
        let e = Int(rowEntries[row])
        guard e >= 0 else {
          nullRows += 1
          rowHashes[row] = Self.mix(rowHashes[row], Self.nullHash)
          continue
        }
        rowHashes[row] = Self.mix(rowHashes[row], entryHashes[e])
        if let numbers { numbers[row] = entryNumbers[e] }
      }
      // Invalid values are kept in row order, with their row numbers.
      guard anyInvalid else { return }
      for row in 0 ..< entered {
        let e = Int(rowEntries[row])
        if e >= 0, let reason = entryReasons[e] { batchInvalid.observe(reason, row: row + 1, value: values[row]) }
      }
    }
    if nullRows > 0 {
      _ = observe(UnsafeBufferPointer(start: nil, count: 0), .null, knownHash: Self.nullHash, top: &batchTop, occurrences: nullRows)
    }
    return entered
  }

  /// A row's hash with one more value's hash mixed in (FNV-style), for duplicate rows.
  @inline(__always)
  static func mix(_ rowHash: UInt64, _ valueHash: UInt64) -> UInt64 {
    (rowHash &* 0x0000_0100_0000_01b3) ^ valueHash
  }

  @inline(__always)
  static func kind(of parsed: ParsedValue) -> ValueKind {
    switch parsed {
    case .null: .null
    case .integer: .integer
    case .decimal: .decimal
    case .double: .double
    case .date: .date
    case .timestamp: .timestamp
    default: .other
    }
  }

  /// Calls `body` with the row and written text of every non-null row from `first` on.
  private static func forEachWritten(
    _ column: Column, _ kinds: [ValueKind], from first: Int, _ body: (Int, UnsafeBufferPointer<UInt8>) -> Void
  ) {
    switch column {
    case .text(let c):
      c.withValues { values in
        for row in first ..< c.count where kinds[row] != .null { body(row, values[row]) }
      }
    default:
      var scratch: [UInt8] = []
      for row in first ..< column.count where kinds[row] != .null {
        scratch.removeAll(keepingCapacity: true)
        _ = ValueFormatter.append(column, row: row, to: &scratch)
        scratch.withUnsafeBufferPointer { body(row, $0) }
      }
    }
  }

  /// The statistics of a non-null value's written text, for a value that occurs `occurrences` times.
  /// A number or date written the standard (`plain`) way needs no byte scan: its shape and byte
  /// classes follow from its kind. Fractions and timestamps are not personal data (no detector
  /// takes a plain decimal number, and the IPv6 detector, the only one a colon leads to, no
  /// timestamp) and a date can only be a birth date, so the other detectors skip them.
  @inline(__always)
  private mutating func observeWritten(_ value: UnsafeBufferPointer<UInt8>, kind: ValueKind, plain: Bool, occurrences: Int) {
    let scan = (plain ? ValueScan.known(value, kind) : nil) ?? ValueScan(value)
    text.observe(value)
    lengths.observe(length: scan.scalars, occurrences: occurrences)
    shapes.observe(value, scan: scan, occurrences: occurrences)
    switch kind {
    case .decimal, .double, .timestamp: pii.observeUnmatched(occurrences: occurrences)
    case .date: pii.observeDate(value, occurrences: occurrences)
    default: pii.observe(value, scan: scan, occurrences: occurrences)
    }
  }

  @inline(__always)
  private mutating func observeNumber(_ x: Double, occurrences: Int) {
    higherMoments.observe(x, occurrences: occurrences)
    quantiles.observe(x, occurrences: occurrences)
    signs.observe(x, occurrences: occurrences)
  }

  /// A typed value as the parser would read its text (`.text` for a text column).
  static func parsedValue(of column: Column, row: Int) -> ParsedValue {
    switch column {
    case .text: return .text
    case .boolean(let c): return .boolean(c.values[row])
    case .int64(let c):
      let v = c.values[row]
      return .integer(v, digits: String(v.magnitude).count)
    case .decimal(let c, let scale):
      let v = c.values[row]
      return .decimal(unscaled: v, integerDigits: max(String(v.magnitude).count - scale, 1), scale: scale)
    case .double(let c): return .double(c.values[row])
    case .date(let c): return .date(c.values[row])
    case .timestamp(let c): return .timestamp(c.values[row])
    }
  }

  /// Observes one value; returns its hash (`nullHash` for a null).
  @inline(__always)
  mutating func observe(_ value: UnsafeBufferPointer<UInt8>, _ parsed: ParsedValue, top: inout TopValues) -> UInt64 {
    if case .null = parsed { return observe(value, parsed, knownHash: Self.nullHash, top: &top, occurrences: 1) }
    return observe(value, parsed, knownHash: Hashing.hash(value), top: &top, occurrences: 1)
  }

  /// Observes a value that occurs `occurrences` times and whose hash is known; returns the hash,
  /// or `nullHash` for a null.
  @inline(__always)
  mutating func observe(
    _ value: UnsafeBufferPointer<UInt8>, _ parsed: ParsedValue, knownHash hash: UInt64, top: inout TopValues, occurrences: Int
  ) -> UInt64 {
    types.observe(parsed, occurrences: occurrences)
    if case .null = parsed {
      nulls.observe(isNull: true, isEmpty: value.count == 0, occurrences: occurrences)
      pii.observeNull(occurrences: occurrences)
      return Self.nullHash
    }
    nulls.observe(isNull: false, occurrences: occurrences)
    distinct.observe(hash: hash, occurrences: occurrences)
    top.observe(hash: hash, bytes: value, occurrences: occurrences)
    switch parsed {
    case .integer(let v, _):
      moments.observe(unscaled: v, scale: 0, occurrences: occurrences)
    case .decimal(let unscaled, _, let scale):
      moments.observe(unscaled: unscaled, scale: scale, occurrences: occurrences)
    case .double(let d):
      moments.observe(d, occurrences: occurrences)
    case .date(let days):
      allNumeric = false
      temporal.observe(micros: Int64(days) * CivilTime.microsPerDay)
    case .timestamp(let micros):
      allNumeric = false
      temporal.observe(micros: micros)
    default:
      allNumeric = false
    }
    return hash
  }

  mutating func merge(_ other: ColumnAccumulator) {
    nulls.merge(other.nulls)
    types.merge(other.types)
    distinct.merge(other.distinct)
    top.merge(other.top)
    moments.merge(other.moments)
    higherMoments.merge(other.higherMoments)
    quantiles.merge(other.quantiles)
    signs.merge(other.signs)
    temporal.merge(other.temporal)
    text.merge(other.text)
    lengths.merge(other.lengths)
    shapes.merge(other.shapes)
    pii.merge(other.pii)
    invalid.merge(other.invalid)
    allNumeric = allNumeric && other.allNumeric
  }
}

/// The accumulators of every column of a table, and the statistics of whole rows: duplicate rows,
/// correlations of numeric columns and the bias count tables.
public struct ProfileAccumulator: Sendable {
  public let schema: Schema
  var columns: [ColumnAccumulator]
  var duplicates = DuplicateRows()
  /// Keyed by `pairKey(i, j)`, i < j, for columns whose values were all numbers so far.
  var correlations: [Int: PearsonCorrelation] = [:]
  /// The bias reports to count (the recipe's `bias` section), one count table each.
  public let biasSpecs: [BiasSpec]
  var bias: [BiasCounts]
  /// What the quality rules need from the rows, gathered in the same pass (`RuleSet.probes`).
  public private(set) var ruleProbes: RuleProbes
  /// Per-batch buffers, kept to be reused: each column's numbers, the rows' value kinds and
  /// hashes, the dictionary of a column's values.
  private var numberBuffers: [[Double]]
  private var kindBuffer: [ColumnAccumulator.ValueKind] = []
  private var rowHashBuffer: [UInt64] = []
  private var dictionary = BatchDictionary()

  /// Only numeric columns among the first this many of the schema are correlated: pairs grow as
  /// the square of it. A fixed window (not the first numeric ones seen) keeps every pair's rows
  /// complete, whichever batches a worker sees.
  static let correlatedColumnLimit = 64

  /// `bias` names columns of `schema` (checked when the recipe is planned); `domains`, when
  /// given, has the declared domain of each column (nil for none).
  public init(schema: Schema, bias: [BiasSpec] = [], domains: [ColumnDomain?] = [], rules: RuleProbes = RuleProbes()) {
    self.schema = schema
    ruleProbes = rules
    columns = schema.fields.enumerated().map { i, field in
      var accumulator = ColumnAccumulator()
      accumulator.domain = i < domains.count ? domains[i] : nil
      accumulator.format = field.format ?? .standard
      accumulator.pii.detectsBirthDates = PIINameHints.kinds(forColumn: field.name).contains(.dateOfBirth)
      return accumulator
    }
    biasSpecs = bias
    self.bias = Array(repeating: BiasCounts(), count: bias.count)
    numberBuffers = Array(repeating: [], count: schema.count)
  }

  func pairKey(_ i: Int, _ j: Int) -> Int { i * columns.count + j }

  public mutating func observe(_ batch: Batch) {
    let parts = observeDeferring(batch)
    let rowsBefore = (columns.first?.nulls.rows ?? batch.rowCount) - batch.rowCount
    for i in columns.indices {
      columns[i].top.merge(parts.tops[i])
      columns[i].invalid.append(parts.invalid[i], rowOffset: rowsBefore)
    }
  }

  /// Observes a batch but returns the parts that must be merged in batch order (top values), for
  /// a caller that merges them so (`setDeferred`): the result then does not depend on which
  /// worker observed which batch.
  mutating func observeDeferring(_ batch: Batch) -> DeferredProfile {
    rowHashBuffer.removeAll(keepingCapacity: true)
    rowHashBuffer.append(contentsOf: repeatElement(0, count: batch.rowCount))
    var parts = DeferredProfile(columns: columns.count)
    parts.rows = batch.rowCount
    var numeric: [Int] = []
    let probing = !ruleProbes.isEmpty
    for i in columns.indices {
      let entered = columns[i].observe(
        batch.columns[i], top: &parts.tops[i], invalid: &parts.invalid[i], rowHashes: &rowHashBuffer, numbers: &numberBuffers[i],
        kinds: &kindBuffer, dictionary: &dictionary)
      if probing { ruleProbes.observe(column: i, batch.columns[i], dictionary: dictionary, entered: entered) }
      if columns[i].allNumeric && i < Self.correlatedColumnLimit { numeric.append(i) }
    }
    let means = numeric.map { i in numberBuffers[i].withUnsafeBufferPointer(PearsonCorrelation.mean) }
    for (a, i) in numeric.enumerated() {
      for (b, j) in numeric.enumerated().dropFirst(a + 1) {
        numberBuffers[i].withUnsafeBufferPointer { x in
          numberBuffers[j].withUnsafeBufferPointer { y in
            correlations[pairKey(i, j), default: PearsonCorrelation()].observe(x, y, shiftX: means[a], shiftY: means[b])
          }
        }
      }
    }
    for h in rowHashBuffer { duplicates.observe(rowHash: Hashing.finalize(h)) }
    observeBias(batch)
    if probing { ruleProbes.observe(batch, rowHashes: rowHashBuffer) }
    return parts
  }

  mutating func observeBias(_ batch: Batch) {
    for i in biasSpecs.indices {
      // Planning checked the columns, so a missing one is a bug, not bad input.
      do { try biasSpecs[i].observe(batch, into: &bias[i]) } catch { preconditionFailure("\(error)") }
    }
  }

  mutating func setDeferred(_ parts: DeferredProfile) {
    for i in columns.indices {
      columns[i].top = parts.tops[i]
      columns[i].invalid = parts.invalid[i]
    }
  }

  /// Merges exact state; top values of the two sides merge in the order given (self first).
  public mutating func merge(_ other: ProfileAccumulator) {
    for i in columns.indices { columns[i].merge(other.columns[i]) }
    duplicates.merge(other.duplicates)
    for key in other.correlations.keys.sorted() { correlations[key, default: PearsonCorrelation()].merge(other.correlations[key]!) }
    for i in bias.indices { bias[i].merge(other.bias[i]) }
    ruleProbes.merge(other.ruleProbes)
  }

  /// The profile; values of `sensitive` columns (top values, minimum, maximum, quantiles,
  /// histogram, shapes) are left out. A column found to hold personal data is treated as
  /// sensitive too, unless it is among `declared`: the columns whose sensitivity the recipe states
  /// (the recipe's classification always wins).
  public func result(sensitive: Set<String> = [], declared: Set<String> = []) -> TableProfile {
    let profiles = zip(schema.fields, columns).map { field, acc in
      let finding = PersonalDataFinding(column: field.name, tally: acc.pii.result)
      let detected = finding != nil && !declared.contains(field.name)
      var profile = ColumnProfile(field: field, accumulator: acc, sensitive: sensitive.contains(field.name) || detected)
      profile.personalData?.decidedBy = declared.contains(field.name) ? "recipe" : "detected"
      return profile
    }
    var pairs: [TableProfile.Correlation] = []
    for key in correlations.keys.sorted() {
      let (i, j) = (key / columns.count, key % columns.count)
      guard profiles[i].inferredType.isNumeric, profiles[j].inferredType.isNumeric, columns[i].allNumeric, columns[j].allNumeric,
        let r = correlations[key]!.result
      else { continue }
      pairs.append(.init(columns: [profiles[i].name, profiles[j].name], pearson: r, rows: correlations[key]!.count))
    }
    return TableProfile(
      rows: columns.first?.nulls.rows ?? 0,
      columns: profiles,
      duplicateRows: duplicates.result,
      correlations: pairs,
      bias: biasSpecs.isEmpty ? nil : zip(biasSpecs, bias).map { BiasResult(spec: $0, counts: $1) })
  }
}

/// What a batch's profile leaves to be merged in batch order: top values (whose sketch depends on
/// the order) and invalid values (whose rows are numbered within the batch until then).
struct DeferredProfile: Sendable {
  var rows = 0
  var tops: [TopValues]
  var invalid: [DomainTally]

  /// Nothing yet, for `count` columns.
  init(columns count: Int) {
    tops = Array(repeating: TopValues(), count: count)
    invalid = Array(repeating: DomainTally(), count: count)
  }

  /// Appends a later batch's parts; its rows follow these.
  mutating func append(_ later: DeferredProfile) {
    for i in tops.indices {
      tops[i].merge(later.tops[i])
      invalid[i].append(later.invalid[i], rowOffset: rows)
    }
    rows += later.rows
  }
}

extension ProfileAccumulator {
  /// Tallies only the types of a batch's values: the cheap pass used for the source schema.
  public mutating func observeTypes(_ batch: Batch) {
    observeTypes(batch, columns: columns.indices, rows: nil)
  }

  /// Tallies the types of some columns, in some rows only (all when `rows` is nil).
  mutating func observeTypes(_ batch: Batch, columns chosen: some Sequence<Int>, rows: [Int]?) {
    for i in chosen {
      guard case .text(let c) = batch.columns[i] else { continue }
      c.withValues { values in
        let format = columns[i].format
        func tally(_ row: Int) { columns[i].types.observe(c.isNull(row) ? .null : ValueParser.parse(values[row], format: format)) }
        if let rows { for row in rows { tally(row) } } else { for row in 0 ..< c.count { tally(row) } }
      }
    }
  }

  /// Adds what `other` tallied of column `j` to this tally of column `i`.
  mutating func mergeTypes(of i: Int, from other: ProfileAccumulator, column j: Int) {
    columns[i].types.merge(other.columns[j].types)
  }

  /// The schema from the type tallies alone.
  public func inferredTypes() -> Schema {
    Schema(zip(schema.fields, columns).map { field, acc in
      let decision = acc.types.result
      return Field(
        name: field.name, type: field.type == .string ? decision.type : field.type, nullable: decision.nullable, format: field.format)
    })
  }
}
