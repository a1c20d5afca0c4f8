import Foundation

/// The row filter of a rule's `where` clause: the part of Spark SQL that filters use, parsed
/// before any row is read. Column names are bare (`age`) or in backticks (`` `loan amount` ``);
/// strings take single quotes (`''` for a quote inside); comparisons `=`, `==`, `!=`, `<>`, `<`,
/// `<=`, `>`, `>=`; `IS [NOT] NULL`, `[NOT] IN (...)`, `[NOT] BETWEEN a AND b` (inclusive, as in
/// SQL), `[NOT] LIKE 'a%_'`; `AND`, `OR`, `NOT` and parentheses. Keywords are not case
/// sensitive. Anything else (functions, arithmetic) is refused with the position, so a filter
/// is never half understood.
indirect enum SQLPredicate: Sendable, Equatable {
  case and(SQLPredicate, SQLPredicate)
  case or(SQLPredicate, SQLPredicate)
  case not(SQLPredicate)
  case compare(SQLOperand, Comparison, SQLOperand)
  case isNull(SQLOperand, negated: Bool)
  case inList(SQLOperand, [SQLOperand], negated: Bool)
  case between(SQLOperand, SQLOperand, SQLOperand, negated: Bool)
  case like(SQLOperand, String, negated: Bool)
  case literal(Bool)

  enum Comparison: String, Sendable, Equatable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
  }

  struct Problem: Error, Equatable {
    var message: String
  }

  static func parse(_ text: String) throws(Problem) -> SQLPredicate {
    var parser = SQLParser(tokens: try SQLParser.tokens(text), text: text)
    let predicate = try parser.parseOr()
    guard parser.atEnd else { throw parser.unexpected("the end of the filter") }
    return predicate
  }

  /// The columns the filter reads.
  var columns: [String] {
    switch self {
    case .and(let a, let b), .or(let a, let b): a.columns + b.columns
    case .not(let a): a.columns
    case .compare(let a, _, let b): a.columns + b.columns
    case .isNull(let a, _), .like(let a, _, _): a.columns
    case .inList(let a, let list, _): a.columns + list.flatMap(\.columns)
    case .between(let a, let lo, let hi, _): a.columns + lo.columns + hi.columns
    case .literal: []
    }
  }
}

/// A value in a filter: a column, or a literal.
enum SQLOperand: Sendable, Equatable {
  case column(String)
  case number(Double)
  case string(String)
  case null

  var columns: [String] {
    if case .column(let name) = self { return [name] }
    return []
  }
}

/// A recursive-descent parser over the filter's tokens; precedence NOT over AND over OR.
struct SQLParser {
  enum Token: Equatable {
    case word(String)
    case quotedName(String)
    case string(String)
    case number(Double)
    case symbol(String)
  }

  var tokens: [(Token, Int)]
  let text: String
  var i = 0

  var atEnd: Bool { i == tokens.count }

  static func tokens(_ text: String) throws(SQLPredicate.Problem) -> [(Token, Int)] {
    let s = Array(text.unicodeScalars)
    var out: [(Token, Int)] = []
    var i = 0
    func isWordStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
    func isWord(_ c: Unicode.Scalar) -> Bool { isWordStart(c) || ("0" ... "9").contains(c) || c == "." }
    while i < s.count {
      let c = s[i]
      if c == " " || c == "\t" || c == "\n" || c == "\r" {
        i += 1
      } else if c == "'" || c == "`" {
        var value = String.UnicodeScalarView()
        var j = i + 1
        var closed = false
        while j < s.count {
          if s[j] == c {
            if j + 1 < s.count && s[j + 1] == c {
              value.append(c)
              j += 2
              continue
            }
            closed = true
            break
          }
          value.append(s[j])
          j += 1
        }
        guard closed else { throw .init(message: "a quote opened at position \(i + 1) is never closed") }
        out.append((c == "'" ? .string(String(value)) : .quotedName(String(value)), i))
        i = j + 1
      } else if ("0" ... "9").contains(c) || (c == "." && i + 1 < s.count && ("0" ... "9").contains(s[i + 1])) {
        var j = i
        while j < s.count && (("0" ... "9").contains(s[j]) || s[j] == "." || s[j] == "e" || s[j] == "E"
          || ((s[j] == "-" || s[j] == "+") && (s[j - 1] == "e" || s[j - 1] == "E")))
        {
          j += 1
        }
        let literal = String(String.UnicodeScalarView(s[i ..< j]))
        guard let x = Double(literal) else { throw .init(message: "'\(literal)' at position \(i + 1) is not a number") }
        out.append((.number(x), i))
        i = j
      } else if isWordStart(c) {
        var j = i
        while j < s.count && isWord(s[j]) { j += 1 }
        out.append((.word(String(String.UnicodeScalarView(s[i ..< j]))), i))
        i = j
      } else {
        let two = i + 1 < s.count ? String(String.UnicodeScalarView([c, s[i + 1]])) : ""
        if ["<=", ">=", "<>", "!=", "=="].contains(two) {
          out.append((.symbol(two), i))
          i += 2
        } else if "=<>(),-".unicodeScalars.contains(c) {
          out.append((.symbol(String(c)), i))
          i += 1
        } else {
          throw .init(message: "unexpected '\(c)' at position \(i + 1)")
        }
      }
    }
    return out
  }

