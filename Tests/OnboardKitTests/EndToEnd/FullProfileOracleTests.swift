import Foundation
import Testing

@testable import OnboardKit

/// Every figure of the profile against DuckDB and pandas/numpy (`scripts/oracle_profile.py --full`):
/// counts, distinct values, ranges and moments, skewness and kurtosis, quantiles, histograms, signs,
/// z-score outliers, text lengths, shapes, top values, entropy, e-mail findings, duplicate rows and
/// correlations. Exact statistics must be equal (floating ones to 1e-9 relative); sketched ones must
/// be within the error the profile itself states, checked against the exact answer.
@Suite(.serialized) struct FullProfileOracleTests {
  // MARK: The oracle

  /// What `oracle_profile.py --full` answers.
  struct Oracle {
    var rows: Int
    var columns: [String: [String: Any]]
    var duplicateRows: Int
    var correlations: [(columns: [String], pearson: Double, rows: Int)]
    /// Per column: the true rank range [#(< y) + 1, #(≤ y)] of each value asked about.
    var quantileRanks: [String: [Double: (low: Int, high: Int)]] = [:]
  }

  /// Runs the oracle; `quantiles` are values (per column) whose true ranks it should report.
  /// nil (with an issue recorded) when no oracle is configured.
  static func oracle(_ csv: String, arguments: [String] = ["--delimiter", ","], quantiles: [String: [Double]] = [:]) throws -> Oracle? {
    var arguments = [OraclePython.script("oracle_profile.py"), csv, "--full"] + arguments
    if !quantiles.isEmpty {
      // `description` is Swift's shortest round-tripping form, which Python's float() reads back exactly.
      let body = try quantiles.keys.sorted().map { name in
        String(decoding: try JSONEncoder().encode(name), as: UTF8.self) + ": [" + quantiles[name]!.map(\.description).joined(separator: ", ") + "]"
      }
      arguments += ["--check-quantiles", "{" + body.joined(separator: ", ") + "}"]
    }
    guard let answer = try OraclePython.json(arguments) else { return nil }
    let json = try #require(answer as? [String: Any])
    let columns = try #require(json["columns"] as? [String: [String: Any]])
    let pairs = try #require(json["correlations"] as? [[String: Any]]).map { p in
      (columns: p["columns"] as? [String] ?? [], pearson: number(p["pearson"]) ?? .nan, rows: p["rows"] as? Int ?? -1)
    }
    var oracle = Oracle(
      rows: try #require(json["rows"] as? Int), columns: columns, duplicateRows: try #require(json["duplicate_rows"] as? Int),
      correlations: pairs)
    for (name, values) in quantiles {
      let ranks = try #require(columns[name]?["quantile_ranks"] as? [[Int]], "\(name): quantile ranks")
      try #require(ranks.count == values.count)
      oracle.quantileRanks[name] = Dictionary(zip(values, ranks.map { (low: $0[0], high: $0[1]) })) { a, _ in a }
    }
    return oracle
  }

  /// A JSON number as a `Double`, read from its digits where Foundation would round it.
  static func number(_ value: Any?) -> Double? { OracleProfileTests.number(value) }

  static func numbers(_ value: Any?) -> [Double]? { (value as? [Any])?.compactMap(number) }

  /// `[[text, count], ...]` as pairs.
  static func counted(_ value: Any?) -> [(String, Int)] {
    ((value as? [[Any]]) ?? []).compactMap { pair in
      guard pair.count == 2, let text = pair[0] as? String, let count = pair[1] as? Int else { return nil }
      return (text, count)
    }
  }

  static func scalarNumber(_ s: ProfileScalar?) -> Double? { OracleProfileTests.scalarNumber(s) }
  static func scalarText(_ s: ProfileScalar?) -> String? { OracleProfileTests.scalarText(s) }

  /// The quantile values each profile reports, per column, to ask the oracle for their true ranks.
  static func reportedQuantiles(_ profiles: [TableProfile]) -> [String: [Double]] {
    var out: [String: Set<Double>] = [:]
    for profile in profiles {
      for column in profile.columns {
        guard let q = column.quantiles else { continue }
        out[column.name, default: []].formUnion(q.values.map(\.value))
      }
    }
    return out.mapValues { $0.sorted() }
  }

  static func accumulate(_ path: String, threads: Int, batchSize: Int = 65_536) throws -> ProfileAccumulator {
    let reader = try CSVReader(source: FileSource(path: path), dialect: CSVDialect(), batchSize: batchSize)
    var rejected = 0
    let accumulator = try Profiler(threads: threads).profile(reader) { rejected += $0.count }
    #expect(rejected == 0)
    return accumulator
  }

  // MARK: Comparing with the oracle

  /// Checks every figure of `ours` against the oracle. `exactSums` names columns whose sums must be
  /// equal to the bit (integers: DuckDB sums them exactly as doubles below 2^53, and so must we).
  static func compare(_ ours: TableProfile, _ oracle: Oracle, exactSums: Set<String> = [], label: String = "") {
    #expect(ours.rows == oracle.rows, "\(label) rows")
    #expect(Set(oracle.columns.keys) == Set(ours.columns.map(\.name)), "\(label) columns")
    for column in ours.columns {
      guard let o = oracle.columns[column.name] else {
        Issue.record("\(label) the oracle has no column \(column.name)")
        continue
      }
      compare(column, o, rows: oracle.rows, ranks: oracle.quantileRanks[column.name] ?? [:], exactSum: exactSums.contains(column.name), label: label)
    }

    // Duplicate rows: pandas' `duplicated().sum()`; exact below the exact limit.
    let duplicates = ours.duplicateRows
    #expect(duplicates?.rows == oracle.rows, "\(label) duplicate rows: rows")
    #expect(duplicates?.isExact == true && duplicates?.standardError == 0, "\(label) duplicate rows are exact here")
    #expect(duplicates?.duplicateRows == oracle.duplicateRows, "\(label) duplicate rows: \(String(describing: duplicates?.duplicateRows)) vs \(oracle.duplicateRows)")

    // Correlations: the same pairs in the same order (file order), r to 1e-9, pairwise complete rows.
    let pairs = ours.correlations ?? []
    #expect(pairs.map(\.columns) == oracle.correlations.map(\.columns), "\(label) correlated pairs")
    for (a, b) in zip(pairs, oracle.correlations) where a.columns == b.columns {
      #expect(relativeError(a.pearson, b.pearson) < 1e-9, "\(label) r(\(a.columns)): \(a.pearson) vs \(b.pearson)")
      #expect(a.rows == b.rows, "\(label) r(\(a.columns)): rows \(a.rows) vs \(b.rows)")
    }
  }

  static func compare(_ c: ColumnProfile, _ o: [String: Any], rows: Int, ranks: [Double: (low: Int, high: Int)], exactSum: Bool, label: String) {
    let name = "\(label) \(c.name)"
    let count = o["count"] as? Int ?? -1
    #expect(c.rows == rows, "\(name): rows")
    #expect(c.nulls == o["nulls"] as? Int, "\(name): nulls")
    #expect(c.rows - c.nulls == count, "\(name): count")
    // A CSV writes a null as an empty field, so here every null is an empty string.
    #expect(c.emptyStrings == c.nulls, "\(name): empty strings")
    #expect(c.completeness == (rows == 0 ? 1 : Double(count) / Double(rows)), "\(name): completeness")

    // Distinct values: exact up to the limit, then HyperLogLog within 3 standard errors.
    let distinct = o["distinct"] as? Int ?? -1
    if distinct <= DistinctCount.exactLimit {
      #expect(c.distinct == distinct && c.distinctStandardError == nil, "\(name): distinct \(c.distinct) vs \(distinct)")
    } else {
      let se = c.distinctStandardError ?? .nan
      #expect(relativeError(Double(c.distinct), Double(distinct)) < 3 * se, "\(name): distinct \(c.distinct) vs \(distinct), se \(se)")
    }

    let numeric = o["numeric"] as? Bool ?? false
    #expect(c.inferredType.isNumeric == numeric, "\(name): numeric (\(c.inferredType))")
    if c.sensitive {
      // Values are left out of a sensitive column (SensitiveValuesNeverLeakTests searches the outputs).
      #expect(c.minimum == nil && c.maximum == nil && c.topValues == nil && c.shapes == nil, "\(name): sensitive, values shown")
      #expect(c.quantiles == nil && c.histogram == nil, "\(name): sensitive, distribution shown")
    }
    if numeric {
      compareNumeric(c, o, count: count, ranks: ranks, exactSum: exactSum, name: name)
    } else {
      if !c.sensitive {
        #expect(scalarText(c.minimum) == o["min"] as? String, "\(name): min \(String(describing: c.minimum))")
        #expect(scalarText(c.maximum) == o["max"] as? String, "\(name): max \(String(describing: c.maximum))")
      }
      #expect(c.sum == nil && c.mean == nil && c.standardDeviation == nil && c.populationStandardDeviation == nil, "\(name): no moments")
      #expect(c.skewness == nil && c.kurtosis == nil && c.quantiles == nil && c.histogram == nil, "\(name): no distribution")
      #expect(c.zeros == nil && c.negatives == nil && c.outliers == nil, "\(name): no signs")
    }

    // Lengths in Unicode scalars, for text columns (not numbers, not dates).
    if c.inferredType.isNumeric || c.inferredType.isTemporal {
      #expect(c.lengths == nil, "\(name): no lengths for \(c.inferredType)")
    } else if let lengths = c.lengths {
      #expect(lengths.count == count, "\(name): lengths over every value")
      if c.sensitive {
        // The shortest and longest length could give a lone secret's length away: only the mean is kept.
        #expect(lengths.minimum == nil && lengths.maximum == nil, "\(name): no length range when sensitive")
      } else {
        #expect(lengths.minimum == o["length_min"] as? Int && lengths.maximum == o["length_max"] as? Int, "\(name): length range")
      }
      #expect(relativeError(lengths.mean ?? .nan, number(o["length_mean"]) ?? .nan) < 1e-12, "\(name): mean length")
    } else {
      Issue.record("\(name): a text column without lengths")
    }

    // Entropy: exact while the distinct values are counted exactly.
    if let entropy = c.entropy {
      let bits = number(o["entropy_bits"]) ?? .nan
      #expect(entropy.isExact == (distinct <= DistinctCount.exactLimit), "\(name): entropy exact")
      if entropy.isExact {
        #expect(abs(entropy.bits - bits) <= 1e-9 * max(bits, 1), "\(name): entropy \(entropy.bits) vs \(bits)")
      } else {
        // Past the limit the estimate spreads the values outside the top ones evenly over the other
        // distinct values: the most entropy they can have, so it is an upper estimate (no stated
        // error), short of the truth only as far as the distinct count is (3 standard errors:
        // log2(1 + 3·se) bits). It is a distribution over `distinct` values: at most log2(distinct).
        let se = c.distinctStandardError ?? 0
        #expect(entropy.bits >= bits - log2(1 + 3 * se), "\(name): estimated entropy \(entropy.bits) vs \(bits)")
        #expect(entropy.bits <= log2(Double(c.distinct)) + 1e-9, "\(name): estimated entropy \(entropy.bits) past log2(\(c.distinct))")
      }
    } else {
      #expect(count == 0, "\(name): entropy")
    }

    if !c.sensitive {
      compareTop(c.topValues, error: c.topValuesMaximumError, o["top_values"], name: "\(name): top values")
      compareTop(c.shapes, error: c.shapesMaximumError, o["shapes"], name: "\(name): shapes")
    }

    // E-mail findings: the share of values that look like e-mail addresses decides (0.8 without a name hint).
    let emails = o["email_like"] as? Int ?? 0
    if count > 0, Double(emails) / Double(count) >= 0.8 {
      let finding = c.personalData
      #expect(finding?.kind == PIIKind.email.rawValue, "\(name): e-mail addresses")
      #expect(finding?.matchingValues == emails && finding?.nonNullValues == count, "\(name): e-mail evidence")
      #expect(finding?.share == Double(emails) / Double(count), "\(name): e-mail share")
    } else {
      #expect(c.personalData?.kind != PIIKind.email.rawValue, "\(name): not e-mail addresses")
    }
  }

  static func compareNumeric(_ c: ColumnProfile, _ o: [String: Any], count: Int, ranks: [Double: (low: Int, high: Int)], exactSum: Bool, name: String) {
    if !c.sensitive {
      #expect(scalarNumber(c.minimum) == number(o["min"]), "\(name): min \(String(describing: c.minimum))")
      #expect(scalarNumber(c.maximum) == number(o["max"]), "\(name): max \(String(describing: c.maximum))")
    }
    let constant = number(o["min"]) == number(o["max"])
    func close(_ ours: Double?, _ key: String, exact: Bool = false) {
      guard let theirs = number(o[key]) else {
        #expect(ours == nil, "\(name): \(key) \(String(describing: ours)), the oracle has none")
        return
      }
      guard let ours else {
        Issue.record("\(name): no \(key), the oracle says \(theirs)")
        return
      }
      if exact {
        #expect(ours == theirs, "\(name): \(key) \(ours) vs \(theirs)")
      } else {
        // Relative, with an absolute floor for figures that are zero (a constant column's skew).
        #expect(abs(ours - theirs) <= 1e-9 * max(abs(theirs), 1e-6), "\(name): \(key) \(ours) vs \(theirs)")
      }
    }
    close(c.sum, "sum", exact: exactSum)
    close(c.mean, "mean")
    close(c.standardDeviation, "stddev")
    close(c.populationStandardDeviation, "stddev_pop")
    if constant {
      // A constant column: skewness and kurtosis are 0/0. We report 0, as pandas 2 did; pandas 3
      // (libalgos.scalar_skew/kurt) gives NaN, which the oracle writes as null. Either is a
      // convention, not a computation, so the test pins ours and accepts both of pandas'.
      #expect(c.skewness == 0 && c.kurtosis == 0, "\(name): constant skewness and kurtosis")
      #expect([nil, 0].contains(number(o["skew"])) && [nil, 0].contains(number(o["kurt"])), "\(name): pandas' constant skew/kurt")
    } else {
      close(c.skewness, "skew")
      close(c.kurtosis, "kurt")
    }
    #expect(c.zeros == o["zeros"] as? Int, "\(name): zeros \(String(describing: c.zeros))")
    #expect(c.negatives == o["negatives"] as? Int, "\(name): negatives \(String(describing: c.negatives))")

    // Quantiles: equal to numpy's inverted_cdf while exact; otherwise the value's true rank range
    // [#(< y) + 1, #(≤ y)] must come within the stated maximumRankError of the target ⌈p·n/100⌉.
    let expected = numbers(o["quantiles"]) ?? []
    if let q = c.quantiles {
      let error = q.maximumRankError ?? 0
      // The stated bound on the error: ε·n, ε = (1 + log2(n/k)) / k (see QuantileSketch).
      #expect(Double(error) <= QuantileSketch.epsilon(count: count) * Double(count), "\(name): rank error \(error) past ε·n")
      #expect(count > QuantileSketch.k || q.maximumRankError == nil, "\(name): quantiles exact up to k values")
      for (i, (percent, value)) in q.values.enumerated() {
        if q.maximumRankError == nil {
          #expect(i < expected.count && value == expected[i], "\(name): p\(percent) \(value) vs \(i < expected.count ? expected[i] : .nan)")
        } else if let range = ranks[value] {
          let target = max(1, (percent * count + 99) / 100)
          #expect(range.low - error <= target && target <= range.high + error,
            "\(name): p\(percent) = \(value) has ranks \(range.low)...\(range.high), target \(target) ± \(error)")
        } else {
          Issue.record("\(name): p\(percent) = \(value) was not ranked by the oracle")
        }
      }
    } else if !c.sensitive {
      Issue.record("\(name): quantiles are missing")
    }

    // Histogram: numpy's edges; counts exact while the sketch is, else within maxCountError.
    let histogram = o["histogram"] as? [String: Any]
    let edges = numbers(histogram?["edges"]) ?? []
    let counts = numbers(histogram?["counts"])?.map { Int($0) } ?? []
    if let h = c.histogram {
      #expect(h.bins.map(\.count).reduce(0, +) == count, "\(name): histogram holds every value")
      if constant {
        // By design a constant column gets one bin [v, v] holding every value, exactly; numpy
        // spreads ten bins over v ± 0.5 with all values in the middle one.
        #expect(h.bins.count == 1 && h.bins.first?.count == count && h.maximumCountError == 0, "\(name): one exact bin for a constant")
        #expect(counts.reduce(0, +) == count && counts.max() == count)
      } else {
        #expect(h.maximumCountError == 2 * (c.quantiles?.maximumRankError ?? 0), "\(name): histogram error")
        #expect(h.bins.count == 10 && edges.count == 11 && counts.count == 10, "\(name): ten bins")
        for (i, bin) in h.bins.enumerated() where i < counts.count && i + 1 < edges.count {
          #expect(bin.lower == edges[i] && bin.upper == edges[i + 1], "\(name): bin \(i) edges [\(bin.lower), \(bin.upper)] vs [\(edges[i]), \(edges[i + 1])]")
          #expect(abs(bin.count - counts[i]) <= h.maximumCountError, "\(name): bin \(i) count \(bin.count) vs \(counts[i]) ± \(h.maximumCountError)")
        }
      }
    } else if !c.sensitive {
      Issue.record("\(name): histogram is missing")
    }

    // Z-score outliers: each side within maximumError (0 while the sketch is exact).
    if let outliers = c.outliers {
      #expect(outliers.threshold == 3)
      #expect(outliers.maximumError == (c.quantiles?.maximumRankError ?? outliers.maximumError), "\(name): outliers error")
      let low = o["z_low"] as? Int ?? -1, high = o["z_high"] as? Int ?? -1
      #expect(abs(outliers.low - low) <= outliers.maximumError, "\(name): low outliers \(outliers.low) vs \(low) ± \(outliers.maximumError)")
      #expect(abs(outliers.high - high) <= outliers.maximumError, "\(name): high outliers \(outliers.high) vs \(high) ± \(outliers.maximumError)")
    } else {
      Issue.record("\(name): no outliers")
    }
  }

  /// Top values or shapes against the oracle's most frequent first list (ties by value). Exact:
  /// the same list. Sketched: every reported count c is an undercount by at most `error`, and no
  /// value left out can be more frequent than the smallest reported count (or `error`) plus `error`.
  static func compareTop(_ ours: [TopValues.Entry]?, error: Int?, _ oracleValue: Any?, name: String) {
    let theirs = counted(oracleValue)
    guard let ours else {
      #expect(theirs.isEmpty, "\(name) are missing")
      return
    }
    guard let error else {
      let expected = theirs.prefix(10).map { TopValues.Entry(value: $0.0, count: $0.1) }
      #expect(ours == Array(expected), "\(name): \(ours.prefix(4)) vs \(expected.prefix(4))")
      return
    }
    let truth = Dictionary(theirs, uniquingKeysWith: { a, _ in a })
    let smallestListed = theirs.last?.1 ?? 0
    for entry in ours {
      if let t = truth[entry.value] {
        #expect(entry.count <= t && t <= entry.count + error, "\(name): \(entry.value) \(entry.count) vs \(t) (error \(error))")
      } else {
        // Not among the oracle's most frequent: its true count is at most the last one listed.
        #expect(entry.count <= smallestListed, "\(name): \(entry.value) \(entry.count) beyond the oracle's list")
      }
    }
    let reported = Set(ours.map(\.value))
    let floor = (ours.count == 10 ? max(ours.map(\.count).min() ?? 0, error) : error) + error
    for (value, t) in theirs where !reported.contains(value) {
      #expect(t <= floor, "\(name): \(value) (\(t) times) is missing; at most \(floor) may be")
    }
  }

  // MARK: German credit

  /// 1,000 rows: every sketch is exact, so every figure must equal the oracle's.
  @Test func germanCreditEveryFigureMatches() throws {
    let path = TestPaths.decodedCSV.path
    guard let oracle = try Self.oracle(path) else { return }
    let ours = try Self.accumulate(path, threads: 2).result()
    #expect(ours.rows == 1000)
    #expect(ours.columns.allSatisfy { !$0.sensitive }, "no personal data detected")
    #expect(ours.columns.allSatisfy { $0.quantiles?.maximumRankError == nil && $0.topValuesMaximumError == nil && $0.shapesMaximumError == nil })
    #expect(ours.columns.allSatisfy { $0.outliers?.maximumError ?? 0 == 0 && $0.histogram?.maximumCountError ?? 0 == 0 })
    #expect(ours["credit_amount"]?.outliers.map { $0.low + $0.high } ?? 0 > 0, "credit amounts have outliers to compare")
    #expect((ours.correlations ?? []).count == 21, "seven numeric columns, 21 pairs")
    Self.compare(ours, oracle, exactSums: Set(ours.columns.filter { $0.inferredType == .integer }.map(\.name)))
  }

  // MARK: A generated file, at several thread counts and batch sizes

  struct Generated {
    var path: String
    var rows: Int
    var plantedDuplicates: Int
  }

  /// Writes the test file with `scripts/generate_profile_data.py` (deterministic; see the script for
  /// its columns: a unique key past every exact limit, integers with nulls, decimals with negatives
  /// and zeros, a heavy-tailed column with outliers, a constant, dates, categories, e-mail addresses,
  /// two correlated columns, and about 1,500 copies of earlier rows). nil when no Python is configured.
  static func generate(in folder: TemporaryFolder) throws -> Generated? {
    let path = folder.file("generated.csv").path
    guard let answer = try OraclePython.json([OraclePython.script("generate_profile_data.py"), path]) as? [String: Any] else { return nil }
    return Generated(path: path, rows: try #require(answer["rows"] as? Int), plantedDuplicates: try #require(answer["planted_duplicates"] as? Int))
  }

  /// The generated file profiled with 1, 2 and 4 threads and two batch sizes (one test, so the
  /// file is written and the oracle runs once). For each profile: exact statistics equal the
  /// oracle's; sketched ones (distinct values past 65,536, quantiles, histogram counts and outliers
  /// past 4,096 values, top values and shapes past 1,024) are within their own stated error of the
  /// exact answer. Across profiles: exact statistics are identical, floating-point ones agree to
  /// 1e-12, and with the same batch size top values (even sketched ones) are identical, as the
  /// profiler merges them in batch order.
  @Test func generatedFileMatchesTheOracleAtAnyThreadCountAndBatchSize() throws {
    let folder = try TemporaryFolder()
    guard let generated = try Self.generate(in: folder) else { return }
    var profiles: [(label: String, batchSize: Int, profile: TableProfile)] = []
    var hiddenProfiles: [TableProfile] = []
    for (threads, batchSize) in [(1, 4_096), (2, 4_096), (4, 32_768)] {
      let label = "\(threads) threads, batches of \(batchSize):"
      let accumulator = try Self.accumulate(generated.path, threads: threads, batchSize: batchSize)
      // The e-mail column is detected as personal data and so hidden like a sensitive one; declared
      // not sensitive (as a recipe can), its values are shown and compared too.
      let hidden = accumulator.result()
      #expect(hidden.columns.filter(\.sensitive).map(\.name) == ["contact"], "\(label) detected personal data is sensitive")
      hiddenProfiles.append(hidden)
      profiles.append((label, batchSize, accumulator.result(declared: ["contact"])))
    }
    guard let oracle = try Self.oracle(generated.path, quantiles: Self.reportedQuantiles(profiles.map(\.profile))) else { return }

    // The file is what the test means it to be (so the comparisons below test what they claim).
    let ours = profiles[0].profile
    #expect(ours.rows == generated.rows && generated.rows > 100_000)
    #expect(oracle.duplicateRows == generated.plantedDuplicates, "pandas finds exactly the planted copies")
    #expect(ours["key"]?.distinctStandardError != nil, "the key column is past the exact distinct limit")
    #expect(ours["key"]?.entropy?.isExact == false)
    #expect(ours["key"]?.topValuesMaximumError != nil, "the key column's top values are sketched")
    #expect(ours["quantity"]?.inferredType == .integer && ours["quantity"]?.nullable == true)
    #expect(ours["balance"]?.inferredType == .decimal(precision: 6, scale: 2))
    #expect(ours["day"]?.inferredType == .date)
    #expect(ours["constant"]?.inferredType == .integer && ours["constant"]?.distinct == 1)
    #expect((ours["balance"]?.zeros ?? 0) > 1_000 && (ours["balance"]?.negatives ?? 0) > 10_000)
    #expect((ours["latency_ms"]?.outliers?.high ?? 0) > 10, "the heavy tail has outliers")
    let varying = ours.columns.filter { $0.inferredType.isNumeric && $0.minimum != $0.maximum }
    #expect(varying.map(\.name) == ["quantity", "balance", "latency_ms", "x", "y"])
    #expect(varying.allSatisfy { $0.quantiles?.maximumRankError != nil }, "every varying column's quantiles are sketched")
    #expect((ours.correlations ?? []).count == 10, "five varying numeric columns, ten pairs; the constant one has no r")
    let xy = ours.correlations?.first { $0.columns == ["x", "y"] }
    #expect((xy?.pearson ?? 0) > 0.7, "x and y are correlated")
    #expect((xy?.rows ?? 0) < generated.rows, "y has nulls, so fewer complete pairs")
    #expect(ours.columns.filter { $0.personalData != nil }.map(\.name) == ["contact"], "only the e-mail column is personal data")

    let reference = profiles[0]
    for ((label, batchSize, profile), hidden) in zip(profiles, hiddenProfiles) {
      Self.compare(profile, oracle, exactSums: ["quantity", "constant"], label: label)
      Self.compare(hidden, oracle, exactSums: ["quantity", "constant"], label: label + " (contact hidden)")
      Self.expectAgreement(reference.profile, profile, sameBatches: batchSize == reference.batchSize, label: label)
    }
  }

  static func expectAgreement(_ a: TableProfile, _ b: TableProfile, sameBatches: Bool, label: String) {
    func close(_ x: Double?, _ y: Double?, scale: Double = 1e-6) -> Bool {
      guard let x, let y else { return x == nil && y == nil }
      return abs(x - y) <= 1e-12 * max(abs(x), abs(y), scale)
    }
    /// Skewness, kurtosis and r have no unit and a natural scale of 1: near 0 they are small
    /// differences of large sums (skewness 0.004 of x here moves by 1e-13 with the merge order, a
    /// relative 3e-11), so they agree to 1e-12 of max(|value|, 1).
    func closeShape(_ x: Double?, _ y: Double?) -> Bool { close(x, y, scale: 1) }
    #expect(a.rows == b.rows && a.duplicateRows == b.duplicateRows, "\(label) rows and duplicates")
    #expect(a.correlations?.map(\.columns) == b.correlations?.map(\.columns), "\(label) correlated pairs")
    for (x, y) in zip(a.correlations ?? [], b.correlations ?? []) {
      #expect(x.rows == y.rows && closeShape(x.pearson, y.pearson), "\(label) r(\(x.columns)): \(x.pearson) vs \(y.pearson)")
    }
    #expect(a.columns.map(\.name) == b.columns.map(\.name), "\(label) columns")
    for (x, y) in zip(a.columns, b.columns) {
      let name = "\(label) \(x.name)"
      #expect(x.inferredType == y.inferredType && x.nullable == y.nullable && x.typeReason == y.typeReason, "\(name): type")
      #expect(x.rows == y.rows && x.nulls == y.nulls && x.emptyStrings == y.emptyStrings && x.completeness == y.completeness, "\(name): nulls")
      // HyperLogLog registers merge by maximum, so even the estimate is identical.
      #expect(x.distinct == y.distinct && x.distinctStandardError == y.distinctStandardError, "\(name): distinct")
      #expect(x.minimum == y.minimum && x.maximum == y.maximum, "\(name): range")
      #expect(x.zeros == y.zeros && x.negatives == y.negatives, "\(name): signs")
      #expect(x.lengths == y.lengths, "\(name): lengths")
      #expect(x.personalData == y.personalData && x.sensitive == y.sensitive, "\(name): personal data")
      #expect(close(x.sum, y.sum) && close(x.mean, y.mean), "\(name): sum \(String(describing: x.sum)) vs \(String(describing: y.sum)), mean")
      #expect(close(x.standardDeviation, y.standardDeviation) && close(x.populationStandardDeviation, y.populationStandardDeviation), "\(name): deviations")
      #expect(closeShape(x.skewness, y.skewness), "\(name): skewness \(String(describing: x.skewness)) vs \(String(describing: y.skewness))")
      #expect(closeShape(x.kurtosis, y.kurtosis), "\(name): kurtosis \(String(describing: x.kurtosis)) vs \(String(describing: y.kurtosis))")
      // Top values merge in batch order: with the same batches even the sketch (and the entropy
      // estimated from it) is identical. Shapes merge per worker, so only exact ones must be equal.
      if x.entropy?.isExact == true || y.entropy?.isExact == true || sameBatches { #expect(x.entropy == y.entropy, "\(name): entropy") }
      if x.topValuesMaximumError == nil || y.topValuesMaximumError == nil || sameBatches {
        #expect(x.topValues == y.topValues && x.topValuesMaximumError == y.topValuesMaximumError, "\(name): top values")
      }
      if x.shapesMaximumError == nil || y.shapesMaximumError == nil {
        #expect(x.shapes == y.shapes && x.shapesMaximumError == y.shapesMaximumError, "\(name): shapes")
      }
    }
  }
}
