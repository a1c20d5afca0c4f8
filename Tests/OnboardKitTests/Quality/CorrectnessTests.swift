import Foundation
import Testing

@testable import OnboardKit

/// Declared column domains (`allowed`, `range`, `pattern`, `length`) and the correctness tally:
/// recipe errors with their line, each reason on hand-checked values, the tally's merge law, and
/// the counts against DuckDB SQL on a generated file (`scripts/oracle_domain.py`).
@Suite struct CorrectnessTests {
  // MARK: - Reading the recipe

  static let head = "product: {name: p}\nsource: {path: data.csv}\ncolumns:\n  x:\n"
  static let tail = "target: {path: out}\n"

  /// A recipe whose column `x` has the entry `lines` (each indented under `x:`, from line 5).
  static func recipe(_ lines: [String]) -> String {
    head + lines.map { "    \($0)\n" }.joined() + tail
  }

  /// The domain of `x` written as one flow mapping, e.g. `{type: int, range: {min: 18}}`.
  static func domain(_ flow: String) throws -> ColumnDomain {
    let recipe = try Recipe.parse(head.replacingOccurrences(of: "  x:\n", with: "  x: \(flow)\n") + tail, file: "r.yaml")
    let spec = try #require(recipe.columns.first)
    // A declared type alone checks the type (what `Recipe.plannedDomains` gives such a column).
    return try spec.domain ?? ColumnDomain(column: spec.name, type: #require(spec.type))
  }

  struct ErrorCase: CustomTestStringConvertible, Sendable {
    var lines: [String]
    var code: String
    var line: Int
    var fix: String
    var testDescription: String { code + ": " + lines.joined(separator: "; ") }
  }

  static let errorCases: [ErrorCase] = [
    ErrorCase(lines: ["type: int", "allowd: [1, 2]"], code: "unknown-key", line: 6, fix: "did you mean 'allowed'?"),
    ErrorCase(lines: ["range: {minimum: 1}"], code: "unknown-key", line: 5, fix: "allowed here: min, max"),
    ErrorCase(lines: ["range: {}"], code: "missing-key", line: 5, fix: "range: {min: 18, max: 100}"),
    ErrorCase(lines: ["type: int", "range: {min: 10, max: 5}"], code: "invalid-range", line: 6, fix: "swap them"),
    ErrorCase(lines: ["range: {min: 1, max: 2024-01-01}"], code: "invalid-range", line: 5, fix: "both as dates"),
    ErrorCase(lines: ["range: {min: ten}"], code: "invalid-bound", line: 5, fix: "write a number"),
    ErrorCase(lines: ["pattern: '[A-Z'"], code: "invalid-pattern", line: 5, fix: "escape special characters"),
    ErrorCase(lines: ["pattern: 'a)(b'"], code: "invalid-pattern", line: 5, fix: "escape special characters"),
    ErrorCase(lines: ["pattern: ''"], code: "invalid-pattern", line: 5, fix: "the whole value must match"),
    ErrorCase(lines: ["description: d", "type: string", "range: {min: 1}"], code: "domain-type-mismatch", line: 7, fix: "cast the column"),
    ErrorCase(lines: ["type: int", "range: {min: 2020-01-01}"], code: "domain-type-mismatch", line: 6, fix: "as numbers"),
    ErrorCase(lines: ["type: date", "range: {max: 2030}"], code: "domain-type-mismatch", line: 6, fix: "as ISO dates"),
    ErrorCase(lines: ["allowed: []"], code: "empty-allowed", line: 5, fix: "list the allowed values"),
    ErrorCase(lines: ["type: int", "allowed: [1, two]"], code: "domain-type-mismatch", line: 6, fix: "e.g. 42"),
    ErrorCase(lines: ["length: {min: 5, max: 2}"], code: "invalid-length", line: 5, fix: "swap them"),
    ErrorCase(lines: ["length: {min: -1}"], code: "invalid-length", line: 5, fix: "0 or more"),
    ErrorCase(lines: ["length: {max: many}"], code: "wrong-type", line: 5, fix: ""),
  ]

  @Test(arguments: errorCases) func recipeErrorsNameTheLine(_ c: ErrorCase) throws {
    let error = try #require(RecipeTests.parseError(Self.recipe(c.lines)))
    #expect(error.code == c.code)
    #expect(error.location.line == c.line)
    if !c.fix.isEmpty { #expect((error.fix ?? "").contains(c.fix), "\(error)") }
  }

  @Test func theIssueExampleParses() throws {
    let yaml = """
      product: {name: p}
      source: {path: data.csv}
      columns:
        age_in_years:
          type: int
          range: {min: 18, max: 100}
        credit_risk:
          allowed: [good, bad]
        iban:
          pattern: '[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}'
          length: {min: 15, max: 34}
        plain: {description: no domain}
      target: {path: out}

      """
    let columns = try Recipe.parse(yaml, file: "r.yaml").columns
    let age = try #require(columns[0].domain)
    #expect(age.type == .integer)
    #expect(age.minimum?.text == "18" && age.maximum?.text == "100")
    #expect(columns[1].domain?.allowed == ["good", "bad"])
    #expect(columns[1].domain?.type == nil)
    #expect(columns[2].domain?.pattern == "[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")
    #expect(columns[2].domain?.minimumLength == 15 && columns[2].domain?.maximumLength == 34)
    #expect(columns[3].domain == nil)
  }

  /// Without a declared type, the planned one decides: a range on a column the steps leave as
  /// text fails before any row is read, at the `range` line.
  @Test func aRangeOnAPlannedTextColumnIsRefused() throws {
    let yaml = Self.recipe(["range: {min: 1}"])
    let error = try #require(RecipeTests.check(yaml, target: Schema([Field(name: "x", type: .string)])))
    #expect(error.code == "domain-type-mismatch")
    #expect(error.location.line == 5)
    #expect(error.column == "x")
    let recipe = try Recipe.parse(yaml, file: "r.yaml")
    _ = try Pipeline.checkColumns(recipe, against: Schema([Field(name: "x", type: .integer)]))
    let planned = try recipe.plannedDomains(for: Schema([Field(name: "y", type: .string), Field(name: "x", type: .bigint)]))
    #expect(planned[0] == nil)
    #expect(planned[1]?.type == .bigint)
  }

  // MARK: - One value

  static func reason(_ domain: ColumnDomain, _ text: String) -> DomainReason? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
      let value = UnsafeBufferPointer(buffer)
      return domain.violation(value, ValueParser.parse(value))
    }
  }

