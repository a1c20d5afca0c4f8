import Foundation
import Testing

@testable import OnboardKit

/// Each fixture file, opened the way a user would (`Source.open`: everything detected), with what a
/// careful person reading the file says it holds: how it is written, its columns and their types,
/// and how many rows are good and how many malformed.
///
/// The expectations are the right answers, not whatever the code happens to say. Where the code is
/// still wrong, the one assertion concerned is wrapped in `withKnownIssue` with the reason (see
/// `Expectation.knownIssues`); every other assertion stays live. DuckDB's answers for the same files
/// are compared in `SnifferOracleTests`.
struct FixtureTests {
  /// A part of the expectation that can be marked as a known issue.
  enum Part: Sendable {
    case settings, columns, types, rows, values
  }

  struct Expectation: Sendable, CustomStringConvertible {
    /// Path below `Fixtures/`, e.g. `csv/crlf.csv`.
    var file: String
    /// Expected reading settings (`opened.settings`); `csv(...)`, `json(...)` and `xml(...)` fill in
    /// the defaults, so an entry names only what is special about its file.
    var settings: [String: String]
    var columns: [String]
    /// Glue type names, one per column.
    var types: [String]
    var rows: Int
    var rejected = 0
    /// The good rows as read (raw text), for fixtures whose quirk is about the values themselves.
    var values: [[String?]]? = nil
    /// Parts the code still gets wrong, with why; each is asserted inside `withKnownIssue`.
    var knownIssues: [Part: String] = [:]
    var description: String { file }
  }

  static let csvDefaults = [
    "compression": "none", "encoding": "utf-8", "format": "csv", "line_ending": "lf", "skip_rows": "0",
    "comment": "none", "delimiter": ",", "quote": "\"", "escape": "double", "header": "yes",
  ]

  static func csv(
    _ file: String, _ settings: [String: String] = [:], columns: [String], types: [String], rows: Int, rejected: Int = 0,
    values: [[String?]]? = nil, knownIssues: [Part: String] = [:]
  ) -> Expectation {
    Expectation(
      file: "csv/" + file, settings: csvDefaults.merging(settings) { _, set in set }, columns: columns, types: types,
      rows: rows, rejected: rejected, values: values, knownIssues: knownIssues)
  }

  static func json(
    _ file: String, layout: String, _ settings: [String: String] = [:], columns: [String], types: [String], rows: Int,
    rejected: Int = 0, values: [[String?]]? = nil, knownIssues: [Part: String] = [:]
  ) -> Expectation {
    let defaults = ["compression": "none", "encoding": "utf-8", "format": "json", "layout": layout]
    return Expectation(
      file: "json/" + file, settings: defaults.merging(settings) { _, set in set }, columns: columns, types: types,
      rows: rows, rejected: rejected, values: values, knownIssues: knownIssues)
  }

  static func xml(
    _ file: String, rowTag: String, _ settings: [String: String] = [:], columns: [String], types: [String], rows: Int,
    values: [[String?]]? = nil, knownIssues: [Part: String] = [:]
  ) -> Expectation {
    let defaults = ["compression": "none", "encoding": "utf-8", "format": "xml", "row_tag": rowTag]
    return Expectation(
      file: "xml/" + file, settings: defaults.merging(settings) { _, set in set }, columns: columns, types: types,
      rows: rows, values: values, knownIssues: knownIssues)
  }

  static let expectations: [Expectation] = csvDialects + csvEncodings + csvHeaders + csvTypes + csvShapes + jsonFiles + xmlFiles

  // MARK: CSV: delimiters, quoting, line endings, preambles, comments

