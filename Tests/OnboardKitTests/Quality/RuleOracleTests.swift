import Foundation
import Testing

@testable import OnboardKit

/// The metrics of DQDL rules against DuckDB SQL (`scripts/oracle_rules.py`): on the German credit
/// data, and on a generated 200,000-row file that spans three batches (so the probes' merges
/// across batches and threads are checked too). Floats agree to 1e-9 relative, counts exactly;
/// each rule's condition brackets DuckDB's value, so every rule must also pass.
@Suite(.serialized) struct RuleOracleTests {
  static let now = Date(timeIntervalSince1970: 1_767_225_600)

  /// What to compare: the columns of each family of metrics, and row-level rules with the SQL
  /// predicate that has the same meaning (NULL fails unless the SQL lets it pass).
  struct Plan {
    var numeric: [String]
    /// Single columns, or tuples written "a,b".
    var values: [String]
    var pairs: [String]
    var compliance: [(rule: String, sql: String)]
  }

  /// One rule and the metric it must report.
  struct Check {
    var rule: String
    var key: String
    var expected: Double
    /// Counts compare exactly.
    var exact: Bool
  }

  static func number(_ any: Any?) -> Double? { (any as? NSNumber)?.doubleValue }

  /// A DQDL number, written plainly (DQDL has no exponents).
  static func plain(_ x: Double) -> String { String(format: "%.17f", x) }

  /// A condition that holds for `x` give or take 1e-9 relative: `between` excludes its bounds.
  static func around(_ x: Double) -> String {
    let slack = max(abs(x) * 1e-9, 1e-12)
    return "between \(plain(x - slack)) and \(plain(x + slack))"
  }

  static func quoted(_ names: String) -> String { names.split(separator: ",").map { "\"\($0)\"" }.joined(separator: " ") }

  /// The rules of `plan`, each with DuckDB's value; nil when the oracle is not configured.
  static func checks(_ path: String, _ plan: Plan) throws -> [Check]? {
    var arguments = [OraclePython.script("oracle_rules.py"), path]
    arguments += ["--numeric"] + plan.numeric + ["--values"] + plan.values + ["--pair"] + plan.pairs
    arguments += ["--compliance"] + plan.compliance.map(\.sql)
    guard let json = try OraclePython.json(arguments) as? [String: Any] else { return nil }
    var checks: [Check] = []
    func add(_ rule: String, _ key: String, _ value: Any?, exact: Bool = false) throws {
      let x = try #require(number(value), "the oracle gave no \(key)")
      checks.append(Check(rule: "\(rule) \(exact ? "= \(plain(x))" : around(x))", key: key, expected: x, exact: exact))
    }
    try add("RowCount", "Dataset.*.RowCount", json["rows"], exact: true)
    try add("DuplicateRowCount", "Dataset.*.DuplicateRowCount", json["duplicate_rows"], exact: true)
    let completeness = try #require(json["completeness"] as? [String: Any])
    for (c, value) in completeness.sorted(by: { $0.key < $1.key }) {
      try add("Completeness \"\(c)\"", "Column.\(c).Completeness", value)
    }
    let moments = try #require(json["moments"] as? [String: [String: Any]])
    for c in plan.numeric {
      let m = try #require(moments[c])
      try add("Mean \"\(c)\"", "Column.\(c).Mean", m["mean"])
      try add("Sum \"\(c)\"", "Column.\(c).Sum", m["sum"])
      try add("StandardDeviation \"\(c)\"", "Column.\(c).StandardDeviation", m["stddev_pop"])
      try add("Variance \"\(c)\"", "Column.\(c).Variance", m["var_pop"])
    }
    let values = try #require(json["values"] as? [String: [String: Any]])
    for v in plan.values {
      let m = try #require(values[v])
      let entity = v.contains(",") ? "Multicolumn.\(v)" : "Column.\(v)"
      try add("Uniqueness \(quoted(v))", "\(entity).Uniqueness", m["uniqueness"])
      try add("DuplicateRowCount \(quoted(v))", "\(entity).DuplicateRowCount", m["duplicates"], exact: true)
      // These three take one column.
      guard !v.contains(",") else { continue }
      try add("DistinctValuesCount \(quoted(v))", "\(entity).DistinctValuesCount", m["distinct"], exact: true)
      try add("Entropy \(quoted(v))", "\(entity).Entropy", m["entropy"])
      try add("UniqueValueRatio \(quoted(v))", "\(entity).UniqueValueRatio", m["unique_value_ratio"])
    }
    let correlations = try #require(json["correlations"] as? [String: Any])
    for p in plan.pairs {
      try add("ColumnCorrelation \(quoted(p))", "Multicolumn.\(p).ColumnCorrelation", correlations[p])
    }
    let shares = try #require(json["compliance"] as? [Any])
    for ((rule, _), share) in zip(plan.compliance, shares) {
      let x = try #require(number(share))
      let column = try #require(rule.split(separator: "\"").dropFirst().first)
      let kind = String(rule.prefix { $0 != " " })
      checks.append(
        Check(rule: "\(rule) with threshold \(around(x))", key: "Column.\(column).\(kind).Compliance", expected: x, exact: false))
    }
    return checks
  }

