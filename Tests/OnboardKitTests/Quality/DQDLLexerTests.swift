import Testing

@testable import OnboardKit

/// DQDL's lexical rules (`awslabs/dqdl` CommonLexerRules.g4), with where each token starts.
@Suite struct DQDLLexerTests {
  static func kinds(_ text: String) throws -> [DQDLToken.Kind] { try DQDLLexer.tokens(text).map(\.kind) }

  @Test func aRuleSet() throws {
    let text = """
      Rules = [
        RowCount between 10 and 20,   # a comment
        ColumnValues "credit_amount" <= 18424.5 with threshold > 0.95,
        (IsComplete "age") or (Completeness of status != -1)
      ]
      """
    #expect(try Self.kinds(text) == [
      .word("Rules"), .symbol(.equal), .symbol(.openBracket),
      .word("RowCount"), .word("between"), .number("10"), .word("and"), .number("20"), .symbol(.comma),
      .word("ColumnValues"), .string("credit_amount"), .symbol(.lessOrEqual), .number("18424.5"), .word("with"), .word("threshold"),
      .symbol(.greater), .number("0.95"), .symbol(.comma),
      .symbol(.openParen), .word("IsComplete"), .string("age"), .symbol(.closeParen), .word("or"),
      .symbol(.openParen), .word("Completeness"), .word("of"), .word("status"), .symbol(.notEqual), .symbol(.minus), .number("1"),
      .symbol(.closeParen),
      .symbol(.closeBracket), .end,
    ])
    let tokens = try DQDLLexer.tokens(text)
    // "ColumnValues" starts line 3, column 3; the string after it at column 16.
    #expect(tokens[9].line == 3 && tokens[9].column == 3)
    #expect(tokens[10].line == 3 && tokens[10].column == 16)
  }

  /// CRLF files read as LF files, with the same lines and columns; a final comment needs no newline.
  @Test func crlfAndFinalComment() throws {
    let lf = "Rules = [\n  RowCount > 0\n]\n# last line, no newline"
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    let a = try DQDLLexer.tokens(lf), b = try DQDLLexer.tokens(crlf)
    #expect(a.map(\.kind) == b.map(\.kind))
    #expect(a.dropLast().map(\.line) == b.dropLast().map(\.line))
    #expect(a.dropLast().map(\.column) == b.dropLast().map(\.column))
  }

  @Test func stringsAndWords() throws {
    #expect(try Self.kinds(#""a \"quoted\" \\ word" "2024-01-31" "9:30 AM""#) == [
      .string(#"a "quoted" \ word"#), .string("2024-01-31"), .string("9:30 AM"), .end,
    ])
    // Numbers are digits with at most one point between digits; anything else of word bytes is a word.
    #expect(try Self.kinds("12 0.5 1.2.3 col.name _x 3days") == [
      .number("12"), .number("0.5"), .word("1.2.3"), .word("col.name"), .word("_x"), .word("3days"), .end,
    ])
    #expect(try Self.kinds("now() $var >= !=") == [
      .word("now"), .symbol(.openParen), .symbol(.closeParen), .symbol(.dollar), .word("var"), .symbol(.greaterOrEqual),
      .symbol(.notEqual), .end,
    ])
  }

  @Test func errorsSayWhereAndHowToFix() {
    #expect(throws: DQDLError(
      "unterminated-string", "a string opened here is never closed", at: RecipeLocation(file: "rules", line: 2, column: 14),
      fix: "end the string with \"; write a quote inside it as \\\"")
    ) { try DQDLLexer.tokens("Rules = [\n  IsComplete \"age\n]") }
    do {
      _ = try DQDLLexer.tokens("Rules = [ IsComplete 'age' ]")
      Issue.record("a single quote lexed")
    } catch let error as DQDLError {
      #expect(error.code == "unexpected-character")
      #expect(error.location == RecipeLocation(file: "rules", line: 1, column: 22))
      #expect(error.fix?.contains("double quotes") == true)
    } catch {
      Issue.record("\(error)")
    }
    #expect(throws: DQDLError.self) { try DQDLLexer.tokens("RowCount ! 3") }
  }
}