  static let csvDialects: [Expectation] = [
    csv(
      "crlf-quoted-newline.csv", ["line_ending": "crlf"], columns: ["id", "note"], types: ["int", "string"], rows: 2,
      values: [["1", "line one\r\nline two"], ["2", "plain"]]),
    csv(
      "bom-semicolon.csv", ["delimiter": ";"], columns: ["name", "amount"], types: ["string", "decimal(3,1)"], rows: 2,
      values: [["Anna", "12,5"], ["Ben", "7"]]),
    csv(
      "space-no-header.txt", ["delimiter": "space", "header": "no"], columns: ["column_1", "column_2", "column_3"],
      types: ["string", "int", "string"], rows: 2, values: [["A11", "6", "A34"], ["A12", "48", "A32"]]),
    csv(
      "doubled-quotes-and-empty.csv", columns: ["x", "y"], types: ["string", "int"], rows: 2,
      values: [["say \"hi\"", "2"], ["", nil]]),
    csv(
      "semicolon-decimal-comma.csv", ["delimiter": ";"], columns: ["name", "price", "qty"],
      types: ["string", "decimal(4,2)", "int"], rows: 3),
    csv("tab-separated.tsv", ["delimiter": "tab"], columns: ["id", "city", "population"], types: ["int", "string", "int"], rows: 3),
    csv("tab-values-with-spaces.tsv", ["delimiter": "tab"], columns: ["name", "city"], types: ["string", "string"], rows: 2),
    // Commas inside the values must not win over the pipe that every line has the same number of.
    csv(
      "pipe-delimited.txt", ["delimiter": "|"], columns: ["sku", "description", "price"],
      types: ["string", "string", "decimal(3,2)"], rows: 3),
    csv(
      "space-delimited-raw.data", ["delimiter": "space", "header": "no"],
      columns: ["column_1", "column_2", "column_3", "column_4"], types: ["string", "int", "string", "int"], rows: 3),
    csv("crlf.csv", ["line_ending": "crlf"], columns: ["id", "name"], types: ["int", "string"], rows: 2),
    csv("cr-only-line-endings.csv", ["line_ending": "cr"], columns: ["id", "name"], types: ["int", "string"], rows: 3),
    csv(
      "mixed-line-endings.csv", ["line_ending": "mixed"], columns: ["id", "name"], types: ["int", "string"], rows: 3,
      values: [["1", "Ann"], ["2", "Bob"], ["3", "Cy"]]),
    csv("no-final-newline.csv", columns: ["id", "name"], types: ["int", "string"], rows: 2),
    csv("blank-lines.csv", columns: ["id", "name"], types: ["int", "string"], rows: 2),
    csv(
      "preamble-two-lines.csv", ["skip_rows": "2"], columns: ["region", "month", "amount"],
      types: ["string", "string", "int"], rows: 3),
    csv("preamble-title-and-blank.csv", ["skip_rows": "2"], columns: ["id", "amount"], types: ["int", "int"], rows: 3),
    // Excel's `sep=;` first line names the delimiter; it is not a record.
    csv(
      "excel-sep-line.csv", ["delimiter": ";", "skip_rows": "1"], columns: ["id", "name"], types: ["int", "string"], rows: 2),
    // A comment line may hold the delimiter ("# columns: id, score") and one sits mid-table.
    csv("comment-lines-hash.csv", ["comment": "#"], columns: ["id", "score"], types: ["int", "decimal(3,2)"], rows: 3),
    // `#` starts values here, not comments: dropping those lines would lose rows.
    csv("hash-values-not-comments.csv", columns: ["tag", "id"], types: ["string", "int"], rows: 3),
    csv(
      "quoted-newlines.csv", columns: ["id", "address", "city"], types: ["int", "string", "string"], rows: 3,
      values: [
        ["1", "12 Main St\nApt 4", "Springfield"], ["2", "7 Elm Rd", "Shelbyville"],
        ["3", "1 Oak Ave\nFloor 2\nBack door", "Ogdenville"],
      ]),
    csv(
      "doubled-quotes.csv", columns: ["id", "quote"], types: ["int", "string"], rows: 3,
      values: [["1", "She said \"hi\""], ["2", "\"Quoted\" start"], ["3", "plain"]]),
    csv(
      "backslash-escapes.csv", ["escape": "backslash"], columns: ["id", "text"], types: ["int", "string"], rows: 3,
      values: [["1", "He said \"yes\""], ["2", "path C:\\temp"], ["3", "plain"]]),
    csv(
      "single-quotes.csv", ["quote": "'"], columns: ["id", "name", "note"], types: ["int", "string", "string"], rows: 3,
      values: [["1", "Smith, John", "ok"], ["2", "Doe, Jane", "fine"], ["3", "Roe, Rick", "n/a"]]),
    csv(
      "embedded-delimiter-quoted.csv", columns: ["id", "name", "city"], types: ["int", "string", "string"], rows: 3,
      values: [["1", "Smith, John", "Berlin"], ["2", "Doe, Jane", "Paris"], ["3", "Lee", "Rome"]]),
    // The quote opened on line 3 never closes, so line 3 to the end is one malformed record.
    csv(
      "unterminated-quote.csv", columns: ["id", "note"], types: ["int", "string"], rows: 1, rejected: 1,
      values: [["1", "fine"]]),
  ]