  /// Runs every check's rule in one document and compares each metric with DuckDB's.
  static func compare(_ path: String, _ plan: Plan, threads: Int?) throws {
    guard let checks = try checks(path, plan) else { return }
    let text = "Rules = [\n  " + checks.map(\.rule).joined(separator: ",\n  ") + "\n]\n"
    let document = try DQDLParser.parse(text)
    let report = try Checker.check(path: path, rules: document, rulesName: "oracle", threads: threads, now: now).report
    try #require(report.rules.count == checks.count)
    var worst = 0.0
    for (check, outcome) in zip(checks, report.rules) {
      let got = outcome.metrics[check.key]
      #expect(got != nil, "\(check.rule): no \(check.key) in \(outcome.metrics)")
      guard let got else { continue }
      if check.exact {
        #expect(got == check.expected, "\(check.key): onboard \(got), DuckDB \(check.expected)")
      } else {
        let error = relativeError(got, check.expected)
        worst = max(worst, error)
        #expect(error <= 1e-9, "\(check.key): onboard \(got), DuckDB \(check.expected)")
      }
      #expect(outcome.result == .pass, "\(check.rule): \(outcome.message ?? "")")
    }
    let name = (path as NSString).lastPathComponent
    print("rules vs DuckDB on \(name), threads \(threads.map(String.init) ?? "all"): \(checks.count) metrics, worst relative error \(worst)")
  }

