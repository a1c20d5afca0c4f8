import Foundation
import Testing

@testable import OnboardKit

/// The JSON reader against DuckDB's `read_json(format='newline_delimited')` on 20,000 generated
/// rows: row count, column names in order, non-null count per column, and every value of the one
/// text column whose values are full of escapes. Runs when `ONBOARD_ORACLE_PYTHON` names a Python
/// with duckdb (scripts/test.sh sets it).
@Suite struct JSONOracleTests {
  static let script = """
    import duckdb, json, sys
    path = sys.argv[1]
    source = f"read_json('{path}', format='newline_delimited', sample_size=-1)"
    con = duckdb.connect()
    columns = con.sql(f"SELECT * FROM {source} LIMIT 0").columns
    counts = con.execute("SELECT count(*), " + ", ".join(f'count("{c}")' for c in columns) + f" FROM {source}").fetchall()[0]
    names = [r[0] for r in con.execute(f"SELECT name FROM {source}").fetchall()]
    print(json.dumps({"columns": columns, "rows": counts[0], "nonNull": list(counts[1:]), "name": names}))
    """

  @Test func agreesWithDuckDB() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("oracle.jsonl", JSONTestData.objects(count: 20_000, seed: 20_240_601).joined(separator: "\n") + "\n").path

    guard let answer = try OraclePython.json(["-c", Self.script, path]) else { return }
    let duck = try #require(answer as? [String: Any])
    let duckColumns = try #require(duck["columns"] as? [String])
    let duckNonNull = try #require(duck["nonNull"] as? [Int])
    let duckNames = try #require(duck["name"] as? [String])

    let reader = try JSONReader(open: { try FileSource(path: path) }, name: "oracle.jsonl", batchSize: 4_096)
    var rows = 0
    var nonNull = [Int](repeating: 0, count: reader.schema.count)
    var names: [String] = []
    let nameColumn = try #require(reader.schema.index(of: "name"))
    while let result = try reader.next() {
      #expect(result.rejects.isEmpty)
      rows += result.batch.rowCount
      for (i, column) in result.batch.columns.enumerated() {
        nonNull[i] += (0 ..< column.count).filter { !column.isNull($0) }.count
      }
      guard case .text(let text) = result.batch.columns[nameColumn] else { continue }
      names += (0 ..< text.count).map { text.string($0) ?? "<null>" }
    }
    #expect(rows == 20_000)
    #expect(rows == duck["rows"] as? Int)
    #expect(reader.schema.names == duckColumns)
    #expect(nonNull == duckNonNull, "non-null counts per column \(reader.schema.names)")
    #expect(names == duckNames, "decoded strings")
  }
}
