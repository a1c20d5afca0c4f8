/// All statistics of one column, fed value by value in a single pass and merged as a unit.
struct ColumnAccumulator: Sendable, Equatable {
  /// How the column writes numbers and dates (from the sniffer); standard for most.
  var format = ValueFormat.standard
  var nulls = NullCount()
  var types = TypeTally()
  var distinct = DistinctCount()
  var top = TopValues()
  var moments = Moments()
  var temporal = TemporalRange()
  var text = TextRange()

  /// Observes a column; its top values are sketched per batch and merged into `top` in batch
  /// order, so the result is the same whether batches are observed here or on several workers.
  mutating func observe(_ column: Column) {
    var batchTop = TopValues()
    observe(column, top: &batchTop)
    top.merge(batchTop)
  }

  /// Observes a column, sending its top values to `batchTop` instead of `top`.
  mutating func observe(_ column: Column, top batchTop: inout TopValues) {
    switch column {
    case .text(let c):
      c.withValues { values in
        for row in 0 ..< c.count {
          let value = values[row]
          observe(value, c.isNull(row) ? .null : ValueParser.parse(value, format: format), top: &batchTop)
        }
      }
    default:
      // Typed values are profiled through their written text, so top values read as written.
      var scratch: [UInt8] = []
      for row in 0 ..< column.count {
        scratch.removeAll(keepingCapacity: true)
        guard ValueFormatter.append(column, row: row, to: &scratch) else {
          observe(UnsafeBufferPointer(start: nil, count: 0), .null, top: &batchTop)
          continue
        }
        let parsed = ColumnAccumulator.parsedValue(of: column, row: row)
        scratch.withUnsafeBufferPointer { observe($0, parsed, top: &batchTop) }
      }
    }
  }

  private static func parsedValue(of column: Column, row: Int) -> ParsedValue {
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

  @inline(__always)
  mutating func observe(_ value: UnsafeBufferPointer<UInt8>, _ parsed: ParsedValue, top: inout TopValues) {
    types.observe(parsed)
    if case .null = parsed {
      nulls.observe(isNull: true, isEmpty: value.count == 0)
      return
    }
    nulls.observe(isNull: false)
    let hash = Hashing.hash(value)
    distinct.observe(hash: hash)
    top.observe(hash: hash, bytes: value)
    text.observe(value)
    switch parsed {
    case .integer(let v, _): moments.observe(unscaled: v, scale: 0)
    case .decimal(let unscaled, _, let scale): moments.observe(unscaled: unscaled, scale: scale)
    case .double(let d): moments.observe(d)
    case .date(let days): temporal.observe(micros: Int64(days) * CivilTime.microsPerDay)
    case .timestamp(let micros): temporal.observe(micros: micros)
    default: break
    }
  }

  mutating func merge(_ other: ColumnAccumulator) {
    nulls.merge(other.nulls)
    types.merge(other.types)
    distinct.merge(other.distinct)
    top.merge(other.top)
    moments.merge(other.moments)
    temporal.merge(other.temporal)
    text.merge(other.text)
  }
}

/// The accumulators of every column of a table.
public struct ProfileAccumulator: Sendable {
  public let schema: Schema
  var columns: [ColumnAccumulator]

  public init(schema: Schema) {
    self.schema = schema
    columns = schema.fields.map { field in
      var accumulator = ColumnAccumulator()
      accumulator.format = field.format ?? .standard
      return accumulator
    }
  }

  public mutating func observe(_ batch: Batch) {
    for i in columns.indices { columns[i].observe(batch.columns[i]) }
  }

  /// Observes a batch but returns its top-value sketches instead of merging them, for a caller
  /// that merges them in batch order (`setTopValues`).
  mutating func observeDeferringTopValues(_ batch: Batch) -> [TopValues] {
    columns.indices.map { i in
      var batchTop = TopValues()
      columns[i].observe(batch.columns[i], top: &batchTop)
      return batchTop
    }
  }

  mutating func setTopValues(_ tops: [TopValues]) {
    for i in columns.indices { columns[i].top = tops[i] }
  }

  /// Merges exact state; top values of the two sides merge in the order given (self first).
  public mutating func merge(_ other: ProfileAccumulator) {
    for i in columns.indices { columns[i].merge(other.columns[i]) }
  }

  /// The profile; values of `sensitive` columns (top values, minimum, maximum) are left out.
  public func result(sensitive: Set<String> = []) -> TableProfile {
    TableProfile(
      rows: columns.first?.nulls.rows ?? 0,
      columns: zip(schema.fields, columns).map { field, acc in
        ColumnProfile(field: field, accumulator: acc, sensitive: sensitive.contains(field.name))
      })
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
