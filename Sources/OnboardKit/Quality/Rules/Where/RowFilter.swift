/// A `where` clause compiled against the table's columns: which rows of a batch a rule sees.
///
/// SQL's three-valued logic: a comparison with NULL is unknown, `NOT` unknown is unknown, and
/// only rows where the filter is true are kept (as in Spark). A column compared with a number is
/// read as a number (text that is no number is unknown, as a failed cast is NULL in Spark); with
/// a string, a date or timestamp column reads the string as a date, any other column compares
/// text, byte by byte.
struct RowFilter: Sendable {
  let predicate: SQLPredicate
  /// Column index of each name the predicate reads.
  let indices: [String: Int]
  let formats: [Int: ValueFormat]

  init(_ text: String, schema: Schema) throws(SQLPredicate.Problem) {
    predicate = try SQLPredicate.parse(text)
    var indices: [String: Int] = [:]
    var formats: [Int: ValueFormat] = [:]
    for name in predicate.columns {
      guard let i = schema.index(of: name) ?? schema.names.firstIndex(where: { $0.lowercased() == name.lowercased() }) else {
        let near = Suggestion.nearest(to: name, in: schema.names).map { "; did you mean '\($0)'?" } ?? ""
        throw .init(message: "the where clause reads a column '\(name)' that does not exist\(near)")
      }
      indices[name] = i
      formats[i] = schema[i].format ?? .standard
    }
    self.indices = indices
    self.formats = formats
  }

  /// The rows to keep.
  func keep(_ batch: Batch) -> [Bool] {
    var scratch: [UInt8] = []
    return (0 ..< batch.rowCount).map { row in evaluate(predicate, batch, row, &scratch) == true }
  }

  private func evaluate(_ p: SQLPredicate, _ batch: Batch, _ row: Int, _ scratch: inout [UInt8]) -> Bool? {
    switch p {
    case .literal(let b): return b
    case .and(let a, let b):
      let x = evaluate(a, batch, row, &scratch)
      if x == false { return false }
      let y = evaluate(b, batch, row, &scratch)
      if y == false { return false }
      return x == nil || y == nil ? nil : true
    case .or(let a, let b):
      let x = evaluate(a, batch, row, &scratch)
      if x == true { return true }
      let y = evaluate(b, batch, row, &scratch)
      if y == true { return true }
      return x == nil || y == nil ? nil : false
    case .not(let a): return evaluate(a, batch, row, &scratch).map { !$0 }
    case .isNull(let a, let negated):
      let null: Bool
      if case .column(let name) = a { null = batch.columns[indices[name]!].ruleIsNull(row) } else { null = a == .null }
      return null != negated
    case .compare(let a, let op, let b):
      guard let order = compare(a, b, batch, row, &scratch) else { return nil }
      switch op {
      case .equal: return order == 0
      case .notEqual: return order != 0
      case .less: return order < 0
      case .lessOrEqual: return order <= 0
      case .greater: return order > 0
      case .greaterOrEqual: return order >= 0
      }
    case .inList(let a, let list, let negated):
      var unknown = false
      for item in list {
        switch compare(a, item, batch, row, &scratch) {
        case 0?: return !negated
        case nil: unknown = true
        default: break
        }
      }
      return unknown ? nil : negated
    case .between(let a, let low, let high, let negated):
      let lo = compare(a, low, batch, row, &scratch)
      let hi = compare(a, high, batch, row, &scratch)
      let inside: Bool?
      if lo.map({ $0 < 0 }) == true || hi.map({ $0 > 0 }) == true {
        inside = false
      } else if lo == nil || hi == nil {
        inside = nil
      } else {
        inside = true
      }
      return inside.map { $0 != negated }
    case .like(let a, let pattern, let negated):
      guard case .text(let bytes) = value(a, batch, row, &scratch) else { return nil }
      return Self.like(Array(String(decoding: bytes, as: UTF8.self).unicodeScalars), Array(pattern.unicodeScalars)) != negated
    }
  }

  private enum Value {
    case null, number(Double), instant(Int64), text([UInt8])
  }

  private func value(_ o: SQLOperand, _ batch: Batch, _ row: Int, _ scratch: inout [UInt8]) -> Value {
    switch o {
    case .null: return .null
    case .number(let x): return .number(x)
    case .string(let s): return .text(Array(s.utf8))
    case .column(let name):
      let column = batch.columns[indices[name]!]
      if column.ruleIsNull(row) { return .null }
      _ = column.ruleText(row, into: &scratch)
      return .text(scratch)
    }
  }

  /// The order of two operands (negative, zero, positive), or nil when unknown.
  private func compare(_ a: SQLOperand, _ b: SQLOperand, _ batch: Batch, _ row: Int, _ scratch: inout [UInt8]) -> Int? {
    func number(_ o: SQLOperand) -> Double? {
      switch o {
      case .number(let x): return x
      case .string(let s): return Double(s)
      case .null: return nil
      case .column(let name):
        let i = indices[name]!
        return batch.columns[i].ruleNumber(row, format: formats[i]!)
      }
    }
    func instant(_ o: SQLOperand) -> Int64? {
      switch o {
      case .string(let s):
        return Array(s.utf8).withUnsafeBufferPointer { RowTest.instant(ValueParser.parse($0)) }
      case .column(let name):
        let i = indices[name]!
        return batch.columns[i].ruleInstant(row, format: formats[i]!)
      default: return nil
      }
    }
    func isTemporal(_ o: SQLOperand) -> Bool {
      guard case .column(let name) = o else { return false }
      switch batch.columns[indices[name]!] {
      case .date, .timestamp: return true
      default: return false
      }
    }
    func isNumeric(_ o: SQLOperand) -> Bool {
      switch o {
      case .number: return true
      case .column(let name):
        switch batch.columns[indices[name]!] {
        case .int64, .decimal, .double: return true
        default: return false
        }
      default: return false
      }
    }
    if a == .null || b == .null { return nil }
    if isNumeric(a) || isNumeric(b) {
      guard let x = number(a), let y = number(b) else { return nil }
      return x < y ? -1 : x > y ? 1 : 0
    }
    if isTemporal(a) || isTemporal(b) {
      guard let x = instant(a), let y = instant(b) else { return nil }
      return x < y ? -1 : x > y ? 1 : 0
    }
    guard case .text(let x) = value(a, batch, row, &scratch) else { return nil }
    guard case .text(let y) = value(b, batch, row, &scratch) else { return nil }
    return x.lexicographicallyPrecedes(y) ? -1 : x == y ? 0 : 1
  }

  /// SQL LIKE: `%` any run of characters, `_` any one.
  static func like(_ s: [Unicode.Scalar], _ p: [Unicode.Scalar]) -> Bool {
    var memo = [[Bool?]](repeating: [Bool?](repeating: nil, count: p.count + 1), count: s.count + 1)
    func match(_ i: Int, _ j: Int) -> Bool {
      if let known = memo[i][j] { return known }
      let result: Bool
      if j == p.count {
        result = i == s.count
      } else if p[j] == "%" {
        result = match(i, j + 1) || (i < s.count && match(i + 1, j))
      } else {
        result = i < s.count && (p[j] == "_" || p[j] == s[i]) && match(i + 1, j + 1)
      }
      memo[i][j] = result
      return result
    }
    return match(0, 0)
  }
}