  // MARK: CSV: compression and encodings

  static let csvEncodings: [Expectation] = [
    csv("bom-utf8.csv", columns: ["id", "name"], types: ["int", "string"], rows: 2, values: [["1", "Zoë"], ["2", "Ana"]]),
    csv(
      "utf16le-bom.csv", ["encoding": "utf-16le"], columns: ["id", "name"], types: ["int", "string"], rows: 2,
      values: [["1", "Jürgen"], ["2", "Zoë"]]),
    csv(
      "utf16be-bom.csv", ["encoding": "utf-16be"], columns: ["id", "name"], types: ["int", "string"], rows: 2,
      values: [["1", "Jürgen"], ["2", "Zoë"]]),
    csv(
      "utf16le-no-bom.csv", ["encoding": "utf-16le"], columns: ["id", "name"], types: ["int", "string"], rows: 2,
      values: [["1", "Jürgen"], ["2", "Zoë"]]),
    // Written as Latin-1; without bytes in 0x80–0x9F Latin-1 and Windows-1252 (its superset) read
    // the same text, and Windows-1252 is the name we give that case.
    csv(
      "latin1-umlauts.csv", ["encoding": "windows-1252"], columns: ["name", "city"], types: ["string", "string"], rows: 2,
      values: [["Jürgen", "Köln"], ["Renée", "Zürich"]]),
    csv(
      "windows1252-euro.csv", ["encoding": "windows-1252"], columns: ["item", "price", "currency"],
      types: ["string", "decimal(3,2)", "string"], rows: 2, values: [["Kaffee", "3.50", "€"], ["Tee", "2.80", "€"]]),
    csv(
      "windows1252-smart-quotes.csv", ["encoding": "windows-1252"], columns: ["id", "note"], types: ["int", "string"],
      rows: 2, values: [["1", "“fine”"], ["2", "it’s ok"]]),
    // Gzip is told by its magic bytes, not by the name.
    csv("gzip-by-content.csv", ["compression": "gzip"], columns: ["id", "value"], types: ["int", "int"], rows: 2),
    csv(
      "gzip-semicolon.csv.gz", ["compression": "gzip", "delimiter": ";"], columns: ["id", "amount"],
      types: ["int", "decimal(3,2)"], rows: 2),
  ]

  // MARK: CSV: headers

