import Foundation
import Testing

@testable import OnboardKit

/// Every rule type `onboard check` evaluates, on small CSVs whose metrics are worked out by hand in
/// the comments: for each type a rule that passes and one that fails, and one test per semantic
/// choice where tools disagree (docs/quality-rules.md), named after what it pins.
@Suite struct RuleEvaluationTests: RuleExpectations {
  /// 2026-01-01T00:00:00Z: `now()` of every date rule.
  static let now = Date(timeIntervalSince1970: 1_767_225_600)

  /// Ten people. NULLs: name row 6 (empty); amount row 3 ("NA") and row 6 (empty); country row 8;
  /// signup_date row 4; code row 6 (blank). Age row 2 is text ("unknown"), signup_date row 9 is
  /// no date, row 10 a timestamp. "Zoe\u{308}" is 4 scalars (3 characters, 5 bytes), the Chinese
  /// name 2 scalars (6 bytes). ids are unique, so no row repeats.
  static let people = """
    id,name,age,amount,country,signup_date,code
    1,Ann,34,10,DE,2025-12-31,AB-1
    2,Bob,unknown,20,FR,2025-12-01,ab-2
    3,Zoe\u{308},27,NA,DE,2025-06-15,XY-3
    4,Ann,45,30,US,,AB-4
    5,\u{C9}mile,34,40,de,2024-01-01,1.5
    6,,51,,FR,2025-12-25,"  "
    7,\u{674E}\u{96F7},19,50,DE,2025-11-20,AB-7
    8,Bob,60,60,,2025-12-30,007
    9,Ann,22,70,FR,not a date,AB-9
    10,Chlo\u{E9},34,80,DE,2025-12-31T12:00:00,AB-10

    """

  // MARK: Running rules

  /// Checks `csv` against a document of `rules` (after `preamble`, e.g. DefaultLabels) and
  /// `analyzers`, at `now`.
  static func report(_ rules: [String], analyzers: [String] = [], preamble: String = "", on csv: String = people) throws
    -> QualityReport
  {
    let folder = try TemporaryFolder()
    let file = try folder.write("data.csv", csv)
    var text = preamble + "Rules = [\n  " + rules.joined(separator: ",\n  ") + "\n]\n"
    if !analyzers.isEmpty { text += "Analyzers = [\n  " + analyzers.joined(separator: ",\n  ") + "\n]\n" }
    let document = try DQDLParser.parse(text)
    return try Checker.check(path: file.path, rules: document, rulesName: "rules.dqdl", threads: 1, now: now).report
  }

  /// Runs the rules in one document and checks each outcome against its expectation.
  static func check(_ cases: [Expected], on csv: String = people) throws {
    try verify(cases, try report(cases.map(\.rule), on: csv))
  }

  // MARK: Dataset rules