  @Test func germanCredit() throws {
    let plan = Plan(
      numeric: ["duration_in_month", "credit_amount", "age_in_years"],
      values: ["purpose", "housing", "credit_amount", "status_of_existing_checking_account", "purpose,housing", "age_in_years,job"],
      pairs: ["duration_in_month,credit_amount", "age_in_years,credit_amount"],
      compliance: [
        (#"ColumnValues "age_in_years" > 25"#, "TRY_CAST(age_in_years AS DOUBLE) > 25"),
        (
          #"ColumnValues "age_in_years" between 25 and 40"#,
          "TRY_CAST(age_in_years AS DOUBLE) > 25 AND TRY_CAST(age_in_years AS DOUBLE) < 40"
        ),
        (
          #"ColumnValues "age_in_years" not between 25 and 40"#,
          "TRY_CAST(age_in_years AS DOUBLE) <= 25 OR TRY_CAST(age_in_years AS DOUBLE) >= 40"
        ),
        (#"ColumnValues "credit_amount" <= 2500"#, "TRY_CAST(credit_amount AS DOUBLE) <= 2500"),
        (#"ColumnValues "purpose" in ["car (new)", "car (used)", "business"]"#, "purpose IN ('car (new)', 'car (used)', 'business')"),
        (#"ColumnValues "purpose" matches "car.*""#, "regexp_full_match(purpose, 'car.*')"),
        // A search would find "car" in 337 rows; the full match in none.
        (#"ColumnValues "purpose" matches "car""#, "regexp_full_match(purpose, 'car')"),
        (#"ColumnValues "housing" != "own""#, "housing IS NULL OR housing <> 'own'"),
        (
          #"ColumnValues "status_of_existing_checking_account" = "no checking account""#,
          "status_of_existing_checking_account = 'no checking account'"
        ),
        (#"ColumnValues "purpose" = "CAR (NEW)" with ignoreCase = "true""#, "lower(purpose) = 'car (new)'"),
        (#"ColumnLength "purpose" <= 10"#, "coalesce(length(purpose), 0) <= 10"),
        (#"ColumnLength "housing" between 3 and 8"#, "coalesce(length(housing), 0) > 3 AND coalesce(length(housing), 0) < 8"),
        (#"ColumnDataType "age_in_years" = "INTEGER""#, "age_in_years IS NULL OR TRY_CAST(age_in_years AS INTEGER) IS NOT NULL"),
      ])
    try Self.compare(TestPaths.decodedCSV.path, plan, threads: nil)
  }

  /// 200,000 rows (three batches of 98,304) with NULLs written as empty fields and tokens,
  /// non-ASCII text, singletons and repeats; checked on one thread and on four.
  @Test func generatedFileAcrossBatches() throws {
    let folder = try TemporaryFolder()
    let file = folder.file("generated.csv")
    var rng = SplitMix64(seed: 20_260_101)
    let categories = ["alpha", "beta", "gamma", "delta", "\u{E9}psilon", "\u{3B6}eta"]
    var text = "x,y,cat,code\n"
    text.reserveCapacity(5_000_000)
    for i in 0 ..< 200_000 {
      let r = rng.next()
      let x = Int(r % 1000)
      let xNull = (r >> 10) % 100
      let xText = xNull < 4 ? "" : xNull < 5 ? "NA" : String(x)
      // y follows x (correlated), two decimals; 3 % written NULL.
      let yNull = (r >> 17) % 100 < 3
      let y = Double(x) / 2 + Double((r >> 24) % 10) / 100
      let yText = yNull ? "NULL" : String(format: "%.2f", y)
      let c = (r >> 31) % 100
      let cat = c < 2 ? "N/A" : c < 3 ? "u\(i)" : categories[Int((r >> 38) % UInt64(categories.count + 3)) % categories.count]
      let letters = (0 ..< 3).map { k in Character(Unicode.Scalar(UInt8(65 + (r >> (45 + 5 * UInt64(k))) % 26))) }
      text += "\(xText),\(yText),\(cat),\(String(letters))\n"
    }
    try Data(text.utf8).write(to: file)
    let plan = Plan(
      numeric: ["x", "y"],
      values: ["x", "cat", "code", "x,cat", "cat,code"],
      pairs: ["x,y"],
      compliance: [
        (#"ColumnValues "x" > 500"#, "TRY_CAST(x AS DOUBLE) > 500"),
        (#"ColumnValues "x" between 100 and 200"#, "TRY_CAST(x AS DOUBLE) > 100 AND TRY_CAST(x AS DOUBLE) < 200"),
        (#"ColumnValues "x" != 7"#, "x IS NULL OR TRY_CAST(x AS DOUBLE) <> 7"),
        (#"ColumnValues "x" not in [1, 2, 3]"#, "x IS NULL OR TRY_CAST(x AS DOUBLE) NOT IN (1, 2, 3)"),
        (#"ColumnValues "x" in [1, 2, 3, NULL]"#, "x IS NULL OR TRY_CAST(x AS DOUBLE) IN (1, 2, 3)"),
        (#"ColumnValues "y" <= 100.5"#, "TRY_CAST(y AS DOUBLE) <= 100.5"),
        (#"ColumnValues "cat" in ["alpha", "beta"]"#, "cat IN ('alpha', 'beta')"),
        (#"ColumnValues "cat" in ["alpha", NULL]"#, "cat = 'alpha' OR cat IS NULL"),
        (#"ColumnValues "cat" not in ["alpha", NULL]"#, "cat IS NOT NULL AND cat <> 'alpha'"),
        (#"ColumnValues "cat" = "ALPHA" with ignoreCase = "true""#, "lower(cat) = 'alpha'"),
        (#"ColumnValues "code" matches "[A-M][A-Z]A""#, "regexp_full_match(code, '[A-M][A-Z]A')"),
        (#"ColumnValues "code" not matches "A.*""#, "NOT regexp_full_match(code, 'A.*')"),
        (#"ColumnLength "cat" <= 4"#, "coalesce(length(cat), 0) <= 4"),
        (#"ColumnLength "cat" between 4 and 7"#, "coalesce(length(cat), 0) > 4 AND coalesce(length(cat), 0) < 7"),
      ])
    try Self.compare(file.path, plan, threads: 1)
    try Self.compare(file.path, plan, threads: 4)
  }
}
