/// Row tests from the conditions of the row-level rules; a condition that cannot apply (a
/// pattern that does not compile, a type Glue does not know) is a problem of the rule, found
/// before any row is read.
extension RowTest {
  typealias Problem = RuleConstant.Problem

  static func constants(_ c: DQDLCondition, now: Int64) throws(Problem) -> (values: [RuleConstant], listsNull: Bool) {
    var values: [RuleConstant] = []
    var listsNull = false
    for e in c.operands {
      let v = try RuleConstant(e, now: now)
      if v == .null { listsNull = true } else { values.append(v) }
    }
    return (values, listsNull)
  }

  /// `ColumnValues`: numbers, dates or text, as the operands are.
  static func values(_ c: DQDLCondition, column: Int, format: ValueFormat, now: Int64, ignoreCase: Bool) throws(Problem) -> RowTest {
    if c.op == .matches || c.op == .notMatches {
      guard case .string(let pattern) = c.operands.first else { throw Problem(message: "matches takes a quoted pattern") }
      do {
        let full = try FullMatch(pattern, ignoringCase: ignoreCase)
        return RowTest(column: column, format: format, check: .pattern(full, negated: c.op == .notMatches))
      } catch {
        throw Problem(message: "\"\(pattern)\" is not a valid regular expression")
      }
    }
    let (values, listsNull) = try constants(c, now: now)
    var numbers: [Double] = []
    var instants: [Int64] = []
    var texts = TextComparison(op: c.op, values: [], listsNull: listsNull, ignoreCase: ignoreCase)
    for v in values {
      switch v {
      case .number(let x): numbers.append(x)
      case .instant(let t): instants.append(t)
      case .text(let s): texts.values.insert(ignoreCase ? TextComparison.lowercased(Array(s.utf8)) : Array(s.utf8))
      case .empty: texts.listsEmpty = true
      case .whitespacesOnly: texts.listsBlank = true
      case .duration, .size, .null: throw Problem(message: "ColumnValues compares values, not durations or sizes")
      }
    }
    let check: Check
    if !numbers.isEmpty && instants.isEmpty && texts.values.isEmpty && !texts.listsEmpty && !texts.listsBlank {
      check = .numbers(Comparison(op: c.op, operands: numbers, listsNull: listsNull))
    } else if !instants.isEmpty && numbers.isEmpty && texts.values.isEmpty {
      check = .instants(Comparison(op: c.op, operands: instants, listsNull: listsNull))
    } else if numbers.isEmpty && instants.isEmpty {
      guard [.equal, .notEqual, .in, .notIn].contains(c.op) else { throw Problem(message: "text is compared with =, !=, in or matches") }
      check = .texts(texts)
    } else {
      throw Problem(message: "the condition mixes numbers, dates and text")
    }
    return RowTest(column: column, format: format, check: check)
  }

  /// `ColumnLength`: lengths in Unicode scalars, NULL as 0.
  static func lengths(_ c: DQDLCondition, column: Int, now: Int64) throws(Problem) -> RowTest {
    let (values, _) = try constants(c, now: now)
    let numbers = try values.map { v throws(Problem) -> Double in
      guard case .number(let x) = v else { throw Problem(message: "ColumnLength compares lengths with numbers") }
      return x
    }
    return RowTest(column: column, format: .standard, check: .lengths(Comparison(op: c.op, operands: numbers)))
  }

  /// `DataFreshness`: each value's age at `now`, in seconds.
  static func ages(_ c: DQDLCondition, column: Int, format: ValueFormat, now: Int64) throws(Problem) -> RowTest {
    let (values, _) = try constants(c, now: now)
    let seconds = try values.map { v throws(Problem) -> Double in
      guard case .duration(let s) = v else { throw Problem(message: "DataFreshness compares ages: 24 hours, 3 days, 90 minutes") }
      return Double(s)
    }
    return RowTest(column: column, format: format, check: .ages(Comparison(op: c.op, operands: seconds), now: now))
  }

  /// `ColumnDataType`: whether each value casts to the named type(s).
  static func types(_ c: DQDLCondition, column: Int, format: ValueFormat) throws(Problem) -> RowTest {
    guard [.equal, .notEqual, .in, .notIn].contains(c.op) else {
      throw Problem(message: "ColumnDataType compares with =, !=, in or not in")
    }
    var targets = Set<CastTarget>()
    for e in c.operands {
      guard case .string(let name) = e, let target = CastTarget(name) else {
        throw Problem(
          message: "\(e) is not a type ColumnDataType knows: Boolean, Date, Timestamp, Integer, Long, Float, Double, Decimal(p,s)")
      }
      targets.insert(target)
    }
    return RowTest(column: column, format: format, check: .castable(targets, negated: c.op == .notEqual || c.op == .notIn))
  }
}
