/// Gives columns a type: `cast: {columns: {age: integer, amount: decimal(10,2)}, on_error: reject}`.
///
/// Text is read strictly, as type inference reads it: integers without leading zeros, decimals
/// with a point, ISO dates and timestamps, booleans as true/false, yes/no, y/n, t/f or 1/0 in any
/// case. Null tokens (empty, NA, N/A, NULL, null) become null. A value that does not fit (not a
/// number, out of range, more decimal places than the scale) is never rounded or guessed:
/// `on_error: reject` (default) quarantines the row, `on_error: null` writes a null.
public struct Cast: Step {
  public static let kind = "cast"
  public static let summary = "Give columns a type; values that do not fit are quarantined or nulled, never rounded."
  public static let parameterDocs = [
    (name: "columns", doc: "`{column: type}`, types: boolean, integer, bigint, decimal(p,s), double, date, timestamp, string"),
    (name: "on_error", doc: "reject (default: quarantine the row) or null"),
  ]

  public static let databrewOperation: String? = "CHANGE_DATA_TYPE"
  public static let conditionUse = ConditionUse.none

  private var requested: [(name: String, type: DataType, location: RecipeLocation)] = []
  private var nullOnError = false
  private var targets: [(index: Int, name: String, type: DataType, format: ValueFormat)] = []
  private var planned = Schema([])

  /// DataBrew's type names; its `decimal` (38 digits, 18 after the point) does not fit a scaled
  /// 64-bit decimal, so it becomes `double`.
  static let databrewTypes: [String: DataType] = [
    "byte": .integer, "short": .integer, "int": .integer, "integer": .integer, "long": .bigint, "float": .double,
    "double": .double, "decimal": .double, "string": .string, "boolean": .boolean, "timestamp": .timestamp, "date": .date,
  ]

  public init(parameters: RecipeNode, context: StepContext) throws {
    if context.spelling == .databrew {
      // CHANGE_DATA_TYPE: "values that cannot convert become NULL", as DataBrew documents.
      let f = try parameters.fields(allowed: ["source_column", "column_data_type"], required: ["source_column", "column_data_type"], step: context.reference)
      let name = try f["column_data_type"]!.string()
      guard let type = Cast.databrewTypes[name.lowercased()] else {
        throw context.error("unknown-type", "unknown DataBrew type '\(name)'", at: f["column_data_type"]!.location,
                            fix: "use one of \(Cast.databrewTypes.keys.sorted().joined(separator: ", "))")
      }
      requested = [(try f["source_column"]!.string(), type, f["source_column"]!.location)]
      nullOnError = true
      return
    }
    let f = try parameters.fields(allowed: ["columns", "on_error"], required: ["columns"], step: context.reference)
    for entry in try f["columns"]!.entries() {
      let text = try entry.value.string()
      guard let type = DataType(parsing: text) else {
        throw context.error("unknown-type", "unknown type '\(text)' for column '\(entry.key)'", at: entry.value.location,
                            column: entry.key, fix: DataType.fix(forUnknown: text))
      }
      requested.append((entry.key, type, entry.keyNode.location))
    }
    if let e = f["on_error"] {
      switch try e.string() {
      case "reject": nullOnError = false
      case "null": nullOnError = true
      default: throw context.error("invalid-parameter", "on_error must be reject or null", at: e.location)
      }
    }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    var output = input
    targets = try requested.map { request in
      let i = try context.index(of: request.name, in: input, at: request.location)
      output[i].type = request.type
      // The text is read in the column's own format (`1.234,5`, `31.12.2024`); typed values have none.
      let format = input[i].format ?? .standard
      output[i].format = request.type == .string ? input[i].format : nil
      return (i, request.name, request.type, format)
    }
    planned = output
    return output
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    var output = batch
    output.schema = planned
    for target in targets {
      output.columns[target.index] = convert(
        batch.columns[target.index], to: target.type, format: target.format, name: target.name, rejects: &rejects)
    }
    return output
  }

