import Testing

@testable import OnboardKit

/// DQDL documents after the public grammar (`awslabs/dqdl`), and the checks its parser makes.
@Suite struct DQDLParserTests {
  static func rules(_ body: String) throws -> [DQDLRuleNode] { try DQDLParser.parse("Rules = [\n\(body)\n]").rules }
  static func rule(_ text: String) throws -> DQDLRule {
    let nodes = try rules(text)
    guard nodes.count == 1, case .rule(let r) = nodes[0].kind else { throw DQDLError("test", "not one rule", at: .init(file: "", line: 0, column: 0)) }
    return r
  }

  /// The parse of `text` fails with `code`, at `line`:`column`.
  static func fails(_ text: String, _ code: String, line: Int, column: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
      _ = try DQDLParser.parse(text)
      Issue.record("parsed: \(text)", sourceLocation: sourceLocation)
    } catch let error as DQDLError {
      #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
      #expect(error.location.line == line && error.location.column == column, "\(error)", sourceLocation: sourceLocation)
      #expect(error.fix != nil, "\(error) has no fix", sourceLocation: sourceLocation)
    } catch {
      Issue.record("\(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func wholeDocument() throws {
    let text = """
      Metadata = { "Version": "1.0" }
      DataSources = { "Primary": "orders", "AdditionalDataSources": ["customers", "ref"] }
      statuses = ["open", "closed"]
      threshold_col = "amount"
      DefaultLabels = ["team"="credit", "tier"="gold"]
      Rules = [
        RowCount between 10 and 20,
        ColumnValues "status" in $statuses labels=["severity"="high"],
        Mean $threshold_col > 100
      ]
      Analyzers = [ RowCount, Completeness "status", AllStatistics "amount" ]
      """
    let d = try DQDLParser.parse(text, file: "gate.dqdl")
    #expect(d.version == "1.0")
    #expect(d.primarySource == "orders" && d.additionalSources == ["customers", "ref"])
    #expect(d.variables == ["statuses": .list(["open", "closed"]), "threshold_col": .string("amount")])
    #expect(d.defaultLabels == [DQDLLabel("team", "credit"), DQDLLabel("tier", "gold")])
    #expect(d.rules.map(\.text) == [
      "RowCount between 10 and 20", #"ColumnValues "status" in $statuses labels=["severity"="high"]"#, "Mean $threshold_col > 100",
    ])
    #expect(d.rules[1].labels == [DQDLLabel("severity", "high")])
    #expect(d.rules[1].rules[0].condition == DQDLCondition(.in, [.string("open"), .string("closed")]))
    #expect(d.rules[2].rules[0].parameters == ["amount"])
    #expect(d.rules[0].location == RecipeLocation(file: "gate.dqdl", line: 7, column: 3))
    #expect(d.analyzers.map(\.type.name) == ["RowCount", "Completeness", "AllStatistics"])
  }

  /// `and` binds tighter than `or`, as in the grammar (earlier alternative, higher precedence).
  @Test func andBindsTighterThanOr() throws {
    let node = try Self.rules(#"(IsComplete "a") or (IsComplete "b") and (IsComplete "c")"#)[0]
    guard case .any(let anyOf) = node.kind, anyOf.count == 2, case .all(let allOf) = anyOf[1].kind else {
      Issue.record("\(node.kind)")
      return
    }
    #expect(anyOf[0].text == #"(IsComplete "a")"#)
    #expect(allOf.map(\.text) == [#"(IsComplete "b")"#, #"(IsComplete "c")"#])
    #expect(anyOf[1].text == #"(IsComplete "b") and (IsComplete "c")"#)
    // Parentheses group, and a parenthesised composite takes labels.
    let grouped = try Self.rules(#"((IsComplete "a") or (IsComplete "b")) and (RowCount > 0) labels=["k"="v"]"#)[0]
    guard case .all(let parts) = grouped.kind, case .any = parts[0].kind else {
      Issue.record("\(grouped.kind)")
      return
    }
    #expect(parts[1].labels == [DQDLLabel("k", "v")])
    // Without parentheses too (AWS asks for them; the grammar does not).
    let bare = try Self.rules(#"IsComplete "a" and IsComplete "b" or RowCount > 1"#)[0]
    guard case .any(let sides) = bare.kind, case .all(let left) = sides[0].kind else {
      Issue.record("\(bare.kind)")
      return
    }
    #expect(left.map(\.text) == [#"IsComplete "a""#, #"IsComplete "b""#])
  }

  /// `of` and `and` between parameters; bare column names; variadic and overloaded rule types.
  @Test func parameters() throws {
    #expect(try Self.rule(#"ColumnCorrelation of col_1 and "col abc" > 0.8"#).parameters == ["col_1", "col abc"])
    #expect(try Self.rule(#"DetectAnomalies of Completeness of "colA""#).parameters == ["Completeness", "colA"])
    #expect(try Self.rule(#"IsPrimaryKey "a" "b" "c""#).parameters == ["a", "b", "c"])
    #expect(try Self.rule(#"DatasetMatch "ref" "id1->id2" "amt1->amt2" >= 0.9"#).parameters.count == 3)
    #expect(try Self.rule("DuplicateRowCount = 0").parameters.isEmpty)
    #expect(try Self.rule("Completeness of status >= 0.5").parameters == ["status"])
    Self.fails("Rules = [ ColumnCorrelation \"a\" > 0.5 ]", "parameter-count", line: 1, column: 11)
    Self.fails("Rules = [ RowCount \"a\" > 0.5 ]", "parameter-count", line: 1, column: 11)
  }

  @Test func conditions() throws {
    func condition(_ text: String) throws -> DQDLCondition? { try Self.rule(text).condition }
    #expect(try condition("RowCount not between 1 and 5") == DQDLCondition(.notBetween, [.number(1), .number(5)]))
    #expect(try condition("Mean \"x\" != -1.5") == DQDLCondition(.notEqual, [.number(-1.5)]))
    #expect(try condition(#"ColumnValues "c" not in ["a", NULL, EMPTY, WHITESPACES_ONLY]"#)
      == DQDLCondition(.notIn, [.string("a"), .null, .empty, .whitespacesOnly]))
    #expect(try condition(#"ColumnValues "c" in [1, 2.5, -3]"#) == DQDLCondition(.in, [.number(1), .number(2.5), .number(-3)]))
    #expect(try condition(#"ColumnValues "c" matches "[a-z]+\"x""#) == DQDLCondition(.matches, [.string(#"[a-z]+"x"#)]))
    #expect(try condition(#"ColumnValues "c" not matches "x""#)?.op == .notMatches)
    // Dates, now() and its arithmetic; times of day.
    #expect(try condition(#"ColumnValues "d" between "2024-01-01" and now()"#)
      == DQDLCondition(.between, [.date(days: 19723, text: "2024-01-01"), .now]))
    #expect(try condition(#"ColumnValues "d" > (now() - 3 days)"#)
      == DQDLCondition(.greater, [.arithmetic(.minus, .now, .duration(seconds: 259_200, text: "3 days"))]))
    #expect(try condition(#"ColumnValues "d" < "9:30 PM""#) == DQDLCondition(.less, [.timeOfDay(minutes: 21 * 60 + 30, text: "9:30 PM")]))
    // Durations and sizes.
    #expect(try condition(#"DataFreshness "d" between 2 days and 90 minutes"#)
      == DQDLCondition(.between, [.duration(seconds: 172_800, text: "2 days"), .duration(seconds: 5400, text: "90 minutes")]))
    #expect(try condition(#"FileSize "data/" < 5 MB"#) == DQDLCondition(.less, [.size(bytes: 5 << 20, text: "5 MB")]))
    #expect(try condition("FileSize > 1024") == DQDLCondition(.greater, [.number(1024)]))
    // Arithmetic is left to right with equal precedence: 1 + 2 * 3 is (1 + 2) * 3.
    #expect(try condition("RowCount > 1 + 2 * 3")
      == DQDLCondition(.greater, [.arithmetic(.times, .arithmetic(.plus, .number(1), .number(2)), .number(3))]))
  }

  /// Conditions on the metric's history, and their functions.
  @Test func dynamicConditions() throws {
    let c = try Self.rule(#"Completeness "c" between min(last(5)) - 1 and max(last(5)) + 1"#).condition!
    #expect(c.isDynamic)
    #expect(c.operands[0] == .arithmetic(.minus, .call("min", [.call("last", [.number(5)])]), .number(1)))
    #expect(try Self.rule("RowCount > avg(last(10))").condition!.isDynamic)
    #expect(try Self.rule("RowCount > index(last(3), 1)").condition!.operands[0] == .call("index", [.call("last", [.number(3)]), .number(1)]))
    #expect(try !Self.rule("RowCount > 10").condition!.isDynamic)
  }

  @Test func clausesAndTags() throws {
    let r = try Self.rule(
      #"ColumnValues "age" > 18 where "country = 'DE'" with threshold >= 0.9 labels=["owner"="risk"] with ignoreCase = "true""#)
    #expect(r.whereClause == "country = 'DE'")
    #expect(r.threshold == DQDLCondition(.greaterOrEqual, [.number(0.9)]))
    #expect(r.tags == ["ignoreCase": "true"])
    let f = try Self.rule(#"FileFreshness "data/" > (now() - 24 hours) with timeZone = "Europe/Berlin" with recentFiles = 1"#)
    #expect(f.tags == ["timeZone": "Europe/Berlin", "recentFiles": "1"])
    // `with` is lower case only, as in the grammar; the tag name is not case sensitive.
    Self.fails("Rules = [ ColumnValues \"a\" > 1 WITH threshold > 0.5 ]", "syntax", line: 1, column: 32)
    #expect(try Self.rule("ColumnValues \"a\" > 1 with Threshold > 0.5").threshold == DQDLCondition(.greater, [.number(0.5)]))
  }

  /// CRLF line endings read as LF ones, comments included.
  @Test func crlf() throws {
    let lf = "# gate\nRules = [\n  RowCount > 0, # rows\n  IsComplete \"id\"\n]\n"
    let a = try DQDLParser.parse(lf)
    let b = try DQDLParser.parse(lf.replacingOccurrences(of: "\n", with: "\r\n"))
    #expect(a.rules.map(\.text) == b.rules.map(\.text))
    #expect(a.rules.map(\.location) == b.rules.map(\.location))
  }

  /// Every mistake says where, what was expected, and how to fix it.
  @Test func errors() {
    Self.fails("Rules = [ IsComplete \"a\" > 0.5 ]", "unexpected-condition", line: 1, column: 26)
    Self.fails("Rules = [ Completness \"a\" > 0.5 ]", "unknown-rule-type", line: 1, column: 11)
    Self.fails("Rules = [ Completeness \"a\" ]", "syntax", line: 1, column: 28)
    Self.fails("Rules = [ RowCount > 0, ]", "trailing-comma", line: 1, column: 23)
    Self.fails("Rules = [ RowCount > 0\n  RowCount < 9 ]", "syntax", line: 2, column: 3)
    Self.fails("Rules = [ Mean \"a\" > 1 with threshold > 0.5 ]", "threshold-unsupported", line: 1, column: 29)
    Self.fails("Rules = [ ColumnValues \"a\" > 1 with threshold > 0.5 with threshold > 0.6 ]", "threshold-twice", line: 1, column: 58)
    Self.fails("Rules = [ ColumnValues \"a\" > 1 with ignoreCase > 1 ]", "tag-operator", line: 1, column: 48)
    Self.fails("Rules = [ RowCount > 0 where \"\" ]", "where-empty", line: 1, column: 24)
    Self.fails("Rules = [ ColumnCount > 0 where \"a > 1\" ]", "where-unsupported", line: 1, column: 27)
    Self.fails("Rules = [ ColumnValues \"a\" in $nope ]", "undefined-variable", line: 1, column: 31)
    Self.fails("Rules = [ Mean \"a\" matches \"x\" ]", "condition-type", line: 1, column: 20)
    Self.fails("Rules = [ Mean \"a\" > \"x\" ]", "condition-type", line: 1, column: 20)
    Self.fails("Rules = [ DataFreshness \"a\" < 3 ]", "condition-type", line: 1, column: 29)
    Self.fails("Rules = [ ColumnValues \"a\" > \"x\" ]", "condition-type", line: 1, column: 28)
    Self.fails("Rules = [ RowCount > 0 labels=[] ]", "labels-empty", line: 1, column: 24)
    Self.fails("Rules = [ RowCount > 0 labels=[\"a\"=\"1\", \"a\"=\"2\"] ]", "label-duplicate", line: 1, column: 24)
    Self.fails("Rules = [ AllStatistics \"a\" ]", "analyzer-only", line: 1, column: 11)
    Self.fails("Analyzers = [ IsComplete \"a\" ]", "analyzer-boolean", line: 1, column: 15)
    Self.fails("Rules = [ ]", "no-rules", line: 1, column: 12)
    Self.fails("Metadata = { \"Owner\": \"x\" }\nRules = [ RowCount > 0 ]", "metadata-key", line: 1, column: 14)
    Self.fails("Rules = [ RowCount > 0 ]\nMetadata = { \"Version\": \"1.0\" }", "section-order", line: 2, column: 1)
    Self.fails("_x = \"a\"\nRules = [ RowCount > 0 ]", "variable-name", line: 1, column: 1)
    Self.fails("Rules = [ (RowCount > 0 ]", "syntax", line: 1, column: 25)
    Self.fails("Rules = [ RowCount > 0 ] Rules = [ RowCount > 1 ]", "section-order", line: 1, column: 26)
    let labels = (1 ... 11).map { "\"k\($0)\"=\"v\"" }.joined(separator: ", ")
    Self.fails("Rules = [ RowCount > 0 labels=[\(labels)] ]", "too-many-labels", line: 1, column: 11)
  }

  @Test func messagesReadWell() throws {
    do {
      _ = try DQDLParser.parse("Rules = [\n  Completeness \"a\"\n]", file: "gate.dqdl")
    } catch let e as DQDLError {
      #expect(e.description == """
        gate.dqdl:3:1: error: expected a condition after Completeness, such as > 0.9 or between 1 and 10, found ']' [syntax]
          fix: add the condition the rule must meet
        """)
    }
  }
}