  struct ValueCase: CustomTestStringConvertible, Sendable {
    var domain: String
    var value: String
    var expected: DomainReason?
    var testDescription: String { "\(domain) '\(value)' → \(expected?.code ?? "valid")" }
  }

  static let valueCases: [ValueCase] = [
    // Integer range, inclusive, and values that are not 32-bit integers.
    .init(domain: "{type: int, range: {min: 18, max: 100}}", value: "18", expected: nil),
    .init(domain: "{type: int, range: {min: 18, max: 100}}", value: "100", expected: nil),
    .init(domain: "{type: int, range: {min: 18, max: 100}}", value: "17", expected: .belowMinimum),
    .init(domain: "{type: int, range: {min: 18, max: 100}}", value: "-18", expected: .belowMinimum),
    .init(domain: "{type: int, range: {min: 18, max: 100}}", value: "101", expected: .aboveMaximum),
    .init(domain: "{type: int, range: {min: 18, max: 100}}", value: "abc", expected: .wrongType),
    .init(domain: "{type: int, range: {min: 18, max: 100}}", value: "30.5", expected: .wrongType),
    .init(domain: "{type: int, range: {min: 18, max: 100}}", value: "3000000000", expected: .wrongType),
    .init(domain: "{type: int, range: {min: 18, max: 100}}", value: "", expected: nil),
    .init(domain: "{type: int, range: {min: 18, max: 100}}", value: "NA", expected: nil),
    .init(domain: "{type: bigint, range: {max: 100}}", value: "3000000000", expected: .aboveMaximum),
    // Decimal bounds compare exactly; doubles as doubles.
    .init(domain: "{type: double, range: {min: 0.5, max: 99.5}}", value: "0.5", expected: nil),
    .init(domain: "{type: double, range: {min: 0.5, max: 99.5}}", value: "0.49", expected: .belowMinimum),
    .init(domain: "{type: double, range: {min: 0.5, max: 99.5}}", value: "99.50", expected: nil),
    .init(domain: "{type: double, range: {min: 0.5, max: 99.5}}", value: "99.51", expected: .aboveMaximum),
    .init(domain: "{type: double, range: {min: 0.5, max: 99.5}}", value: "1e2", expected: .aboveMaximum),
    .init(domain: "{type: double, range: {min: 0.5, max: 99.5}}", value: "5e-1", expected: nil),
    .init(domain: "{type: double, range: {min: 0.1}}", value: "0.1", expected: nil),
    .init(domain: "{type: double, range: {min: 0.1}}", value: "0.09999999999999999", expected: .belowMinimum),
    .init(domain: "{type: 'decimal(5,2)'}", value: "123.45", expected: nil),
    .init(domain: "{type: 'decimal(5,2)'}", value: "999", expected: nil),
    .init(domain: "{type: 'decimal(5,2)'}", value: "1000", expected: .wrongType),
    .init(domain: "{type: 'decimal(5,2)'}", value: "1.234", expected: .wrongType),
    .init(domain: "{type: 'decimal(5,2)'}", value: "1e1", expected: .wrongType),
    // Numeric allowed values compare as numbers.
    .init(domain: "{type: double, allowed: [1, 2.5, 3]}", value: "1.0", expected: nil),
    .init(domain: "{type: double, allowed: [1, 2.5, 3]}", value: "2.50", expected: nil),
    .init(domain: "{type: double, allowed: [1, 2.5, 3]}", value: "3e0", expected: nil),
    .init(domain: "{type: double, allowed: [1, 2.5, 3]}", value: "2.4", expected: .notAllowed),
    .init(domain: "{type: double, allowed: [1, 2.5, 3]}", value: "x", expected: .wrongType),
    .init(domain: "{type: double, allowed: [1e3]}", value: "1000", expected: nil),
    .init(domain: "{type: int, allowed: [1, 2]}", value: "2", expected: nil),
    .init(domain: "{type: int, allowed: [1, 2]}", value: "3", expected: .notAllowed),
    // Text allowed values compare as bytes: case and spaces count.
    .init(domain: "{allowed: [good, bad]}", value: "good", expected: nil),
    .init(domain: "{allowed: [good, bad]}", value: "Good", expected: .notAllowed),
    .init(domain: "{allowed: [good, bad]}", value: "bad ", expected: .notAllowed),
    .init(domain: "{type: string, allowed: ['1', '2']}", value: "1.0", expected: .notAllowed),
    .init(domain: "{type: boolean, allowed: [true]}", value: "TRUE", expected: nil),
    .init(domain: "{type: boolean, allowed: [true]}", value: "false", expected: .notAllowed),
    // Dates and timestamps.
    .init(domain: "{type: date, range: {min: 2000-01-01, max: 2024-12-31}}", value: "2000-01-01", expected: nil),
    .init(domain: "{type: date, range: {min: 2000-01-01, max: 2024-12-31}}", value: "1999-12-31", expected: .belowMinimum),
    .init(domain: "{type: date, range: {min: 2000-01-01, max: 2024-12-31}}", value: "2025-01-01", expected: .aboveMaximum),
    .init(domain: "{type: date, range: {min: 2000-01-01, max: 2024-12-31}}", value: "2024-02-30", expected: .wrongType),
    .init(domain: "{type: date, range: {min: 2000-01-01, max: 2024-12-31}}", value: "2024-02-29", expected: nil),
    .init(domain: "{type: date, allowed: [2024-01-31]}", value: "2024-01-31", expected: nil),
    .init(domain: "{type: date, allowed: [2024-01-31]}", value: "2024-02-01", expected: .notAllowed),
    .init(domain: "{type: timestamp, range: {max: 2024-12-31}}", value: "2024-12-31 00:00:00", expected: nil),
    .init(domain: "{type: timestamp, range: {max: 2024-12-31}}", value: "2024-12-31T00:00:01Z", expected: .aboveMaximum),
    .init(domain: "{type: timestamp, range: {max: 2024-12-31}}", value: "2024-12-31T01:00:00+02:00", expected: nil),
    .init(domain: "{type: timestamp, range: {max: 2024-12-31}}", value: "2024-12-30", expected: nil),
    // Lengths count Unicode scalars, not bytes.
    .init(domain: "{length: {min: 2, max: 3}}", value: "é", expected: .tooShort),
    .init(domain: "{length: {min: 2, max: 3}}", value: "ab", expected: nil),
    .init(domain: "{length: {min: 2, max: 3}}", value: "日本語", expected: nil),
    .init(domain: "{length: {min: 2, max: 3}}", value: "日本語x", expected: .tooLong),
    .init(domain: "{length: {min: 2, max: 3}}", value: "👍🏽", expected: nil),
    .init(domain: "{length: {max: 0}}", value: "a", expected: .tooLong),
    .init(domain: "{type: int, length: {max: 2}}", value: "100", expected: .tooLong),
    // Patterns match the whole value.
    .init(domain: "{pattern: '[0-9]{3}'}", value: "123", expected: nil),
    .init(domain: "{pattern: '[0-9]{3}'}", value: "1234", expected: .patternMismatch),
    .init(domain: "{pattern: '[0-9]{3}'}", value: "a123", expected: .patternMismatch),
    .init(domain: "{pattern: 'a|ab'}", value: "ab", expected: nil),
    .init(domain: "{pattern: '\\p{Lu}+'}", value: "ÄÖ", expected: nil),
    .init(domain: "{pattern: '[a-z]+'}", value: "abc\n", expected: .patternMismatch),
    // The first reason that applies, in the order of `DomainReason`.
    .init(domain: "{type: int, allowed: [17, 50], range: {min: 18}}", value: "17", expected: .belowMinimum),
    .init(domain: "{type: int, allowed: [17, 50], range: {min: 18}}", value: "20", expected: .notAllowed),
    .init(domain: "{type: int, allowed: [17, 50], range: {min: 18}}", value: "x", expected: .wrongType),
    .init(domain: "{length: {max: 3}, pattern: '[a-z]+'}", value: "ABCD", expected: .tooLong),
    .init(domain: "{length: {max: 3}, pattern: '[a-z]+'}", value: "ABC", expected: .patternMismatch),
    // A range without a type: a value of another kind than the bounds is the wrong type.
    .init(domain: "{range: {min: 1}}", value: "one", expected: .wrongType),
    .init(domain: "{range: {min: 2000-01-01}}", value: "5", expected: .wrongType),
  ]