  private func convert(
    _ column: Column, to type: DataType, format: ValueFormat, name: String, rejects: inout StepRejections
  ) -> Column {
    // Typed inputs go through their canonical text, so every conversion follows one set of rules.
    let text: TextColumn
    if case .text(let t) = column {
      text = t
    } else {
      var t = TextColumn()
      for row in 0 ..< column.count {
        if let s = column.formatted(row) { t.append(Array(s.utf8)) } else { t.appendNull() }
      }
      text = t
    }
    if type == .string { return .text(text) }
    var failures: [(Int, String)] = []
    let result: Column = text.withValues { values in
      func build<E>(_ zero: E, _ read: (UnsafeBufferPointer<UInt8>, ParsedValue) -> E?) -> TypedColumn<E> {
        var out = TypedColumn<E>()
        out.reserveCapacity(text.count)
        for row in 0 ..< text.count {
          let value = values[row]
          let parsed = text.isNull(row) ? ParsedValue.null : ValueParser.parse(value, format: format)
          if parsed == .null {
            out.appendNull(zero)
          } else if let v = read(value, parsed) {
            out.append(v)
          } else {
            out.appendNull(zero)
            failures.append((row, String(decoding: value, as: UTF8.self)))
          }
        }
        return out
      }
      switch type {
      case .boolean: return .boolean(build(false) { bytes, _ in Cast.boolean(bytes) })
      case .integer:
        return .int64(build(0) { _, p in
          if case .integer(let v, _) = p, v >= Int64(Int32.min), v <= Int64(Int32.max) { return v }
          return nil
        })
      case .bigint:
        return .int64(build(0) { _, p in if case .integer(let v, _) = p { return v } else { return nil } })
      case .decimal(let precision, let scale):
        return .decimal(build(0) { _, p in Cast.decimal(p, precision: precision, scale: scale) }, scale: scale)
      case .double: return .double(build(0) { _, p in p.number })
      case .date: return .date(build(0) { _, p in if case .date(let d) = p { return d } else { return nil } })
      case .timestamp:
        return .timestamp(build(0) { _, p in
          switch p {
          case .timestamp(let t): return t
          case .date(let d): return Int64(d) * CivilTime.microsPerDay
          default: return nil
          }
        })
      case .string, .array, .struct: return .text(text)  // recipes cannot name nested types (yet)
      }
    }
    for (row, value) in failures where !nullOnError {
      rejects.reject(row: row, code: "cast-failed", reason: "value '\(value)' of column '\(name)' is not a valid \(type)", column: name)
    }
    return result
  }

  static func boolean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    switch String(decoding: bytes, as: UTF8.self).lowercased() {
    case "true", "t", "yes", "y", "1": true
    case "false", "f", "no", "n", "0": false
    default: nil
    }
  }

  /// The value scaled to `scale` places if it fits `decimal(precision, scale)` without rounding.
  static func decimal(_ value: ParsedValue, precision: Int, scale: Int) -> Int64? {
    let unscaled: Int64
    let digits: Int
    let places: Int
    switch value {
    case .integer(let v, let d): (unscaled, digits, places) = (v, d, 0)
    case .decimal(let u, let d, let s): (unscaled, digits, places) = (u, d, s)
    default: return nil
    }
    guard places <= scale, digits <= precision - scale || (digits == 1 && unscaled / Int64(ValueParser.powersOfTen[places]) == 0) else { return nil }
    var result = unscaled
    for _ in places ..< scale {
      let (next, overflow) = result.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      result = next
    }
    return result
  }

  public static let examples = [
    StepExample(
      "Text to integers and decimals", yaml: "cast: {columns: {age: integer, rate: 'decimal(5,2)'}}",
      input: ExampleTable(["age", "rate"], [["67", "4.5"], ["22", "12.25"], ["NA", ""]]),
      output: ExampleTable(fields: [Field(name: "age", type: .integer), Field(name: "rate", type: .decimal(precision: 5, scale: 2))],
                           [["67", "4.50"], ["22", "12.25"], [nil, nil]])),
    StepExample(
      "A value that does not fit is quarantined, not rounded", yaml: "cast: {columns: {rate: 'decimal(5,1)'}}",
      input: ExampleTable(["rate"], [["4.5"], ["12.25"], ["abc"]]),
      output: ExampleTable(fields: [Field(name: "rate", type: .decimal(precision: 5, scale: 1))], [["4.5"]]), rejectedRows: [1, 2]),
    StepExample(
      "Or nulled, when asked", yaml: "cast: {columns: {when: date}, on_error: 'null'}",
      input: ExampleTable(["when"], [["2024-02-29"], ["2023-02-29"]]),
      output: ExampleTable(fields: [Field(name: "when", type: .date)], [["2024-02-29"], [nil]])),
    StepExample(
      "yes/no to booleans", yaml: "cast: {columns: {foreign: boolean}}",
      input: ExampleTable(["foreign"], [["yes"], ["No"], ["TRUE"]]),
      output: ExampleTable(fields: [Field(name: "foreign", type: .boolean)], [["true"], ["false"], ["true"]])),
    StepExample(
      "An unknown type is refused before any row is read", yaml: "cast: {columns: {age: integr}}",
      input: ExampleTable(["age"], [["1"]]), error: "unknown-type"),
  ]
}

/// Its columns are named in `columns`, which the default rule cannot see.
extension Cast: DeclaresLineage {
  func lineage(from input: Schema, to output: Schema) -> StepLineage {
    .byName(input, output, changing: requested.map(\.name))
  }
}
