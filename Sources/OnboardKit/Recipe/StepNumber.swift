/// A number read from a cell or a parameter by the number steps (`round`, `add`, `bucketization`…):
/// exact when the text is a plain integer or decimal (`-12.50` is `-1250` at scale 2), a binary
/// double only when it has an exponent or more than 18 digits.
///
/// Exact values stay exact through `round`, `absolute`, `add`, `subtract` and `multiply`; an
/// operation that would overflow 64 bits falls back to a double rather than wrapping.
enum StepNumber: Equatable {
  case exact(Int64, scale: Int)
  case double(Double)

  /// The number a parsed cell holds, or nil when it is not a number.
  init?(_ parsed: ParsedValue) {
    switch parsed {
    case .integer(let v, _): self = .exact(v, scale: 0)
    case .decimal(let u, _, let s): self = .exact(u, scale: s)
    case .double(let d): self = .double(d)
    default: return nil
    }
  }

  /// A number written in a recipe (`2`, `-0.5`, `"Infinity"`, `"-Infinity"`).
  init?(parameter text: String) {
    switch text {
    case "Infinity", "+Infinity", "inf": self = .double(.infinity)
    case "-Infinity", "-inf": self = .double(-.infinity)
    default: self.init(ValueParser.parse(text, format: .standard))
    }
  }

  var double: Double {
    switch self {
    case .exact(let u, let s): Double(u) / ValueParser.powersOfTen[s]
    case .double(let d): d
    }
  }

  /// The canonical text, as `ValueFormatter` writes numbers.
  func write(to out: inout [UInt8]) {
    switch self {
    case .exact(let u, let s): ValueFormatter.appendDecimal(u, scale: s, to: &out)
    case .double(let d): out.append(contentsOf: ValueFormatter.formatDouble(d).utf8)
    }
  }

  /// `10^power` as an `Int64`, or nil beyond 10^18.
  static func power(_ power: Int) -> Int64? {
    guard power >= 0, power <= 18 else { return nil }
    var p: Int64 = 1
    for _ in 0 ..< power { p *= 10 }
    return p
  }

  /// Both exact values at the larger scale, or nil when that overflows.
  static func aligned(_ a: StepNumber, _ b: StepNumber) -> (Int64, Int64, scale: Int)? {
    guard case .exact(let u, let s) = a, case .exact(let v, let t) = b else { return nil }
    let scale = max(s, t)
    guard let fa = power(scale - s), let fb = power(scale - t) else { return nil }
    let (x, o1) = u.multipliedReportingOverflow(by: fa)
    let (y, o2) = v.multipliedReportingOverflow(by: fb)
    return o1 || o2 ? nil : (x, y, scale)
  }

  /// -1, 0 or 1; exact when both are exact.
  static func compare(_ a: StepNumber, _ b: StepNumber) -> Int {
    if let (x, y, _) = aligned(a, b) { return x < y ? -1 : (x == y ? 0 : 1) }
    let (x, y) = (a.double, b.double)
    return x < y ? -1 : (x == y ? 0 : 1)
  }
}

/// What a number or date step makes of one cell.
enum CellOutcome {
  /// The value was appended to the output buffer.
  case written
  case null
  /// The cell cannot be read; the row is quarantined with this reason.
  case refused(String)
}

extension Batch {
  /// The batch with a text column computed from text column `source`, each non-null value parsed
  /// in the column's `format`: appended as `field`, or written over `source` when `field` is nil.
  /// Refused cells are written as null and their rows quarantined with `code` and the reason.
  func computingText(
    from source: Int, appending field: Field?, code: String, rejects: inout StepRejections,
    _ compute: (ParsedValue, UnsafeBufferPointer<UInt8>, inout [UInt8]) -> CellOutcome
  ) -> Batch {
    guard case .text(let column) = columns[source] else { return self }
    let format = schema[source].format ?? .standard
    let name = schema[source].name
    var builder = TextColumnBuilder(rows: rowCount, bytes: column.bytes.count)
    defer { builder.deallocate() }
    var scratch: [UInt8] = []
    var refused: [(Int, String)] = []
    column.withValues { values in
      for row in 0 ..< column.count {
        let parsed = column.isNull(row) ? ParsedValue.null : ValueParser.parse(values[row], format: format)
        if parsed == .null {
          builder.close(valid: false)
          continue
        }
        scratch.removeAll(keepingCapacity: true)
        switch compute(parsed, values[row], &scratch) {
        case .written: scratch.withUnsafeBufferPointer { builder.append($0) }
        case .null: builder.close(valid: false)
        case .refused(let reason):
          builder.close(valid: false)
          refused.append((row, reason))
        }
      }
    }
    let result = builder.makeColumn()
    for (row, reason) in refused { rejects.reject(row: row, code: code, reason: reason, column: name) }
    var output = self
    if let field {
      output.schema.append(field)
      output.columns.append(.text(result))
    } else {
      output.columns[source] = .text(result)
    }
    return output
  }

  /// The batch with its columns in the order `order` (indices into the current columns).
  func reordered(_ order: [Int]) -> Batch {
    var output = self
    output.schema = Schema(order.map { schema[$0] })
    output.columns = order.map { columns[$0] }
    return output
  }
}

extension RecipeNode.Fields {
  /// A number parameter (`threshold: 0.5`), exact when written as a plain decimal.
  func number(_ key: String, context: StepContext) throws -> StepNumber? {
    guard let node = self[key] else { return nil }
    let text = try node.string()
    guard let n = StepNumber(parameter: text) else {
      throw context.error("invalid-parameter", "'\(key)' must be a number, not '\(text)'", at: node.location,
                          fix: "write a plain number such as 0.5")
    }
    return n
  }
}

/// The `'value' is not a number` reason every number step gives.
func notANumber(_ value: UnsafeBufferPointer<UInt8>, column: String) -> String {
  "value '\(String(decoding: value, as: UTF8.self))' of column '\(column)' is not a number"
}