  static let csvHeaders: [Expectation] = [
    csv(
      "no-header-numeric.csv", ["header": "no"], columns: ["column_1", "column_2", "column_3"],
      types: ["int", "decimal(2,1)", "int"], rows: 3),
    // All text, so types cannot tell. We decide: the first record is a header when its values are
    // non-empty and distinct, unless one of them reappears in its own column below ("Europe"):
    // a column's name is not one of its values.
    csv(
      "no-header-all-text.csv", ["header": "no"], columns: ["column_1", "column_2", "column_3"],
      types: ["string", "string", "string"], rows: 3),
    csv(
      "header-duplicate-names.csv", columns: ["id", "name", "name_2", "value"], types: ["int", "string", "string", "int"],
      rows: 2),
    csv("header-empty-name.csv", columns: ["id", "column_2", "value"], types: ["int", "string", "int"], rows: 2),
    csv("header-with-spaces.csv", columns: ["First Name", "Last Name", "Age"], types: ["string", "string", "int"], rows: 2),
    csv("unicode-header.csv", columns: ["straße", "größe", "名前"], types: ["string", "int", "string"], rows: 2),
    csv(
      "quoted-numbers.csv", columns: ["id", "amount"], types: ["int", "decimal(4,2)"], rows: 3,
      values: [["1", "10.5"], ["2", "3"], ["3", "7.25"]]),
    csv("empty-body-header-only.csv", columns: ["id", "name", "amount"], types: ["string", "string", "string"], rows: 0),
    csv("single-column.csv", columns: ["amount"], types: ["int"], rows: 3),
  ]

  // MARK: CSV: value types

  static let csvTypes: [Expectation] = [
    csv("dates-iso.csv", columns: ["id", "day"], types: ["int", "date"], rows: 3),
    csv("dates-dd.mm.yyyy.csv", columns: ["id", "booked"], types: ["int", "date"], rows: 3),
    csv("dates-us-slash.csv", columns: ["id", "day"], types: ["int", "date"], rows: 3),
    csv("dates-yyyy-slash.csv", columns: ["id", "day"], types: ["int", "date"], rows: 3),
    csv("dates-us-ampm.csv", columns: ["id", "created"], types: ["int", "timestamp"], rows: 3),
    csv("timestamps-iso.csv", columns: ["id", "at"], types: ["int", "timestamp"], rows: 3),
    csv("timestamps-with-zone.csv", columns: ["id", "at"], types: ["int", "timestamp"], rows: 3),
    // A date is a timestamp at midnight: the column widens rather than falling back to text.
    csv("dates-mixed-with-timestamps.csv", columns: ["id", "at"], types: ["int", "timestamp"], rows: 3),
    csv("thousands-separators-us.csv", columns: ["item", "amount"], types: ["string", "decimal(7,2)"], rows: 3),
    csv(
      "thousands-separators-de.csv", ["delimiter": ";"], columns: ["Artikel", "Betrag"], types: ["string", "decimal(7,2)"],
      rows: 3),
    // Postal codes with a leading zero are codes: a number would drop the zero.
    csv("leading-zero-codes.csv", columns: ["zip", "city"], types: ["string", "string"], rows: 3),
    csv("long-digit-ids.csv", columns: ["id", "account"], types: ["int", "string"], rows: 2),
    csv("na-null-tokens.csv", columns: ["id", "score", "comment"], types: ["int", "int", "string"], rows: 4),
    csv("booleans.csv", columns: ["id", "active", "verified"], types: ["int", "boolean", "boolean"], rows: 3),
    // yes/no stay as written: a boolean column would lose how the producer spelled them.
    csv("yes-no-flags.csv", columns: ["id", "subscribed"], types: ["int", "string"], rows: 3),
    csv("bigint-range.csv", columns: ["id", "big"], types: ["int", "bigint"], rows: 3),
    csv("decimal-precision.csv", columns: ["id", "amount"], types: ["int", "decimal(8,3)"], rows: 3),
    csv("exponent-doubles.csv", columns: ["id", "x"], types: ["int", "double"], rows: 3),
    csv("negative-and-plus-signs.csv", columns: ["id", "delta"], types: ["int", "int"], rows: 3),
    csv("mixed-int-text.csv", columns: ["id", "code"], types: ["int", "string"], rows: 3),
    csv("all-null-column.csv", columns: ["id", "empty", "name"], types: ["int", "string", "string"], rows: 2),
    csv("currency-symbols.csv", columns: ["item", "price"], types: ["string", "string"], rows: 2),
    csv(
      "whitespace-padded-fields.csv", columns: ["id", "name", "score"], types: ["int", "string", "int"], rows: 2),
  ]