  @Test(arguments: valueCases) func eachReason(_ c: ValueCase) throws {
    #expect(Self.reason(try Self.domain(c.domain), c.value) == c.expected)
  }

  /// An untyped domain compares allowed values as bytes; planned as numbers, as numbers.
  @Test func plannedTypeDecidesHowAllowedValuesCompare() throws {
    let untyped = try Self.domain("{allowed: ['1', '2']}")
    #expect(Self.reason(untyped, "1.0") == .notAllowed)
    let planned = try untyped.planned(for: .double)
    #expect(Self.reason(planned, "1.0") == nil)
    #expect(Self.reason(planned, "one") == .wrongType)
    #expect(planned != untyped)
    #expect(try untyped.planned(for: .string) == untyped.planned(for: .string))
  }

  @Test func messagesNameTheDeclaration() throws {
    let age = try Self.domain("{type: int, range: {min: 18, max: 100}}")
    #expect(age.message(for: .belowMinimum) == "below the declared minimum 18")
    #expect(age.message(for: .aboveMaximum) == "above the declared maximum 100")
    #expect(age.message(for: .wrongType) == "not a valid int")
    let risk = try Self.domain("{allowed: [good, bad], pattern: '[a-z]+', length: {min: 3, max: 4}}")
    #expect(risk.message(for: .notAllowed) == "not one of the allowed values 'good', 'bad'")
    #expect(risk.message(for: .patternMismatch) == "does not match the declared pattern '[a-z]+'")
    #expect(risk.message(for: .tooShort) == "shorter than the declared minimum length 3")
    #expect(risk.message(for: .tooLong) == "longer than the declared maximum length 4")
  }

