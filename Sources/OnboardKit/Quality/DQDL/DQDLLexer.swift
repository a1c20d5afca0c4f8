/// Splits a DQDL document into tokens, following the lexical rules of the public grammar
/// (`awslabs/dqdl`, `CommonLexerRules.g4`): whitespace and `#` comments are skipped, strings are
/// double-quoted with `\"` and `\\` escapes, words are `[A-Za-z0-9_.]+`. Unlike that grammar, a
/// carriage return counts as whitespace, so documents with CRLF line endings read as they look,
/// and a comment may end the document without a newline.
public enum DQDLLexer {
  public static func tokens(_ text: String, file: String = "rules") throws -> [DQDLToken] {
    var tokens: [DQDLToken] = []
    let scalars = Array(text.unicodeScalars)
    var i = 0
    var line = 1
    var lineStart = 0
    func location(_ at: Int, line: Int, lineStart: Int) -> RecipeLocation {
      RecipeLocation(file: file, line: line, column: at - lineStart + 1)
    }
    while i < scalars.count {
      let c = scalars[i]
      if c == "\n" {
        i += 1
        line += 1
        lineStart = i
        continue
      }
      if c == " " || c == "\t" || c == "\r" {
        i += 1
        continue
      }
      if c == "#" {
        while i < scalars.count && scalars[i] != "\n" { i += 1 }
        continue
      }
      let column = i - lineStart + 1
      let (startLine, startColumn) = (line, column)
      if c == "\"" {
        var value = String.UnicodeScalarView()
        var j = i + 1
        var closed = false
        while j < scalars.count {
          let d = scalars[j]
          if d == "\\" && j + 1 < scalars.count && (scalars[j + 1] == "\"" || scalars[j + 1] == "\\") {
            value.append(scalars[j + 1])
            j += 2
            continue
          }
          if d == "\"" {
            closed = true
            break
          }
          if d == "\n" {
            line += 1
            lineStart = j + 1
          }
          value.append(d)
          j += 1
        }
        guard closed else {
          throw DQDLError(
            "unterminated-string", "a string opened here is never closed", at: RecipeLocation(file: file, line: startLine, column: startColumn),
            fix: "end the string with \"; write a quote inside it as \\\"")
        }
        tokens.append(DQDLToken(.string(String(value)), line: startLine, column: startColumn, span: i ..< j + 1))
        i = j + 1
        continue
      }
      if isWordScalar(c) {
        var j = i
        while j < scalars.count && isWordScalar(scalars[j]) { j += 1 }
        let word = String(String.UnicodeScalarView(scalars[i ..< j]))
        tokens.append(DQDLToken(isNumber(word) ? .number(word) : .word(word), line: startLine, column: startColumn, span: i ..< j))
        i = j
        continue
      }
      let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
      let symbol: DQDLToken.Symbol?
      var length = 1
      switch c {
      case "!" where next == "=": (symbol, length) = (.notEqual, 2)
      case ">" where next == "=": (symbol, length) = (.greaterOrEqual, 2)
      case "<" where next == "=": (symbol, length) = (.lessOrEqual, 2)
      default: symbol = DQDLToken.Symbol(rawValue: String(c))
      }
      guard let symbol else {
        let here = location(i, line: line, lineStart: lineStart)
        let fix: String
        switch c {
        case "'", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}": fix = "DQDL strings take straight double quotes: \"like this\""
        case "!": fix = "write 'not equal' as != (DQDL has no other use of !)"
        case "&", "|": fix = "join rules with the words and / or, each rule in parentheses"
        default: fix = "remove it, or put it inside a double-quoted string"
        }
        throw DQDLError("unexpected-character", "unexpected character '\(c)'", at: here, fix: fix)
      }
      tokens.append(DQDLToken(.symbol(symbol), line: startLine, column: startColumn, span: i ..< i + length))
      i += length
    }
    tokens.append(DQDLToken(.end, line: line, column: i - lineStart + 1, span: i ..< i))
    return tokens
  }

  static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "a" ... "z", "A" ... "Z", "0" ... "9", "_", ".": true
    default: false
    }
  }

  /// Digits, or digits, one point, digits: the grammar's INT and DECIMAL.
  static func isNumber(_ word: String) -> Bool {
    let parts = word.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2 else { return false }
    return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
  }
}