  @Test func datasetRules() throws {
    try Self.check([
      // 10 data rows, 7 columns.
      Self.rule("RowCount = 10", .pass, ["Dataset.*.RowCount": 10]),
      Self.rule("RowCount > 10", .fail, ["Dataset.*.RowCount": 10], message: "RowCount is 10"),
      Self.rule("ColumnCount = 7", .pass, ["Dataset.*.ColumnCount": 7]),
      Self.rule("ColumnCount < 7", .fail, ["Dataset.*.ColumnCount": 7]),
      Self.rule(#"ColumnExists "country""#, .pass),
      // No exact name, one without case: Spark's resolution.
      Self.rule(#"ColumnExists "COUNTRY""#, .pass),
      Self.rule(#"ColumnExists "region""#, .fail, message: "does not exist"),
      // Every name is lower case with underscores; signup_date has one, so 6 of 7 match ^[a-z]+$.
      Self.rule(#"ColumnNamesMatchPattern "^[a-z_]+$""#, .pass, ["Dataset.*.ColumnNamesPatternMatchRatio": 1]),
      Self.rule(
        #"ColumnNamesMatchPattern "^[a-z]+$""#, .fail, ["Dataset.*.ColumnNamesPatternMatchRatio": 6.0 / 7], message: "'signup_date'"),
    ])
  }

  /// Unlike `matches`, the name pattern is searched for (Deequ's evaluator): "[a-z]" passes names
  /// longer than one letter.
  @Test func columnNamesPatternIsSearchedNotAnchored() throws {
    try Self.check([
      Self.rule(#"ColumnNamesMatchPattern "[a-z]""#, .pass, ["Dataset.*.ColumnNamesPatternMatchRatio": 1]),
      // Only signup_date contains "_d": 1 of 7.
      Self.rule(#"ColumnNamesMatchPattern "_d""#, .fail, ["Dataset.*.ColumnNamesPatternMatchRatio": 1.0 / 7]),
    ])
  }

  // MARK: Completeness

  @Test func completenessRules() throws {
    try Self.check([
      // name: row 6 empty → 9/10. age: "unknown" is a value, not NULL → 10/10.
      Self.rule(#"Completeness "name" >= 0.9"#, .pass, ["Column.name.Completeness": 0.9]),
      Self.rule(#"Completeness "age" = 1"#, .pass, ["Column.age.Completeness": 1]),
      // amount: "NA" (row 3) and empty (row 6) → 8/10.
      Self.rule(#"Completeness "amount" > 0.8"#, .fail, ["Column.amount.Completeness": 0.8]),
      Self.rule(#"IsComplete "id""#, .pass, ["Column.id.Completeness": 1]),
      Self.rule(#"IsComplete "amount""#, .fail, ["Column.amount.Completeness": 0.8], message: "2 NULL values"),
      // code row 6 is blank ("  "): NULL → 9/10.
      Self.rule(#"IsComplete "code""#, .fail, ["Column.code.Completeness": 0.9]),
    ])
  }

  /// NULL is missing, empty, blank, or the tokens NA, N/A, NULL, null, as the profile counts;
  /// "Null" and "nan" are values.
  @Test func nullIsMissingEmptyBlankOrAToken() throws {
    let csv = "v,k\nx,1\n,2\n\"  \",3\nNA,4\nN/A,5\nNULL,6\nnull,7\nNull,8\nnan,9\n"
    try Self.check(
      [
        // 9 rows; 6 NULL (empty, blank, NA, N/A, NULL, null) → 3/9.
        Self.rule(#"Completeness "v" > 0.34"#, .fail, ["Column.v.Completeness": 3.0 / 9]),
        // The NULLs of a condition are the same six: = NULL passes them.
        Self.rule(#"ColumnValues "v" = NULL"#, .fail, ["Column.v.ColumnValues.Compliance": 6.0 / 9]),
        // DistinctValuesCount: x, Null, nan.
        Self.rule(#"DistinctValuesCount "v" = 3"#, .pass, ["Column.v.DistinctValuesCount": 3]),
      ], on: csv)
  }

  // MARK: Moments

  @Test func momentRules() throws {
    try Self.check([
      // amount's numbers: 10, 20, 30, ..., 80 (n = 8; NA and empty ignored). Sum 360, mean 45.
      Self.rule(#"Mean "amount" = 45"#, .pass, ["Column.amount.Mean": 45]),
      Self.rule(#"Mean "amount" > 45"#, .fail, ["Column.amount.Mean": 45]),
      Self.rule(#"Sum "amount" = 360"#, .pass, ["Column.amount.Sum": 360]),
      Self.rule(#"Sum "amount" < 360"#, .fail, ["Column.amount.Sum": 360]),
      // Squared deviations 35²+25²+15²+5² twice = 2·2100 = 4200; population variance 4200/8 = 525,
      // deviation √525 = 22.9129 (the sample's would be √600 = 24.4949).
      Self.rule(#"StandardDeviation "amount" between 22.9 and 23"#, .pass, ["Column.amount.StandardDeviation": 525.0.squareRoot()]),
      Self.rule(#"StandardDeviation "amount" > 24"#, .fail, ["Column.amount.StandardDeviation": 525.0.squareRoot()]),
      Self.rule(#"Variance "amount" between 524.99 and 525.01"#, .pass, ["Column.amount.Variance": 525]),
      Self.rule(#"Variance "amount" >= 600"#, .fail, ["Column.amount.Variance": 525]),
    ])
  }

  /// "unknown" in age makes it a text column, and a text column has no mean: the rule fails
  /// with why (the row-level rules still read its numbers).
  @Test func momentsOfATextColumnFail() throws {
    try Self.check([
      Self.rule(#"Mean "age" > 0"#, .fail, message: "no numbers"),
      Self.rule(#"Sum "name" > 0"#, .fail, message: "no numbers"),
    ])
  }

  /// Deviation and variance divide by n (Deequ, Glue), not n − 1 (pandas, DuckDB's stddev).
  @Test func standardDeviationIsThePopulations() throws {
    // 4200/8 = 525, not 4200/7 = 600.
    let report = try Self.report([#"StandardDeviation "amount" < 23"#, #"Variance "amount" < 600"#])
    #expect(report.rules.map(\.result) == [.pass, .pass])
    #expect(relativeError(report.rules[0].metrics["Column.amount.StandardDeviation"]!, 525.0.squareRoot()) <= 1e-15)
    // The variance is exactly 525 (an exact sum of squares over 8): equal, not merely close.
    let exact = try Self.report([#"Variance "amount" = 525"#])
    #expect(exact.rules[0].metrics["Column.amount.Variance"] == 525)
    #expect(exact.rules[0].result == .pass)
  }

  // MARK: Counts of values

  @Test func valueCountRules() throws {
    try Self.check([
      // country (NULL in row 8 left out, 9 rows): DE ×4, FR ×3, US, de. Once only: US, de.
      // Uniqueness 2/9; UniqueValueRatio 2/4; distinct 4.
      Self.rule(#"Uniqueness "country" < 0.25"#, .pass, ["Column.country.Uniqueness": 2.0 / 9]),
      Self.rule(#"Uniqueness "country" > 0.5"#, .fail, ["Column.country.Uniqueness": 2.0 / 9]),
      // (name, country): 10 different tuples; rows 6 (NULL, FR) and 8 (Bob, NULL) count, not being all NULL.
      Self.rule(#"Uniqueness "name" "country" = 1"#, .pass, ["Multicolumn.name,country.Uniqueness": 1]),
      // (country, age): (DE, 34) in rows 1 and 10 → 8 of 10 once.
      Self.rule(#"Uniqueness "country" "age" >= 0.9"#, .fail, ["Multicolumn.country,age.Uniqueness": 0.8]),
      Self.rule(#"IsUnique "id""#, .pass, ["Column.id.Uniqueness": 1]),
      // name (9 non-NULL): Ann ×3, Bob ×2, four once → 4/9; 2 values repeat, in 5 rows.
      Self.rule(
        #"IsUnique "name""#, .fail, ["Column.name.Uniqueness": 4.0 / 9], message: "2 values of 'name' occur more than once, in 5 rows"),
      Self.rule(#"IsPrimaryKey "id""#, .pass, ["Column.id.Uniqueness": 1, "Column.id.Completeness": 1]),
      // age: 34 ×3 (rows 1, 5, 10); seven once → 7/10.
      Self.rule(#"IsPrimaryKey "age""#, .fail, ["Column.age.Uniqueness": 0.7], message: "1 value of 'age' occurs more than once, in 3 rows"),
      Self.rule(
        #"IsPrimaryKey "id" "age""#, .pass,
        ["Multicolumn.id,age.Uniqueness": 1, "Column.id.Completeness": 1, "Column.age.Completeness": 1]),
      // Unique tuples, but each column has a NULL.
      Self.rule(
        #"IsPrimaryKey "name" "country""#, .fail,
        ["Multicolumn.name,country.Uniqueness": 1, "Column.name.Completeness": 0.9, "Column.country.Completeness": 0.9],
        message: "'name' has 1 NULL value"),
      Self.rule(#"UniqueValueRatio "country" = 0.5"#, .pass, ["Column.country.UniqueValueRatio": 0.5]),
      // name: 4 once of 6 distinct (Ann, Bob, Zoë, Émile, 李雷, Chloé).
      Self.rule(#"UniqueValueRatio "name" > 0.7"#, .fail, ["Column.name.UniqueValueRatio": 4.0 / 6]),
      Self.rule(#"DistinctValuesCount "country" = 4"#, .pass, ["Column.country.DistinctValuesCount": 4]),
      Self.rule(#"DistinctValuesCount "country" > 4"#, .fail, ["Column.country.DistinctValuesCount": 4]),
      // −(4/9 ln 4/9 + 3/9 ln 3/9 + 2 · 1/9 ln 1/9) = 0.36041 + 0.36620 + 0.48827 = 1.21489 nats.
      Self.rule(#"Entropy "country" between 1.2 and 1.25"#, .pass, ["Column.country.Entropy": 1.2148896539491205]),
      // amount: 8 numbers once each → ln 8 = 2.07944.
      Self.rule(#"Entropy "amount" < 2"#, .fail, ["Column.amount.Entropy": log(8.0)]),
      // ids are unique: no row repeats.
      Self.rule("DuplicateRowCount = 0", .pass, ["Dataset.*.DuplicateRowCount": 0]),
      Self.rule("DuplicateRowCount > 0", .fail, ["Dataset.*.DuplicateRowCount": 0]),
      // country over all 10 rows: {DE, FR, US, de, NULL} → 10 − 5 = 5.
      Self.rule(#"DuplicateRowCount "country" = 5"#, .pass, ["Column.country.DuplicateRowCount": 5]),
      // (country, age): 9 distinct tuples → 10 − 9 = 1.
      Self.rule(#"DuplicateRowCount "country" "age" < 1"#, .fail, ["Multicolumn.country,age.DuplicateRowCount": 1]),
    ])
  }

  /// `[a, a, b, NULL]`: Uniqueness 1/3 (once-only values ÷ non-NULL rows), UniqueValueRatio 1/2
  /// (÷ distinct values).
  @Test func uniquenessDividesByRowsUniqueValueRatioByDistinct() throws {
    let csv = "c,k\na,1\na,2\nb,3\n,4\n"
    try Self.check(
      [
        Self.rule(#"Uniqueness "c" < 0.34"#, .pass, ["Column.c.Uniqueness": 1.0 / 3]),
        Self.rule(#"UniqueValueRatio "c" = 0.5"#, .pass, ["Column.c.UniqueValueRatio": 0.5]),
        // NULL is no value: a, b.
        Self.rule(#"DistinctValuesCount "c" = 2"#, .pass, ["Column.c.DistinctValuesCount": 2]),
      ], on: csv)
    // Over two columns a row is left out only when both are NULL: (a, 1) ×2, (b, NULL) → 1/3;
    // duplicates count every row: 4 rows − 3 distinct tuples = 1.
    try Self.check(
      [
        Self.rule(#"Uniqueness "c" "d" < 0.34"#, .pass, ["Multicolumn.c,d.Uniqueness": 1.0 / 3]),
        Self.rule(#"IsUnique "c" "d""#, .fail, ["Multicolumn.c,d.Uniqueness": 1.0 / 3], message: "in 2 rows"),
        Self.rule(#"DuplicateRowCount "c" "d" = 1"#, .pass, ["Multicolumn.c,d.DuplicateRowCount": 1]),
      ], on: "c,d,k\na,1,1\na,1,2\nb,,3\n,,4\n")
  }

  /// Natural logarithm, NULL left out: two values half and half give ln 2 = 0.693 nats, not 1 bit
  /// (and not the 1.0397 of counting the NULLs as a third value).
  @Test func entropyIsInNats() throws {
    let csv = "c,k\na,1\nb,2\na,3\nb,4\n,5\nNA,6\n"
    try Self.check(
      [
        Self.rule(#"Entropy "c" < 0.7"#, .pass, ["Column.c.Entropy": log(2.0)]),
        Self.rule(#"Entropy "c" >= 1"#, .fail, ["Column.c.Entropy": log(2.0)]),
      ], on: csv)
  }

  /// Rows that repeat an earlier row, NULLs equal to each other whatever their spelling:
  /// (1, x) ×3, (NULL, z) ×2 (empty and NA), (2, y) → 6 rows − 3 distinct = 3.
  @Test func duplicateRowCountCountsRepeatsWithNullsEqual() throws {
    let csv = "a,b\n1,x\n1,x\n,z\nNA,z\n2,y\n1,x\n"
    try Self.check(
      [
        Self.rule("DuplicateRowCount = 3", .pass, ["Dataset.*.DuplicateRowCount": 3]),
        Self.rule("DuplicateRowCount < 3", .fail, ["Dataset.*.DuplicateRowCount": 3]),
        // b alone: x ×3, z ×2, y → 6 − 3 = 3; a alone: 1 ×3, NULL ×2, 2 → 3.
        Self.rule(#"DuplicateRowCount "a" = 3"#, .pass, ["Column.a.DuplicateRowCount": 3]),
      ], on: csv)
  }

  // MARK: Correlation

  @Test func columnCorrelation() throws {
    // (id, amount) where both are numbers: x = 1 2 4 5 7 8 9 10, y = 10 … 80 (n = 8).
    // Sxy = 2630 − 8·5.75·45 = 560; Sxx = 340 − 8·5.75² = 75.5; Syy = 4200 → r = 560/√317100.
    let r1 = 560 / (75.5 * 4200).squareRoot()
    // (age, amount): rows 1 4 5 7 8 9 10 (row 2 "unknown", rows 3 and 6 NULL); x = 34 45 34 19 60 22 34,
    // y = 10 30 40 50 60 70 80. 7·Sxy = 7·11860 − 248·340 = −1300; 7·Sxx = 7·9938 − 248² = 8062;
    // 7·Syy = 7·20000 − 340² = 24400 → r = −1300/√(8062·24400) = −0.0927.
    let r2 = -1300 / (8062.0 * 24400).squareRoot()
    try Self.check([
      Self.rule(#"ColumnCorrelation "id" "amount" > 0.99"#, .pass, ["Multicolumn.id,amount.ColumnCorrelation": r1]),
      Self.rule(#"ColumnCorrelation "age" "amount" > 0"#, .fail, ["Multicolumn.age,amount.ColumnCorrelation": r2]),
    ])
    // A constant column has no correlation: the rule fails and says why.
    try Self.check(
      [
        Self.rule(#"ColumnCorrelation "a" "b" > 0"#, .fail, message: "undefined"),
        Self.rule(#"ColumnCorrelation "a" "a" > 0.99"#, .pass, ["Multicolumn.a,a.ColumnCorrelation": 1]),
      ], on: "a,b\n1,5\n2,5\n3,5\n")
  }

  // MARK: ColumnValues

  @Test func columnValuesOnNumbers() throws {
    let key = "Column.amount.ColumnValues.Compliance"
    try Self.check([
      Self.rule(#"ColumnValues "id" between 0 and 11"#, .pass, ["Column.id.ColumnValues.Compliance": 1]),
      // amount: 10 … 80 pass; NA and empty (NULL) fail → 8/10.
      Self.rule(#"ColumnValues "amount" > 5"#, .fail, [key: 0.8], message: "80.00 % of rows passed (8 of 10)"),
      Self.rule(#"ColumnValues "amount" > 5 with threshold >= 0.8"#, .pass, [key: 0.8]),
      Self.rule(#"ColumnValues "amount" > 5 with threshold > 0.8"#, .fail, [key: 0.8]),
      // age: "unknown" is no number and fails → 9/10.
      Self.rule(#"ColumnValues "age" > 18"#, .fail, ["Column.age.ColumnValues.Compliance": 0.9]),
      Self.rule(#"ColumnValues "age" <= 60 with threshold >= 0.9"#, .pass, ["Column.age.ColumnValues.Compliance": 0.9]),
      // in with NULL listed: 10, 20, NA, empty → 4/10; != and not in pass NULL: 9/10, 8/10.
      Self.rule(#"ColumnValues "amount" in [10, 20, NULL]"#, .fail, [key: 0.4]),
      Self.rule(#"ColumnValues "amount" != 10"#, .fail, [key: 0.9]),
      Self.rule(#"ColumnValues "amount" not in [10, 20]"#, .fail, [key: 0.8]),
      // NULL listed in not in: the two NULLs fail too → 6/10.
      Self.rule(#"ColumnValues "amount" not in [10, 20, NULL]"#, .fail, [key: 0.6]),
      Self.rule(#"ColumnValues "amount" in [10, 20, 30, 40, 50, 60, 70, 80, NULL]"#, .pass, [key: 1]),
    ])
  }

  /// `between a and b` is a < x < b, and `not between` its complement x <= a or x >= b (Deequ's
  /// evaluator); the failure says why a value on a bound fails.
  @Test func betweenExcludesItsBounds() throws {
    let key = "Column.amount.ColumnValues.Compliance"
    try Self.check([
      // 20 … 70 pass; 10, 80 and the NULLs fail → 6/10.
      Self.rule(#"ColumnValues "amount" between 10 and 80"#, .fail, [key: 0.6]),
      // 10 and 80 → 2/10 (NULLs fail not between too).
      Self.rule(#"ColumnValues "amount" not between 10 and 80"#, .fail, [key: 0.2]),
      Self.rule(#"ColumnValues "amount" between 9 and 81 with threshold >= 0.8"#, .pass, [key: 0.8]),
      Self.rule("RowCount between 10 and 11", .fail, message: "between excludes its bounds"),
      Self.rule("RowCount not between 10 and 11", .pass),
      Self.rule(#"Mean "amount" between 44 and 46"#, .pass),
      Self.rule(#"Mean "amount" between 45 and 46"#, .fail),
      // Lengths: Ann, Bob = 3 are on the bound → Émile, Chloé (5), Zoë (4) → 3/10.
      Self.rule(#"ColumnLength "name" between 3 and 6"#, .fail, ["Column.name.ColumnLength.Compliance": 0.3]),
    ])
  }

  @Test func columnValuesOnText() throws {
    let key = "Column.country.ColumnValues.Compliance"
    try Self.check([
      // DE ×4, FR ×3, US → 8; "de" and NULL fail.
      Self.rule(#"ColumnValues "country" in ["DE", "FR", "US"]"#, .fail, [key: 0.8]),
      Self.rule(#"ColumnValues "country" in ["DE", "FR", "US", "de", NULL]"#, .pass, [key: 1]),
      Self.rule(#"ColumnValues "country" = "DE""#, .fail, [key: 0.4]),
      // FR ×3, US, de, NULL → 6/10; with NULL listed the NULL fails → 5/10.
      Self.rule(#"ColumnValues "country" != "DE""#, .fail, [key: 0.6]),
      Self.rule(#"ColumnValues "country" not in ["DE"]"#, .fail, [key: 0.6]),
      Self.rule(#"ColumnValues "country" not in ["DE", NULL]"#, .fail, [key: 0.5]),
      Self.rule(#"ColumnValues "country" = NULL"#, .fail, [key: 0.1]),
      Self.rule(#"ColumnValues "country" != NULL"#, .fail, [key: 0.9]),
      Self.rule(#"ColumnValues "country" != NULL with threshold >= 0.9"#, .pass, [key: 0.9]),
      Self.rule(#"ColumnValues "country" not in ["XX", "YY"]"#, .pass, [key: 1]),
    ])
  }

  /// `with ignoreCase = "true"` compares text without case; NULL still fails.
  @Test func ignoreCase() throws {
    let key = "Column.country.ColumnValues.Compliance"
    try Self.check([
      // Only "de" → 1/10 with case; DE ×4, FR ×3, US, de → 9/10 without.
      Self.rule(#"ColumnValues "country" in ["de", "fr", "us"]"#, .fail, [key: 0.1]),
      Self.rule(#"ColumnValues "country" in ["de", "fr", "us"] with ignoreCase = "true""#, .fail, [key: 0.9]),
      Self.rule(#"ColumnValues "country" in ["de", "fr", "us"] with ignoreCase = "true" with threshold >= 0.9"#, .pass, [key: 0.9]),
      Self.rule(#"ColumnValues "country" = "de" with ignoreCase = "false""#, .fail, [key: 0.1]),
      // DE ×4 and de → 5/10.
      Self.rule(#"ColumnValues "country" = "De" with ignoreCase = "true""#, .fail, [key: 0.5]),
    ])
  }

  /// Case folding of non-ASCII letters, as Spark's lower() would: "émile" is "Émile" without case.
  /// Patterns too: `matches "[a-z]+"` takes "Ann" only without case (people: 9 names, one NULL).
  @Test func ignoreCaseReachesPatterns() throws {
    let strict = try Self.report([#"ColumnValues "name" matches "[a-z]+" with threshold > 0.5"#])
    let folded = try Self.report([#"ColumnValues "name" matches "[a-z]+" with ignoreCase = "true" with threshold > 0.5"#])
    // Strictly nothing is lower case only; without case Ann ×3, Bob ×2 match (É, ë, é, 李雷 do not).
    #expect(strict.rules[0].metrics["Column.name.ColumnValues.Compliance"] == 0)
    #expect(folded.rules[0].metrics["Column.name.ColumnValues.Compliance"] == 0.5)
    #expect(folded.rules[0].result == .fail)
  }

  @Test func ignoreCaseFoldsNonASCIILetters() throws {
    let folded = try Self.report([#"ColumnValues "name" = "\#u{E9}mile" with ignoreCase = "true""#])
    #expect(folded.rules[0].metrics["Column.name.ColumnValues.Compliance"] == 0.1)
    // ASCII letters fold: "chloé" matches "Chloé".
    let report = try Self.report([#"ColumnValues "name" = "chlo\#u{E9}" with ignoreCase = "true""#])
    #expect(report.rules[0].metrics["Column.name.ColumnValues.Compliance"] == 0.1)
  }

  /// EMPTY is the empty value, WHITESPACES_ONLY a blank one; both are also NULL here (onboard
  /// reads them as NULL, as the profile does), so = EMPTY and = NULL both take row 6.
  @Test func columnValuesKeywords() throws {
    try Self.check([
      Self.rule(#"ColumnValues "name" = EMPTY"#, .fail, ["Column.name.ColumnValues.Compliance": 0.1]),
      Self.rule(#"ColumnValues "name" != EMPTY"#, .fail, ["Column.name.ColumnValues.Compliance": 0.9]),
      Self.rule(#"ColumnValues "name" != EMPTY with threshold >= 0.9"#, .pass, ["Column.name.ColumnValues.Compliance": 0.9]),
      // code row 6 is "  ".
      Self.rule(#"ColumnValues "code" in [WHITESPACES_ONLY]"#, .fail, ["Column.code.ColumnValues.Compliance": 0.1]),
      Self.rule(#"ColumnValues "code" not in [WHITESPACES_ONLY, EMPTY]"#, .fail, ["Column.code.ColumnValues.Compliance": 0.9]),
      // The "NA" token is NULL, not EMPTY: the empty row 6 only → 1/10.
      Self.rule(#"ColumnValues "amount" in [EMPTY]"#, .fail, ["Column.amount.ColumnValues.Compliance": 0.1]),
      // Every value is a listed text, EMPTY or blank: Ann… and the empty row 6.
      Self.rule(
        #"ColumnValues "name" in ["Ann", "Bob", "Zoe\#u{308}", "\#u{C9}mile", "\#u{674E}\#u{96F7}", "Chlo\#u{E9}", EMPTY]"#, .pass,
        ["Column.name.ColumnValues.Compliance": 1]),
    ])
  }

  /// `matches` holds when the whole value matches (`^(?:p)$`), as Deequ's DQDL evaluator anchors
  /// it; NULL fails both matches and not matches.
  @Test func matchesIsAFullMatch() throws {
    let key = "Column.code.ColumnValues.Compliance"
    try Self.check([
      // AB-1, XY-3, AB-4, AB-7, AB-9, AB-10 → 6/10 (ab-2, 1.5, blank, 007 fail).
      Self.rule(#"ColumnValues "code" matches "[A-Z]{2}-[0-9]+""#, .fail, [key: 0.6]),
      Self.rule(#"ColumnValues "code" matches "[A-Z]{2}-[0-9]+" with threshold >= 0.6"#, .pass, [key: 0.6]),
      // A search would find "AB" in five values; a full match in none.
      Self.rule(#"ColumnValues "code" matches "AB""#, .fail, [key: 0]),
      // One digit: AB-10 does not match → 4/10.
      Self.rule(#"ColumnValues "code" matches "AB-[0-9]""#, .fail, [key: 0.4]),
      // ab-2, 1.5, 007 → 3/10; the blank (NULL) fails.
      Self.rule(#"ColumnValues "code" not matches "[A-Z]{2}-[0-9]+""#, .fail, [key: 0.3]),
      Self.rule(#"ColumnValues "id" matches "[0-9]+""#, .pass, ["Column.id.ColumnValues.Compliance": 1]),
    ])
  }

  @Test func columnValuesOnDates() throws {
    let key = "Column.signup_date.ColumnValues.Compliance"
    try Self.check([
      // now − 30 days = 2025-12-02: 12-31, 12-25, 12-30, 12-31T12:00 → 4/10 (NULL, "not a date" fail).
      Self.rule(#"ColumnValues "signup_date" > (now() - 30 days)"#, .fail, [key: 0.4]),
      // The 8 dates and timestamps are all before now.
      Self.rule(#"ColumnValues "signup_date" <= now()"#, .fail, [key: 0.8]),
      Self.rule(#"ColumnValues "signup_date" <= now() with threshold >= 0.8"#, .pass, [key: 0.8]),
      // 2024-01-01 is out → 7/10.
      Self.rule(#"ColumnValues "signup_date" between "2025-01-01" and "2026-01-01""#, .fail, [key: 0.7]),
      // A date is its midnight: only row 1, not the timestamp at noon.
      Self.rule(#"ColumnValues "signup_date" = "2025-12-31""#, .fail, [key: 0.1]),
      // A date string is that day's midnight: only the timestamp at noon is later.
      Self.rule(#"ColumnValues "signup_date" > "2025-12-31""#, .fail, [key: 0.1]),
      // Bounds excluded: 12-25 and 12-30 (12-01 is on a bound; 12-31T12:00 is past 12-31 00:00).
      Self.rule(#"ColumnValues "signup_date" between "2025-12-01" and "2025-12-31""#, .fail, [key: 0.2]),
      // A time of day is today's (2026-01-01 21:30 UTC): every date is earlier.
      Self.rule(#"ColumnValues "signup_date" < "9:30 PM""#, .fail, [key: 0.8]),
      // now − 800 days = 2023-10-24; every date is later → 8/10 passes at 0.8.
      Self.rule(#"ColumnValues "signup_date" > (now() - 800 days) with threshold >= 0.8"#, .pass, [key: 0.8]),
    ])
  }

  /// NULL fails every operator but `!=` and `not in`, for numbers, text, dates and patterns.
  /// Rows: a value that meets each condition, an empty (NULL) row and a row of null tokens.
  @Test func nullFailsEveryOperatorButNotEqualAndNotIn() throws {
    let csv = "x,t,d\n5,a,2025-12-31\n,,\nNA,NULL,N/A\n"
    let failing = [
      #""x" = 5"#, #""x" > 4"#, #""x" >= 5"#, #""x" < 6"#, #""x" <= 5"#, #""x" between 4 and 6"#, #""x" not between 6 and 9"#,
      #""x" in [5, 6]"#, #""t" = "a""#, #""t" in ["a", "b"]"#, #""t" matches "a""#, #""t" not matches "b""#,
      #""d" = "2025-12-31""#, #""d" > "2025-01-01""#, #""d" <= now()"#, #""d" between "2025-01-01" and now()"#,
      #""d" in ["2025-12-31"]"#, #""t" != NULL"#, #""x" not in [6, NULL]"#,
    ]
    let passing = [
      #""x" != 6"#, #""x" not in [6, 7]"#, #""t" != "b""#, #""t" not in ["b"]"#, #""d" != "2025-01-01""#, #""d" not in [now()]"#,
    ]
    let rules = (failing + passing).map { "ColumnValues " + $0 }
    let report = try Self.report(rules, on: csv)
    for (rule, outcome) in zip(rules, report.rules) {
      let compliance = outcome.metrics.first { $0.key.hasSuffix(".ColumnValues.Compliance") }?.value
      // 1 of 3 rows when NULL fails; all 3 when it passes.
      let expected = rules.firstIndex(of: rule)! < failing.count ? 1.0 / 3 : 1.0
      #expect(compliance == expected, "\(rule): \(outcome.message ?? "")")
    }
  }

  // MARK: ColumnLength, ColumnDataType, DataFreshness

  @Test func columnLength() throws {
    let key = "Column.name.ColumnLength.Compliance"
    try Self.check([
      // Lengths: 3 3 4 3 5 0 2 3 3 5 (NULL 0).
      Self.rule(#"ColumnLength "name" <= 5"#, .pass, [key: 1]),
      Self.rule(#"ColumnLength "name" > 2 with threshold >= 0.8"#, .pass, [key: 0.8]),
      Self.rule(#"ColumnLength "name" > 2"#, .fail, [key: 0.8]),
      // Unicode scalars: "Zoe" + U+0308 is 4 (3 characters, 5 bytes); 李雷 is 2 (6 bytes).
      Self.rule(#"ColumnLength "name" = 4"#, .fail, [key: 0.1]),
      Self.rule(#"ColumnLength "name" = 2"#, .fail, [key: 0.1]),
      Self.rule(#"ColumnLength "name" in [2, 3, 4, 5]"#, .fail, [key: 0.9]),
    ])
  }

  /// NULL has length 0, whether empty, blank or a token ("NA" is not 2 long).
  @Test func columnLengthCountsNullAsZero() throws {
    try Self.check([
      Self.rule(#"ColumnLength "name" = 0"#, .fail, ["Column.name.ColumnLength.Compliance": 0.1]),
      // amount: "NA" and empty → 2/10.
      Self.rule(#"ColumnLength "amount" = 0"#, .fail, ["Column.amount.ColumnLength.Compliance": 0.2]),
      // code: the blank "  " is 0, not 2 → AB-10 alone is 5 long.
      Self.rule(#"ColumnLength "code" = 0"#, .fail, ["Column.code.ColumnLength.Compliance": 0.1]),
      // name: every value is longer than 1 but the NULL.
      Self.rule(#"ColumnLength "name" between 1 and 6"#, .fail, ["Column.name.ColumnLength.Compliance": 0.9]),
    ])
  }

  @Test func columnDataType() throws {
    try Self.check([
      // amount: 8 integers; NA and empty are NULL and pass.
      Self.rule(#"ColumnDataType "amount" = "INTEGER""#, .pass, ["Column.amount.ColumnDataType.Compliance": 1]),
      // age: "unknown" fails → 9/10.
      Self.rule(#"ColumnDataType "age" = "INTEGER""#, .fail, ["Column.age.ColumnDataType.Compliance": 0.9]),
      Self.rule(#"ColumnDataType "age" = "INTEGER" with threshold >= 0.9"#, .pass, ["Column.age.ColumnDataType.Compliance": 0.9]),
      // Dates: 7 dates and the NULL pass; "not a date" and the timestamp fail → 8/10.
      Self.rule(#"ColumnDataType "signup_date" = "DATE""#, .fail, ["Column.signup_date.ColumnDataType.Compliance": 0.8]),
      Self.rule(#"ColumnDataType "signup_date" in ["DATE", "TIMESTAMP"]"#, .fail, ["Column.signup_date.ColumnDataType.Compliance": 0.9]),
      // name: every value is text, so != "INTEGER" passes all.
      Self.rule(#"ColumnDataType "name" != "INTEGER""#, .pass, ["Column.name.ColumnDataType.Compliance": 1]),
    ])
  }

  /// NULL passes (a type says nothing of missing values); INTEGER is 32 bits, LONG 64; "1.5" is no
  /// INTEGER (Spark would cut it to 1).
  /// DECIMAL(p,s) counts the value's digits before the point, as Spark does: 0.50 and 0 fit
  /// DECIMAL(2,2), 1.5 does not, 12 fits DECIMAL(3,1) and 123 does not.
  @Test func columnDataTypeDecimalCountsTheValuesIntegerDigits() throws {
    let csv = "v\n0.50\n0\n.99\n1.5\n"
    let r = try Self.report([#"ColumnDataType "v" = "DECIMAL(2,2)" with threshold > 0.7"#], on: csv)
    #expect(r.rules[0].metrics["Column.v.ColumnDataType.Compliance"] == 0.75)
    let wider = try Self.report([#"ColumnDataType "v" = "DECIMAL(3,1)""#], on: "v\n12\n-12.5\n123\n")
    #expect(wider.rules[0].metrics["Column.v.ColumnDataType.Compliance"] == 2.0 / 3)
  }

  @Test func columnDataTypePassesNullAndIntegerFitsInt32() throws {
    // 1, 1.5, 2^31 − 1, 2^31, −2^31, empty, NA, abc.
    let csv = "v,k\n1,a\n1.5,b\n2147483647,c\n2147483648,d\n-2147483648,e\n,f\nNA,g\nabc,h\n"
    let key = "Column.v.ColumnDataType.Compliance"
    try Self.check(
      [
        // 1, 2147483647, −2147483648 and the two NULLs → 5/8.
        Self.rule(#"ColumnDataType "v" = "INTEGER""#, .fail, [key: 5.0 / 8]),
        // LONG adds 2147483648 → 6/8.
        Self.rule(#"ColumnDataType "v" = "LONG""#, .fail, [key: 6.0 / 8]),
        // DOUBLE adds 1.5 → 7/8; abc alone fails.
        Self.rule(#"ColumnDataType "v" = "DOUBLE""#, .fail, [key: 7.0 / 8]),
        Self.rule(#"ColumnDataType "v" in ["DOUBLE", "STRING"]"#, .pass, [key: 1]),
        // Not INTEGER: 1.5, 2147483648, abc; the NULLs still pass → 5/8.
        Self.rule(#"ColumnDataType "v" != "INTEGER""#, .fail, [key: 5.0 / 8]),
      ], on: csv)
  }

  /// Age = now − value, in the condition's unit; NULL and text that is no date fail.
  @Test func dataFreshnessIsNowMinusValueAndNullFails() throws {
    let key = "Column.signup_date.DataFreshness.Compliance"
    try Self.check([
      // Ages at 2026-01-01: 1 d, 31 d, 199 d, NULL, 731 d, 7 d, 42 d, 2 d, no date, 12 h → ≤ 30 days: 4/10.
      Self.rule(#"DataFreshness "signup_date" <= 30 days"#, .fail, [key: 0.4]),
      // 2025-12-01 is exactly 31 days old → 5/10.
      Self.rule(#"DataFreshness "signup_date" <= 31 days"#, .fail, [key: 0.5]),
      // Bounds excluded: 7 d and 2 d only (1 d and 31 d are on them, 12 h below) → 2/10.
      Self.rule(#"DataFreshness "signup_date" between 1 days and 31 days"#, .fail, [key: 0.2]),
      // Every date is less than 1000 days old; the NULL and the text still fail → 8/10.
      Self.rule(#"DataFreshness "signup_date" < 1000 days"#, .fail, [key: 0.8]),
      // Older than 400 days: 2024-01-01 alone.
      Self.rule(#"DataFreshness "signup_date" > 400 days"#, .fail, [key: 0.1]),
    ])
    // Every row fresh: 12 h and 42 h old.
    try Self.check(
      [
        Self.rule(#"DataFreshness "d" <= 2 days"#, .pass, ["Column.d.DataFreshness.Compliance": 1]),
        Self.rule(#"DataFreshness "d" <= 24 hours"#, .fail, ["Column.d.DataFreshness.Compliance": 0.5]),
      ], on: "d,k\n2025-12-31T12:00:00Z,1\n2025-12-30T06:00:00,2\n")
  }

  // MARK: Rules that cannot be evaluated, missing columns, history

  /// CustomSql is an ERROR until onboard compiles SQL; `where` clauses filter (WhereClauseTests).
  @Test func customSqlIsAnErrorWhereFilters() throws {
    try Self.check([
      Self.rule(#"CustomSql "select count(*) from primary" > 0"#, .error, message: "CustomSql"),
      // country = 'DE': rows 1, 3, 7, 10, aged 34, 27, 19, 34.
      Self.rule(#"ColumnValues "age" > 18 where "country = 'DE'""#, .pass, ["Column.age.ColumnValues.Compliance": 1]),
      Self.rule(#"RowCount > 4 where "country = 'DE'""#, .fail, ["Dataset.*.RowCount": 4]),
    ])
  }

  /// A condition that cannot apply is an ERROR found before any row is read.
  @Test func invalidPatternsAndTypesAreErrors() throws {
    try Self.check([
      Self.rule(#"ColumnValues "code" matches "[""#, .error, message: "not a valid regular expression"),
      Self.rule(#"ColumnNamesMatchPattern "[""#, .error, message: "not a valid regular expression"),
      Self.rule(#"ColumnDataType "age" = "FOO""#, .error, message: "not a type"),
    ])
  }

  /// A rule on a missing column fails, with the column named, whatever its type.
  @Test func ruleOnAMissingColumnFails() throws {
    try Self.check([
      Self.rule(#"Completeness "region" > 0.5"#, .fail, message: "column 'region' does not exist"),
      Self.rule(#"Mean "region" > 0"#, .fail, message: "'region'"),
      Self.rule(#"Uniqueness "id" "region" > 0"#, .fail, message: "'region'"),
      Self.rule(#"ColumnValues "region" = "DE""#, .fail, message: "'region'"),
      Self.rule(#"ColumnLength "region" > 0"#, .fail, message: "'region'"),
      Self.rule(#"ColumnCorrelation "id" "region" > 0"#, .fail, message: "'region'"),
      Self.rule(#"DuplicateRowCount "region" = 0"#, .fail, message: "'region'"),
    ])
  }

  /// `last(k)` with no metric history passes and says so, until there are earlier runs.
  @Test func lastWithoutHistoryPasses() throws {
    try Self.check([
      Self.rule("RowCount > avg(last(3))", .pass, ["Dataset.*.RowCount": 10], message: "no earlier runs"),
      Self.rule(#"Completeness "name" >= min(last(5)) - 0.1"#, .pass, ["Column.name.Completeness": 0.9], message: "no earlier runs"),
    ])
  }

  // MARK: Composites, labels, analyzers

  /// `a or b and c` is `a or (b and c)`, as in the grammar.
  @Test func andBindsTighterThanOr() throws {
    try Self.check([
      // true or (false and false) → PASS; (true or false) and false would fail.
      Self.rule("RowCount = 10 or RowCount = 0 and ColumnCount = 0", .pass),
      Self.rule("(RowCount = 10 or RowCount = 0) and ColumnCount = 0", .fail),
      // (false and true) or true → PASS; false and (true or true) would fail.
      Self.rule("RowCount = 0 and ColumnCount = 7 or RowCount = 10", .pass),
    ])
  }

  @Test func composites() throws {
    try Self.check([
      // Metrics of both sides, united.
      Self.rule("(RowCount = 10) and (ColumnCount = 7)", .pass, ["Dataset.*.RowCount": 10, "Dataset.*.ColumnCount": 7]),
      Self.rule(#"(RowCount = 10) and (Completeness "amount" = 1)"#, .fail, ["Column.amount.Completeness": 0.8], message: "Completeness"),
      Self.rule(#"(RowCount = 0) or (IsComplete "id")"#, .pass, ["Dataset.*.RowCount": 10, "Column.id.Completeness": 1]),
      Self.rule("(RowCount = 0) or (ColumnCount = 0)", .fail, message: "ColumnCount"),
      // An error decides `and` unless a side fails; `or` passes if a side passes.
      Self.rule(#"(CustomSql "select 1" > 0) and (RowCount = 10)"#, .error),
      Self.rule(#"(CustomSql "select 1" > 0) and (RowCount = 0)"#, .fail),
      Self.rule(#"(CustomSql "select 1" > 0) or (RowCount = 10)"#, .pass),
      Self.rule(#"(CustomSql "select 1" > 0) or (RowCount = 0)"#, .error),
    ])
  }

  /// Every outcome carries DefaultLabels, overridden by the rule's own.
  @Test func labelsInOutcomes() throws {
    let report = try Self.report(
      [
        #"RowCount = 10 labels=["tier"="silver", "owner"="risk"]"#, "ColumnCount = 0",
        #"((RowCount = 10) and (ColumnCount = 7)) labels=["k"="v"]"#,
      ],
      preamble: #"DefaultLabels = ["team"="data", "tier"="gold"]"# + "\n")
    #expect(report.rules.map(\.result) == [.pass, .fail, .pass])
    #expect(report.rules[0].labels == ["team": "data", "tier": "silver", "owner": "risk"])
    #expect(report.rules[1].labels == ["team": "data", "tier": "gold"])
    #expect(report.rules[2].labels == ["team": "data", "tier": "gold", "k": "v"])
    #expect(report.rules.map(\.name) == ["Rule_1", "Rule_2", "Rule_3"])
    #expect(report.rules[0].description == #"RowCount = 10 labels=["tier"="silver", "owner"="risk"]"#)
  }

  /// AllStatistics reports the profile's figures; a missing column gives a message, no metrics.
  @Test func allStatisticsAnalyzer() throws {
    let report = try Self.report(
      ["RowCount > 0"],
      analyzers: [
        #"AllStatistics "amount""#, #"AllStatistics "code""#, #"AllStatistics "region""#, #"Completeness "code""#, #"AllStatistics "name""#,
      ])
    #expect(report.analyzers.map(\.name) == ["Analyzer_1", "Analyzer_2", "Analyzer_3", "Analyzer_4", "Analyzer_5"])
    // amount: 8 numbers 10 … 80 → mean 45, sum 360, population deviation √525, min 10, max 80.
    let amount: [String: Double] = [
      "Dataset.*.RowCount": 10, "Column.amount.Completeness": 0.8, "Column.amount.ApproximateDistinctValuesCount": 8,
      "Column.amount.Mean": 45, "Column.amount.Sum": 360, "Column.amount.StandardDeviation": 525.0.squareRoot(),
      "Column.amount.Minimum": 10, "Column.amount.Maximum": 80,
    ]
    Self.expectMetrics(report.analyzers[0].metrics, amount)
    // code: 9 distinct (the blank is NULL); lengths 3 (1.5, 007) to 5 (AB-10); no moments for text.
    let code: [String: Double] = [
      "Dataset.*.RowCount": 10, "Column.code.Completeness": 0.9, "Column.code.ApproximateDistinctValuesCount": 9,
      "Column.code.MinimumLength": 3, "Column.code.MaximumLength": 5,
    ]
    Self.expectMetrics(report.analyzers[1].metrics, code)
    #expect(report.analyzers[1].metrics["Column.code.Mean"] == nil)
    #expect(report.analyzers[2].message?.contains("'region'") == true)
    #expect(report.analyzers[2].metrics.isEmpty)
    #expect(report.analyzers[3].metrics == ["Column.code.Completeness": 0.9])
    #expect(report.analyzers.allSatisfy { $0.description.isEmpty == false })
    // name holds personal names: a sensitive column's shortest and longest lengths are withheld.
    #expect(report.analyzers[4].metrics["Column.name.Completeness"] == 0.9)
    #expect(report.analyzers[4].metrics["Column.name.MinimumLength"] == nil)
  }

  static func expectMetrics(_ got: [String: Double], _ expected: [String: Double], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(Set(got.keys) == Set(expected.keys), sourceLocation: sourceLocation)
    for (key, value) in expected {
      let close = got[key].map { relativeError($0, value) <= 1e-12 } ?? false
      let shown = got[key].map { "\($0)" } ?? "missing"
      #expect(close, "\(key) is \(shown), expected \(value)", sourceLocation: sourceLocation)
    }
  }

  /// The report counts what the rules came to; the score is passed ÷ rules.
  @Test func reportCountsAndScore() throws {
    let report = try Self.report(["RowCount = 10", "RowCount = 0", #"CustomSql "select 1" > 0"#, "ColumnCount = 7"])
    #expect((report.passed, report.failed, report.errored) == (2, 1, 1))
    #expect(report.score == 0.5)
    #expect(report.rows == 10)
    #expect(report.startedOn == Self.now)
  }
}