  // MARK: CSV: table shapes

  static let csvShapes: [Expectation] = [
    csv(
      "ragged-rows.csv", columns: ["a", "b", "c"], types: ["int", "int", "int"], rows: 2, rejected: 2,
      values: [["1", "2", "3"], ["10", "11", "12"]]),
    // Every line ends with a comma: a third column that is always empty. It is kept (nothing is
    // dropped silently); a recipe step can remove it.
    csv("trailing-delimiter.csv", columns: ["id", "name", "column_3"], types: ["int", "string", "string"], rows: 2),
    csv(
      "wide-100-columns.csv", columns: (1 ... 100).map { "c\($0)" }, types: Array(repeating: "int", count: 100), rows: 2),
  ]

  // MARK: JSON

  static let jsonFiles: [Expectation] = [
    json(
      "array-of-objects.json", layout: "array", columns: ["id", "name", "score"], types: ["int", "string", "decimal(3,2)"],
      rows: 2),
    json("lines.jsonl", layout: "lines", columns: ["id", "name"], types: ["int", "string"], rows: 3),
    json("concatenated-pretty.json", layout: "concatenated", columns: ["id", "name"], types: ["int", "string"], rows: 2),
    json("bom-array.json", layout: "array", columns: ["id"], types: ["int"], rows: 2),
    json(
      "gzip-lines.jsonl.gz", layout: "lines", ["compression": "gzip"], columns: ["id", "name"], types: ["int", "string"],
      rows: 2),
    json(
      "nested-struct.jsonl", layout: "lines", columns: ["id", "address"], types: ["int", "struct<city:string,zip:string>"],
      rows: 2),
    json(
      "arrays.jsonl", layout: "lines", columns: ["id", "tags", "scores"], types: ["int", "array<string>", "array<int>"],
      rows: 2),
    json("missing-keys.jsonl", layout: "lines", columns: ["id", "name", "age"], types: ["int", "string", "int"], rows: 3),
    // Line 2 lacks its closing brace; lines are independent, so lines 1 and 3 are good rows.
    json(
      "malformed-line.jsonl", layout: "lines", columns: ["id", "name"], types: ["int", "string"], rows: 2, rejected: 1),
    json(
      "nulls-and-types.jsonl", layout: "lines", columns: ["id", "ok", "at", "n"], types: ["int", "boolean", "date", "string"],
      rows: 2),
    json("mixed-int-double.jsonl", layout: "lines", columns: ["id", "x"], types: ["int", "decimal(3,1)"], rows: 3),
    json(
      "unicode-escapes.jsonl", layout: "lines", columns: ["id", "name"], types: ["int", "string"], rows: 2,
      values: [["1", "Zoë"], ["2", "😀"]]),
    // 2^53 + 1: exact as a bigint, not rounded through a double.
    json(
      "big-numbers.jsonl", layout: "lines", columns: ["id", "big"], types: ["int", "bigint"], rows: 2,
      values: [["1", "9007199254740993"], ["2", "12"]]),
  ]

  // MARK: XML

