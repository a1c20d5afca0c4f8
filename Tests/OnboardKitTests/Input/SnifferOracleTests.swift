import Foundation
import Testing

@testable import OnboardKit

/// Our sniffer against DuckDB's on every CSV fixture: delimiter, header, column names, the kind of
/// each column's type (boolean, number, date, timestamp, string) and the row count must agree,
/// except on the fixtures listed in `differences`, where DuckDB is wrong or we differ on purpose.
///
/// DuckDB runs through `scripts/oracle_sniff.py` (its `sniff_csv` and `count(*)` of `read_csv`),
/// with the Python named by `ONBOARD_ORACLE_PYTHON` (set by `scripts/test.sh`).
@Suite(.serialized) struct SnifferOracleTests {
  /// Fixtures where our answer (the right one, see `FixtureTests`) and DuckDB's differ, and why.
  static let differences: [String: String] = [
    // DuckDB is wrong
    "csv/ragged-rows.csv": "DuckDB picks '|' and reads one column 'a,b,c' rather than reject the two ragged rows",
    "csv/space-no-header.txt": "DuckDB does not try a space delimiter; it reads one column with the first line as its name",
    "csv/space-delimited-raw.data": "DuckDB does not try a space delimiter; it reads one column with the first line as its name",
    "csv/excel-sep-line.csv": "DuckDB reads Excel's 'sep=;' hint line as the header instead of skipping it",
    "csv/no-header-all-text.csv": "DuckDB takes an all-text first row as the header even when its value 'Europe' recurs below",
    "csv/mixed-line-endings.csv": "DuckDB's sniffer fails on a file mixing CRLF and LF line endings",
    "csv/unterminated-quote.csv": "DuckDB drops quoting altogether and keeps the quotes in the values of the good rows",
    "csv/gzip-by-content.csv": "DuckDB tells gzip by the file name only; gzip bytes named .csv are read as text and fail",
    "csv/utf16le-bom.csv": "DuckDB does not detect UTF-16 (it needs encoding = 'utf-16')",
    "csv/utf16be-bom.csv": "DuckDB does not detect UTF-16 (it needs encoding = 'utf-16')",
    "csv/utf16le-no-bom.csv": "DuckDB does not detect UTF-16 (it needs encoding = 'utf-16')",
    "csv/latin1-umlauts.csv": "DuckDB does not detect single-byte encodings; it rejects the invalid UTF-8",
    "csv/windows1252-euro.csv": "DuckDB does not detect single-byte encodings; it rejects the invalid UTF-8",
    "csv/windows1252-smart-quotes.csv": "DuckDB does not detect single-byte encodings; it rejects the invalid UTF-8",
    "csv/dates-us-ampm.csv": "DuckDB does not detect 12-hour times (hh:mm AM/PM); it leaves the column VARCHAR",
    "csv/dates-mixed-with-timestamps.csv": "DuckDB does not widen dates to timestamps within a column; it falls back to VARCHAR",
    "csv/negative-and-plus-signs.csv": "DuckDB's sniffer leaves a column with '+3' VARCHAR, though it casts '+3' to BIGINT",
    // We differ on purpose
    "csv/bom-semicolon.csv": "decimal comma: we read '12,5' as 12.5 with ';' as delimiter; DuckDB keeps VARCHAR",
    "csv/semicolon-decimal-comma.csv": "decimal comma: we read '1,25' as 1.25 with ';' as delimiter; DuckDB keeps VARCHAR",
    "csv/gzip-semicolon.csv.gz": "decimal comma: we read '1,5' as 1.5 with ';' as delimiter; DuckDB keeps VARCHAR",
    "csv/thousands-separators-us.csv": "we detect thousands separators ('1,234.50'); DuckDB keeps VARCHAR",
    "csv/thousands-separators-de.csv": "we detect '1.234,50' (thousands dot, decimal comma); DuckDB keeps VARCHAR",
    "csv/na-null-tokens.csv": "NA, N/A and NULL are nulls for us; DuckDB's only null is the empty field, so the column is VARCHAR",
    "csv/yes-no-flags.csv": "yes/no stay text for us (only true/false are booleans); DuckDB makes them BOOLEAN",
    "csv/long-digit-ids.csv": "23-digit identifiers stay text for us; DuckDB makes them HUGEINT",
    "csv/header-duplicate-names.csv": "a repeated name gets '_2' from us (the second 'name'), '_1' from DuckDB",
    "csv/trailing-delimiter.csv": "the nameless third column is 'column_3' for us (1-based), 'column2' for DuckDB",
    "csv/header-empty-name.csv": "an empty name becomes 'column_2' (1-based, like our headerless names); DuckDB says 'column1'",
  ]