  @Test func reasonCodesAreStable() {
    #expect(DomainReason.allCases.map(\.code) == [
      "wrong_type", "not_allowed", "below_minimum", "above_maximum", "too_short", "too_long", "pattern_mismatch",
    ])
    #expect(DomainReason.allCases.sorted() == DomainReason.allCases)
  }

  // MARK: - The tally

  struct Observation {
    var reason: DomainReason
    var row: Int
    var value: String?
  }

  static func observations(_ n: Int, seed: UInt64) -> [Observation] {
    var rng = SplitMix64(seed: seed)
    var out: [Observation] = []
    for row in 1 ... n where rng.next() % 3 == 0 {
      let reason = DomainReason.allCases[Int(rng.next() % 4)]  // a few reasons, so each has many rows
      out.append(Observation(reason: reason, row: row, value: "v\(rng.next() % 100)"))
    }
    return out
  }

  static func tally(_ observations: some Sequence<Observation>, rowOffset: Int = 0) -> DomainTally {
    var tally = DomainTally()
    for o in observations {
      var bytes = Array((o.value ?? "").utf8)
      bytes.withUnsafeMutableBufferPointer { buffer in
        tally.observe(o.reason, row: o.row - rowOffset, value: o.value == nil ? nil : UnsafeBufferPointer(buffer))
      }
    }
    return tally
  }

  @Test(arguments: [0, 1, 37, 500, 999, 1000]) func mergeLaw(split: Int) {
    let all = Self.observations(1000, seed: 7)
    let a = all.filter { $0.row <= split }
    let b = all.filter { $0.row > split }
    let sequential = Self.tally(all)
    var merged = Self.tally(a)
    merged.merge(Self.tally(b))
    var mergedOtherWay = Self.tally(b)
    mergedOtherWay.merge(Self.tally(a))
    var appended = Self.tally(a)
    appended.append(Self.tally(b, rowOffset: split), rowOffset: split)
    #expect(merged == sequential)
    #expect(mergedOtherWay == sequential)
    #expect(appended == sequential)
    // Rows seen out of order keep the same first rows.
    #expect(Self.tally(all.reversed()) == sequential)
  }

  @Test func keepsTheFirstFiveRowsOfEachReason() throws {
    let all = Self.observations(1000, seed: 11)
    let result = Self.tally(all).result
    #expect(result.invalid == all.count)
    #expect(result.reasons.map(\.reason) == Array(Set(all.map(\.reason))).sorted())
    for reason in result.reasons {
      let rows = all.filter { $0.reason == reason.reason }
      #expect(reason.count == rows.count)
      #expect(reason.firstRows == rows.prefix(DomainTally.exampleLimit).map(\.row))
      #expect(reason.examples == rows.prefix(DomainTally.exampleLimit).map { $0.value! })
      #expect(reason.message == reason.reason.summary)
    }
  }

  @Test func sensitiveValuesAreNeverKept() throws {
    let all = Self.observations(200, seed: 3).map { Observation(reason: $0.reason, row: $0.row, value: nil) }
    let tally = Self.tally(all)
    #expect(tally.result.reasons.allSatisfy { $0.examples == nil && !$0.firstRows.isEmpty })
    let json = String(decoding: try Manifest.encoder.encode(tally.result), as: UTF8.self)
    #expect(!json.contains("examples"))
    #expect(!json.contains("\"v"))
  }

  @Test func resultForTheManifest() throws {
    let age = try Self.domain("{type: int, range: {min: 18, max: 100}}")
    var tally = DomainTally()
    for (row, text) in ["17", "30", "abc", "101", "5"].enumerated() {
      var bytes = Array(text.utf8)
      bytes.withUnsafeMutableBufferPointer { buffer in
        let value = UnsafeBufferPointer(buffer)
        if let reason = age.violation(value, ValueParser.parse(value)) { tally.observe(reason, row: row + 1, value: value) }
      }
    }
    let result = tally.result(for: age)
    #expect(result.invalid == 4)
    #expect(tally.correctness(nonNull: 5) == 0.2)
    #expect(DomainTally().correctness(nonNull: 0) == 1)
    let json = String(decoding: try Manifest.encoder.encode(result), as: UTF8.self)
    let expected = """
      {
        "invalid" : 4,
        "reasons" : [
          {
            "count" : 1,
            "examples" : [
              "abc"
            ],
            "first_rows" : [
              3
            ],
            "message" : "not a valid int",
            "reason" : "wrong_type"
          },
          {
            "count" : 2,
            "examples" : [
              "17",
              "5"
            ],
            "first_rows" : [
              1,
              5
            ],
            "message" : "below the declared minimum 18",
            "reason" : "below_minimum"
          },
          {
            "count" : 1,
            "examples" : [
              "101"
            ],
            "first_rows" : [
              4
            ],
            "message" : "above the declared maximum 100",
            "reason" : "above_maximum"
          }
        ]
      }
      """
    #expect(json == expected)
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    #expect(try decoder.decode(DomainTally.Result.self, from: Data(json.utf8)) == result)
  }

  // MARK: - Against DuckDB

  /// The oracle's spec: the same declarations as the recipe's, with bounds as text.
  static var oracleSpec: [String: [String: Any]] { [
    "age": ["type": "int", "range": ["min": "18", "max": "100"]],
    "score": ["type": "double", "range": ["min": "0.5", "max": "99.5"]],
    "code": ["type": "double", "allowed": ["1", "2.5", "3"]],
    "risk": ["allowed": ["good", "bad"]],
    "iban": ["pattern": "[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", "length": ["min": "15", "max": "34"]],
    "opened": ["type": "date", "range": ["min": "2000-01-01", "max": "2024-12-31"]],
    "name": ["length": ["min": "2", "max": "8"], "pattern": "[^0-9]*"],
  ] }

  /// The spec as a recipe `columns` entry.
  static func flow(_ spec: [String: Any]) -> String {
    func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
    var parts: [String] = []
    if let type = spec["type"] as? String { parts.append("type: \(type)") }
    if let allowed = spec["allowed"] as? [String] { parts.append("allowed: [\(allowed.map(quoted).joined(separator: ", "))]") }
    for key in ["range", "length"] {
      if let bounds = spec[key] as? [String: String] {
        parts.append("\(key): {" + bounds.sorted { $0.key > $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}")
      }
    }
    if let pattern = spec["pattern"] as? String { parts.append("pattern: \(quoted(pattern))") }
    return "{" + parts.joined(separator: ", ") + "}"
  }

  /// A seeded file of `rows` rows mixing valid values with every kind of invalid one.
  static func generatedCSV(rows: Int, seed: UInt64) -> String {
    var rng = SplitMix64(seed: seed)
    func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
    func int(_ lo: Int, _ hi: Int) -> Int { lo + Int(rng.next() % UInt64(hi - lo + 1)) }
    func quoted(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
    let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    let alnum = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    var out = "age,score,code,risk,iban,opened,name\n"
    for _ in 0 ..< rows {
      let age: String
      switch rng.next() % 10 {
      case 0: age = ""
      case 1: age = pick(["abc", "30.5", "1e2", "3000000000", "-2147483649", "true"])
      default: age = String(int(-10, 130))
      }
      let score: String
      switch rng.next() % 10 {
      case 0: score = ""
      case 1: score = pick(["n/a", "1,5", "x1"])
      case 2: score = "\(int(0, 2))e\(int(-1, 2))"
      case 3: score = String(int(-5, 120))
      default: score = "\(int(-1, 100)).\(int(0, 99))"
      }
      let code: String
      switch rng.next() % 8 {
      case 0: code = ""
      case 1: code = pick(["one", "2,5"])
      default: code = pick(["1", "1.0", "2.5", "2.50", "3", "3e0", "4", "0", "2.4", "25e-1", "-1", "30e-1"])
      }
      let risk = rng.next() % 12 == 0 ? "" : pick(["good", "good", "bad", "bad", "Good", "bad ", "unknown", "1", "gut"])
      var iban: String
      switch rng.next() % 8 {
      case 0: iban = ""
      case 1: iban = String((0 ..< int(1, 40)).map { _ in pick(alnum) })
      case 2: iban = "de" + String((0 ..< 18).map { _ in pick(alnum) })
      case 3: iban = "DE12" + String((0 ..< int(5, 40)).map { _ in pick(["Ä", "€", "👍", "A"]) })
      default:
        iban = String([pick(letters), pick(letters)]) + String(format: "%02d", int(0, 99))
          + String((0 ..< int(9, 32)).map { _ in pick(alnum) })
      }
      let opened: String
      switch rng.next() % 10 {
      case 0: opened = ""
      case 1: opened = pick(["2024-02-30", "2023-13-01", "20240101", "yesterday", "2024-1-5"])
      default: opened = String(format: "%04d-%02d-%02d", int(1990, 2030), int(1, 12), int(1, 28))
      }
      let name = rng.next() % 10 == 0 ? "" : String((0 ..< int(1, 10)).map { _ in pick(["a", "é", "日", "😀", "Z", "7", "-"]) })
      out += [age, score, code, risk, iban, opened, name].map(quoted).joined(separator: ",") + "\n"
    }
    return out
  }

  /// Our counts over the file: read with `CSVReader`, each batch tallied from row 1 and appended
  /// with its offset, as the profiler will.
  static func ourTallies(_ path: String, domains: [String: ColumnDomain]) throws -> [String: (nonNull: Int, tally: DomainTally)] {
    let reader = try CSVReader(source: FileSource(path: path), dialect: CSVDialect(), batchSize: 4096)
    var totals: [String: (nonNull: Int, tally: DomainTally)] = [:]
    var rowsBefore = 0
    while let chunk = try reader.next() {
      #expect(chunk.rejects.isEmpty)
      let batch = chunk.batch
      for (i, field) in batch.schema.fields.enumerated() {
        guard let domain = domains[field.name], case .text(let column) = batch.columns[i] else { continue }
        var batchTally = DomainTally()
        var nonNull = 0
        column.withValues { values in
          for row in 0 ..< column.count {
            let value = values[row]
            let parsed = column.isNull(row) ? ParsedValue.null : ValueParser.parse(value)
            if parsed != .null { nonNull += 1 }
            if let reason = domain.violation(value, parsed) { batchTally.observe(reason, row: row + 1, value: value) }
          }
        }
        var total = totals[field.name] ?? (0, DomainTally())
        total.nonNull += nonNull
        total.tally.append(batchTally, rowOffset: rowsBefore)
        totals[field.name] = total
      }
      rowsBefore += batch.rowCount
    }
    return totals
  }

  @Suite(.serialized) struct Oracle {
    @Test func countsMatchDuckDB() throws {
      let folder = try TemporaryFolder()
      let csv = try folder.write("domains.csv", CorrectnessTests.generatedCSV(rows: 24_000, seed: 2024))
      let specFile = folder.file("spec.json")
      try JSONSerialization.data(withJSONObject: CorrectnessTests.oracleSpec, options: [.sortedKeys]).write(to: specFile)
      guard let answer = try OraclePython.json([OraclePython.script("oracle_domain.py"), csv.path, specFile.path]) else { return }
      let duck = try #require(answer as? [String: [String: Any]])

      var domains: [String: ColumnDomain] = [:]
      for (name, spec) in CorrectnessTests.oracleSpec { domains[name] = try CorrectnessTests.domain(CorrectnessTests.flow(spec)) }
      let ours = try CorrectnessTests.ourTallies(csv.path, domains: domains)

      #expect(Set(ours.keys) == Set(duck.keys))
      for (name, column) in duck {
        let mine = try #require(ours[name])
        #expect(mine.nonNull == column["non_null"] as? Int, "\(name): non-null values")
        let reasons = try #require(column["reasons"] as? [String: [String: Any]])
        let result = mine.tally.result(for: try #require(domains[name]))
        #expect(Set(result.reasons.map(\.reason.code)) == Set(reasons.keys), "\(name): reasons")
        for reason in result.reasons {
          let d = reasons[reason.reason.code]
          #expect(reason.count == d?["count"] as? Int, "\(name) \(reason.reason.code): count")
          #expect(reason.firstRows == d?["first_rows"] as? [Int], "\(name) \(reason.reason.code): first rows")
        }
        // Every reason occurs, so the comparison covers them all.
        #expect(result.invalid > 0 && result.invalid < mine.nonNull, "\(name): a mix of valid and invalid values")
      }
      let seen = Set(ours.values.flatMap { $0.tally.result.reasons.map(\.reason) })
      #expect(seen == Set(DomainReason.allCases))
    }
  }

  // MARK: - The reference recipe

  /// The German credit recipe's domains hold for the decoded reference data: not one invalid value.
  @Test func germanCreditSatisfiesItsDomains() throws {
    let recipe = try Recipe.load(path: TestPaths.germanCreditRecipe.path)
    let declared = recipe.columns.filter { $0.domain != nil }
    #expect(declared.count >= 8)
    var domains: [String: ColumnDomain] = [:]
    for spec in declared {
      // The decoded file names the label as UCI does.
      let name = spec.name == "credit_risk" ? "creditability" : spec.name
      domains[name] = try #require(spec.domain).planned(for: spec.type ?? .string)
    }
    let tallies = try Self.ourTallies(TestPaths.decodedCSV.path, domains: domains)
    #expect(tallies.count == declared.count)
    for (name, t) in tallies {
      #expect(t.nonNull == 1000, "\(name)")
      #expect(t.tally.invalid == 0, "\(name): \(t.tally.result.reasons.map(\.message))")
    }
  }
}