  static let xmlFiles: [Expectation] = [
    xml(
      "attributes.xml", rowTag: "order", columns: ["_id", "_status", "amount"], types: ["int", "string", "decimal(3,1)"],
      rows: 2),
    xml(
      "nested.xml", rowTag: "person", columns: ["name", "address"], types: ["string", "struct<city:string,zip:string>"],
      rows: 2),
    xml("namespaces.xml", rowTag: "book", columns: ["_id", "title"], types: ["string", "string"], rows: 2),
    xml(
      "cdata.xml", rowTag: "note", columns: ["id", "text"], types: ["int", "string"], rows: 2,
      values: [["1", "5 < 6 & \"fine\""], ["2", "plain"]]),
    // One `header` element and three `item`s under the root: the repeated element is the row.
    xml("row-tag-detection.xml", rowTag: "item", columns: ["sku", "qty"], types: ["string", "int"], rows: 3),
    xml(
      "entities.xml", rowTag: "row", columns: ["name", "price"], types: ["string", "decimal(3,2)"], rows: 2,
      values: [["Fish & Chips", "9.50"], ["<none>", "0"]]),
    xml("repeated-elements.xml", rowTag: "order", columns: ["id", "phone"], types: ["int", "array<string>"], rows: 2),
    // Declared ISO-8859-1; with no bytes in 0x80–0x9F that reads the same as Windows-1252.
    xml(
      "latin1-declared.xml", rowTag: "city", ["encoding": "windows-1252"], columns: ["name"], types: ["string"], rows: 2,
      values: [["Köln"], ["Zürich"]]),
  ]

  /// Asserts `check` plainly, or inside `withKnownIssue` when `part` is a known issue of `e`.
  static func expect(_ e: Expectation, _ part: Part, _ check: () -> Void) {
    if let reason = e.knownIssues[part] {
      withKnownIssue(Comment(rawValue: reason), isIntermittent: false) { check() }
    } else {
      check()
    }
  }

  static func path(_ file: String) -> String { TestPaths.fixtures.appendingPathComponent(file).path }

  @Test(arguments: expectations)
  func fixtureReadsAsExpected(_ e: Expectation) throws {
    let opened = try Source.open(path: Self.path(e.file))
    let settings = opened.settings.filter { e.settings[$0.key] != nil }.mapValues(\.value)
    Self.expect(e, .settings) { #expect(settings == e.settings) }
    Self.expect(e, .columns) { #expect(opened.reader.schema.names == e.columns) }

    var rejected = 0
    let profile: TableProfile
    do {
      profile = try Profiler(threads: 1).profile(opened.reader) { rejected += $0.count }.result()
    } catch {
      Self.expect(e, .rows) { Issue.record(error, "reading \(e.file) failed") }
      return
    }
    Self.expect(e, .columns) { #expect(profile.columns.map(\.name) == e.columns) }
    Self.expect(e, .types) { #expect(profile.columns.map(\.inferredType.glueName) == e.types) }
    Self.expect(e, .rows) {
      #expect(profile.rows == e.rows)
      #expect(rejected == e.rejected)
    }
    if let values = e.values {
      let read = try ReadAll(Source.open(path: Self.path(e.file)).reader)
      Self.expect(e, .values) { #expect(read.rows == values) }
    }
  }

  /// Every file under `Fixtures/` (subfolders included) has an expectation, so no fixture sits untested.
  @Test func everyFixtureHasAnExpectation() throws {
    #expect(Set(try Self.fixtureFiles()) == Set(Self.expectations.map(\.file)))
    #expect(Self.expectations.count == Set(Self.expectations.map(\.file)).count, "a fixture is listed twice")
  }

  /// Paths below `Fixtures/` of every fixture file (not the README).
  static func fixtureFiles() throws -> [String] {
    let root = TestPaths.fixtures
    let walker = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]))
    var files: [String] = []
    for case let url as URL in walker where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
      let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
      // Other folders hold fixtures of other tests: public DataBrew recipes and their data
      // (PublicDataBrewExportsTests), public DQDL examples (DQDLPublicExamplesTests) and the
      // JUnit schema (QualityResultsTests).
      let others = ["databrew/", "dqdl/", "junit/"]
      if relative != "README.md" && !others.contains(where: relative.hasPrefix) { files.append(relative) }
    }
    return files.sorted()
  }
}