  struct Answer: Equatable, CustomStringConvertible {
    var delimiter: String
    var header: Bool
    var names: [String]
    var kinds: [String]
    var rows: Int
    var description: String {
      "delimiter \(delimiter), header \(header), columns \(zip(names, kinds).map { "\($0):\($1)" }), \(rows) rows"
    }
  }

  static let csvFixtures = FixtureTests.expectations.filter { $0.settings["format"] == "csv" }.map(\.file)

  /// The kind of a Glue type (ours) or a DuckDB type, so that `int`/`BIGINT`/`decimal(4,2)`/`DOUBLE` all match.
  static func kind(_ type: String) -> String {
    let t = type.lowercased()
    if t == "boolean" { return "boolean" }
    if t == "date" { return "date" }
    if t.hasPrefix("timestamp") { return "timestamp" }
    let numbers = ["int", "integer", "bigint", "hugeint", "smallint", "tinyint", "ubigint", "double", "float"]
    if numbers.contains(t) || t.hasPrefix("decimal") { return "number" }
    return "string"
  }

  static func ours(_ file: String) throws -> Answer {
    let opened = try Source.open(path: FixtureTests.path(file))
    let profile = try Profiler(threads: 1).profile(opened.reader).result()
    let delimiter = try #require(opened.sniffed).delimiter.value
    return Answer(
      delimiter: String(UnicodeScalar(delimiter)), header: try #require(opened.sniffed).header.value,
      names: profile.columns.map(\.name), kinds: profile.columns.map { kind($0.inferredType.glueName) }, rows: profile.rows)
  }

  /// DuckDB's answer; `nil` with an issue recorded when the oracle is not configured, a string when DuckDB fails.
  static func duckDB(_ file: String) throws -> Result<Answer, OracleFailure>? {
    guard let answer = try OraclePython.json([OraclePython.script("oracle_sniff.py"), FixtureTests.path(file)]) else { return nil }
    let json = try #require(answer as? [String: Any])
    if let error = json["error"] as? String { return .failure(OracleFailure(message: error)) }
    let columns = try #require(json["columns"] as? [[String: String]])
    return .success(
      Answer(
        delimiter: try #require(json["delimiter"] as? String), header: try #require(json["header"] as? Bool),
        names: columns.map { $0["name"] ?? "" }, kinds: columns.map { kind($0["type"] ?? "") },
        rows: try #require(json["rows"] as? Int)))
  }

  struct OracleFailure: Error, Equatable { var message: String }

  /// Whether two answers agree. Without a header both sides make up names (ours `column_1`,
  /// DuckDB's `column0`), so only their number is compared then.
  static func agree(_ a: Answer, _ b: Answer) -> Bool {
    var a = a
    var b = b
    if !a.header && !b.header {
      a.names = a.names.map { _ in "" }
      b.names = b.names.map { _ in "" }
    }
    return a == b
  }

  @Test(arguments: csvFixtures)
  func agreesWithDuckDB(_ file: String) throws {
    guard let theirs = try Self.duckDB(file) else { return }
    let ours = try Self.ours(file)
    let agrees = (try? theirs.get()).map { Self.agree(ours, $0) } ?? false
    if let reason = Self.differences[file] {
      // A listed difference that has gone away should leave the list.
      #expect(!agrees, "DuckDB now agrees on \(file); remove it from `differences` (\(reason))")
    } else {
      #expect(agrees, "\(file): ours \(ours); DuckDB \(theirs)")
    }
  }

  /// Every listed difference names a CSV fixture, so the list cannot go stale.
  @Test func differencesNameFixtures() {
    #expect(Set(Self.differences.keys).subtracting(Self.csvFixtures).isEmpty)
  }
}
