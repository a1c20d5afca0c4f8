/// The shared part of `add`, `subtract`, `multiply` and `divide`: two operands, each a column
/// (`source_column2`) or a constant (`value1`), and a new text column for the result.
///
/// Exact when both operands are plain decimals (`0.1 + 0.2` is `0.3`); the result of `add` and
/// `subtract` has the larger number of places, that of `multiply` the sum of both, as SQL
/// decimals do. A double operand, or an exact result that overflows 64 bits, gives a double.
/// A null operand gives null; text that is not a number is quarantined.
struct Arithmetic: Sendable {
  enum Operation: Sendable { case add, subtract, multiply, divide }

  var operation: Operation
  var first: ColumnParameter
  var second: ColumnParameter?
  var constant: StepNumber?
  var target: ColumnParameter
  var indices: [Int] = []
  var field = Field(name: "", type: .string)

  static let parameterDocs = [
    (name: "source_column1", doc: "the first operand: a text column of numbers"),
    (name: "source_column2", doc: "the second operand, a column; or give `value1`"),
    (name: "value1", doc: "the second operand, a constant number; or give `source_column2`"),
    (name: "target_column", doc: "the new column; must not exist yet"),
  ]

  init(_ operation: Operation, parameters: RecipeNode, context: StepContext) throws {
    self.operation = operation
    // `function_step_type` is how DataBrew's console export marks a function step; it changes nothing.
    let f = try parameters.fields(
      allowed: ["source_column1", "source_column2", "value1", "target_column", "function_step_type"],
      required: ["source_column1", "target_column"], step: context.reference)
    first = try ColumnParameter(f, "source_column1", context: context)
    target = try ColumnParameter(f, "target_column", context: context)
    second = try f["source_column2"].map { try ColumnParameter($0) }
    constant = try f.number("value1", context: context)
    guard (second == nil) != (constant == nil) else {
      throw context.error(
        "invalid-parameter", "give the second operand as either `source_column2` or `value1`, not \(second == nil ? "neither" : "both")",
        fix: "`source_column2: <column>` for a column, `value1: <number>` for a constant")
    }
  }

  mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    indices = [try first.textIndex(in: input, context: context)]
    if let second { indices.append(try second.textIndex(in: input, context: context)) }
    field = try target.newField(in: input, context: context)
    var output = input
    output.append(field)
    return output
  }

  func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    let names = [first.name] + (second.map { [$0.name] } ?? [])
    let columns: [TextColumn] = indices.compactMap { if case .text(let c) = batch.columns[$0] { c } else { nil } }
    let formats = indices.map { batch.schema[$0].format ?? .standard }
    var result = TextColumn()
    result.reserveCapacity(rows: batch.rowCount, bytes: batch.rowCount * 8)
    var out: [UInt8] = []
    rows: for row in 0 ..< batch.rowCount {
      var operands: [StepNumber] = []
      for (k, column) in columns.enumerated() {
        let parsed = column.isNull(row) ? ParsedValue.null : column.withValues { ValueParser.parse($0[row], format: formats[k]) }
        if parsed == .null {
          result.appendNull()
          continue rows
        }
        guard let n = StepNumber(parsed) else {
          let raw = column.string(row) ?? ""
          rejects.reject(row: row, code: "not-a-number", reason: "value '\(raw)' of column '\(names[k])' is not a number", column: names[k])
          result.appendNull()
          continue rows
        }
        operands.append(n)
      }
      if let constant { operands.append(constant) }
      guard let value = compute(operands[0], operands[1]) else {
        result.appendNull()
        continue
      }
      out.removeAll(keepingCapacity: true)
      value.write(to: &out)
      result.append(out)
    }
    var output = batch
    output.schema.append(field)
    output.columns.append(.text(result))
    return output
  }

  /// The result, or nil (null) for a division by zero.
  func compute(_ a: StepNumber, _ b: StepNumber) -> StepNumber? {
    switch operation {
    case .add, .subtract:
      if let (x, y, scale) = StepNumber.aligned(a, b) {
        let (v, overflow) = operation == .add ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
        if !overflow { return .exact(v, scale: scale) }
      }
      return .double(operation == .add ? a.double + b.double : a.double - b.double)
    case .multiply:
      if case .exact(let u, let s) = a, case .exact(let v, let t) = b, s + t <= 18 {
        let (p, overflow) = u.multipliedReportingOverflow(by: v)
        if !overflow { return .exact(p, scale: s + t) }
      }
      return .double(a.double * b.double)
    case .divide:
      if StepNumber.compare(b, .exact(0, scale: 0)) == 0 { return nil }
      return Arithmetic.exactQuotient(a, b) ?? .double(a.double / b.double)
    }
  }

  /// `a / b` as a decimal when it ends within 18 places (`1 / 8` is `0.125`), else nil.
  static func exactQuotient(_ a: StepNumber, _ b: StepNumber) -> StepNumber? {
    guard case .exact(let u, let s) = a, case .exact(let v, let t) = b, v != 0 else { return nil }
    // a / b = (u · 10^t) / (v · 10^s)
    guard let ft = StepNumber.power(t), let fs = StepNumber.power(s) else { return nil }
    let (n, o1) = u.multipliedReportingOverflow(by: ft)
    let (d, o2) = v.multipliedReportingOverflow(by: fs)
    guard !o1, !o2, d != 0 else { return nil }
    var numerator = n
    for scale in 0 ... 18 {
      if numerator % d == 0 { return .exact(numerator / d, scale: scale) }
      let (next, overflow) = numerator.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      numerator = next
    }
    return nil
  }
}
