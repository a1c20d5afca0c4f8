/// A token of a DQDL document, with the line and column (1-based, in Unicode scalars) where it
/// starts.
///
/// Words are not split into keywords here: `and`, `between`, `with`, rule types and bare column
/// names are all `.word`, and the parser decides by position, as DQDL's grammar does (`and` is a
/// connector between rules and also between a rule's parameters).
public struct DQDLToken: Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    /// `[A-Za-z0-9_.]+` that is not a number: rule types, keywords, bare column names, tags.
    case word(String)
    /// A double-quoted string, its `\"` and `\\` escapes resolved. Dates (`"2024-01-31"`) and
    /// times (`"9:30 AM"`, `"17:45"`) are strings too, read as such where a condition takes them.
    case string(String)
    /// Digits, with at most one point between digits (`12`, `0.95`); no sign, no exponent.
    case number(String)
    case symbol(Symbol)
    case end
  }

  public enum Symbol: String, Sendable, CaseIterable {
    case equal = "=", notEqual = "!=", greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<="
    case openBracket = "[", closeBracket = "]", openParen = "(", closeParen = ")", openBrace = "{", closeBrace = "}"
    case comma = ",", colon = ":", dollar = "$", plus = "+", minus = "-", times = "*", divide = "/"
  }

  public var kind: Kind
  public var line: Int
  public var column: Int
  /// Where the token lies in the document, in Unicode scalars: a rule's text as written is the
  /// span from its first token to its last.
  public var span: Range<Int>

  public init(_ kind: Kind, line: Int, column: Int, span: Range<Int> = 0 ..< 0) {
    self.kind = kind
    self.line = line
    self.column = column
    self.span = span
  }

  /// How the token reads in an error message.
  public var shown: String {
    switch kind {
    case .word(let w): "'\(w)'"
    case .string(let s): "the string \"\(s)\""
    case .number(let n): "the number \(n)"
    case .symbol(let s): "'\(s.rawValue)'"
    case .end: "the end of the document"
    }
  }
}
