extension Condition {
  /// Which rows of `batch` the condition holds for; a null never matches, except for `IS_MISSING`
  /// (and the negated text tests, as a null contains nothing).
  func matches(_ batch: Batch) -> [Bool] {
    let column = batch.columns[columnIndex]
    let format = batch.schema[columnIndex].format ?? .standard
    var result = [Bool](repeating: false, count: batch.rowCount)
    let wanted = values.map { Array($0.utf8) }
    for row in 0 ..< batch.rowCount {
      guard let text = column.formatted(row) else {
        result[row] = kind == .isMissing || [.isNot, .notContains, .notStartsWith, .notEndsWith].contains(kind)
        continue
      }
      let bytes = Array(text.utf8)
      switch kind {
      case .is: result[row] = wanted.contains(bytes)
      case .isNot: result[row] = !wanted.contains(bytes)
      case .contains: result[row] = wanted.contains { Condition.contains(bytes, $0) }
      case .notContains: result[row] = !wanted.contains { Condition.contains(bytes, $0) }
      case .startsWith: result[row] = wanted.contains { bytes.starts(with: $0) }
      case .notStartsWith: result[row] = !wanted.contains { bytes.starts(with: $0) }
      case .endsWith: result[row] = wanted.contains { bytes.reversed().starts(with: $0.reversed()) }
      case .notEndsWith: result[row] = !wanted.contains { bytes.reversed().starts(with: $0.reversed()) }
      case .isMissing: result[row] = text.isEmpty
      case .lessThan, .lessThanEqual, .greaterThan, .greaterThanEqual, .isBetween:
        guard let n = ValueParser.parse(text, format: format).number else { continue }
        switch kind {
        case .lessThan: result[row] = n < bounds.lower
        case .lessThanEqual: result[row] = n <= bounds.lower
        case .greaterThan: result[row] = n > bounds.lower
        case .greaterThanEqual: result[row] = n >= bounds.lower
        default: result[row] = n >= bounds.lower && n <= bounds.upper
        }
      case .isInvalid:
        guard let type = invalidType else { continue }
        result[row] = !Condition.fits(ValueParser.parse(text, format: format), type)
      }
    }
    return result
  }

  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    if needle.isEmpty { return true }
    guard haystack.count >= needle.count else { return false }
    for start in 0 ... haystack.count - needle.count where haystack[start] == needle[0] {
      if haystack[start ..< start + needle.count].elementsEqual(needle) { return true }
    }
    return false
  }

  /// Whether a parsed value is a valid value of `type` (as `cast` would accept it).
  static func fits(_ value: ParsedValue, _ type: DataType) -> Bool {
    switch (value, type) {
    case (.null, _), (_, .string): return true
    case (.integer(let v, _), .integer): return v >= Int64(Int32.min) && v <= Int64(Int32.max)
    case (.integer, .bigint), (.integer, .double), (.decimal, .double), (.double, .double): return true
    case (.integer, .decimal), (.decimal, .decimal):
      if case .decimal(let p, let s) = type { return Cast.decimal(value, precision: p, scale: s) != nil }
      return false
    case (.date, .date), (.date, .timestamp), (.timestamp, .timestamp), (.boolean, .boolean): return true
    default: return false
    }
  }
}