  func unexpected(_ what: String) -> SQLPredicate.Problem {
    guard i < tokens.count else { return .init(message: "the filter ends where \(what) was expected") }
    return .init(message: "expected \(what) at position \(tokens[i].1 + 1) of the filter")
  }

  mutating func keyword(_ word: String) -> Bool {
    guard i < tokens.count, case .word(let w) = tokens[i].0, w.uppercased() == word else { return false }
    i += 1
    return true
  }

  mutating func symbol(_ s: String) -> Bool {
    guard i < tokens.count, tokens[i].0 == .symbol(s) else { return false }
    i += 1
    return true
  }

  mutating func parseOr() throws(SQLPredicate.Problem) -> SQLPredicate {
    var left = try parseAnd()
    while keyword("OR") { left = .or(left, try parseAnd()) }
    return left
  }

  mutating func parseAnd() throws(SQLPredicate.Problem) -> SQLPredicate {
    var left = try parseNot()
    while keyword("AND") { left = .and(left, try parseNot()) }
    return left
  }

  mutating func parseNot() throws(SQLPredicate.Problem) -> SQLPredicate {
    if keyword("NOT") { return .not(try parseNot()) }
    if symbol("(") {
      let inner = try parseOr()
      guard symbol(")") else { throw unexpected("')'") }
      return inner
    }
    if keyword("TRUE") { return .literal(true) }
    if keyword("FALSE") { return .literal(false) }
    return try parseComparison()
  }

  mutating func parseComparison() throws(SQLPredicate.Problem) -> SQLPredicate {
    let left = try parseOperand()
    if keyword("IS") {
      let negated = keyword("NOT")
      guard keyword("NULL") else { throw unexpected("NULL after IS") }
      return .isNull(left, negated: negated)
    }
    let negated = keyword("NOT")
    if keyword("IN") {
      guard symbol("(") else { throw unexpected("'(' after IN") }
      var list = [try parseOperand()]
      while symbol(",") { list.append(try parseOperand()) }
      guard symbol(")") else { throw unexpected("')' after the list") }
      return .inList(left, list, negated: negated)
    }
    if keyword("BETWEEN") {
      let low = try parseOperand()
      guard keyword("AND") else { throw unexpected("AND between the bounds") }
      return .between(left, low, try parseOperand(), negated: negated)
    }
    if keyword("LIKE") {
      guard i < tokens.count, case .string(let pattern) = tokens[i].0 else { throw unexpected("a quoted pattern after LIKE") }
      i += 1
      return .like(left, pattern, negated: negated)
    }
    if negated { throw unexpected("IN, BETWEEN or LIKE after NOT") }
    guard i < tokens.count, case .symbol(let s) = tokens[i].0 else { throw unexpected("a comparison (=, <>, <, >, IS NULL, IN ...)") }
    let op: SQLPredicate.Comparison
    switch s {
    case "=", "==": op = .equal
    case "!=", "<>": op = .notEqual
    case "<": op = .less
    case "<=": op = .lessOrEqual
    case ">": op = .greater
    case ">=": op = .greaterOrEqual
    default: throw unexpected("a comparison (=, <>, <, >, IS NULL, IN ...)")
    }
    i += 1
    return .compare(left, op, try parseOperand())
  }

  mutating func parseOperand() throws(SQLPredicate.Problem) -> SQLOperand {
    guard i < tokens.count else { throw unexpected("a column or a value") }
    let (token, _) = tokens[i]
    switch token {
    case .number(let x):
      i += 1
      return .number(x)
    case .symbol("-"):
      i += 1
      guard i < tokens.count, case .number(let x) = tokens[i].0 else { throw unexpected("a number after '-'") }
      i += 1
      return .number(-x)
    case .string(let s):
      i += 1
      return .string(s)
    case .quotedName(let name):
      i += 1
      return .column(name)
    case .word(let w):
      if w.uppercased() == "NULL" {
        i += 1
        return .null
      }
      let reserved: Set<String> = ["AND", "OR", "NOT", "IS", "IN", "BETWEEN", "LIKE", "TRUE", "FALSE"]
      guard !reserved.contains(w.uppercased()) else { throw unexpected("a column or a value") }
      i += 1
      if i < tokens.count, tokens[i].0 == .symbol("(") {
        i -= 1
        throw .init(message: "\(w)(...) at position \(tokens[i].1 + 1): functions are not supported in where clauses yet")
      }
      return .column(w)
    default:
      throw unexpected("a column or a value")
    }
  }
}
