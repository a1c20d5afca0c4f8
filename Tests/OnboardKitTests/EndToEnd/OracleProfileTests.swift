import Foundation
import Testing

@testable import OnboardKit

/// The profile against DuckDB: `scripts/oracle_profile.py` computes each column's count, nulls,
/// distinct, min, max, sum, mean and sample standard deviation with DuckDB; ours must agree.
/// The oracle's Python comes from `ONBOARD_ORACLE_PYTHON` (set by `scripts/test.sh`).
@Suite(.serialized) struct OracleProfileTests {
  struct OracleColumn {
    var count: Int
    var nulls: Int
    var distinct: Int
    var min: Any?
    var max: Any?
    var sum: Double?
    var mean: Double?
    var stddev: Double?
  }

  /// A JSON number as a `Double`. Foundation's JSONSerialization (on Linux) gives long decimals as
  /// NSDecimalNumber, whose `doubleValue` is off by a few ulps (11154.400000000001 → 11154.4), so
  /// those are read back from their digits.
  static func number(_ value: Any?) -> Double? {
    switch value {
    case let n as NSDecimalNumber: Double(n.description)
    case let d as Double: d
    case let i as Int: Double(i)
    case let n as NSNumber: n.doubleValue
    default: nil
    }
  }

  /// Runs the oracle; `nil` (with an issue recorded) when it is not configured.
  static func oracle(_ csv: String, arguments: [String] = []) throws -> [String: OracleColumn]? {
    guard let answer = try OraclePython.json([OraclePython.script("oracle_profile.py"), csv] + arguments) else { return nil }
    let json = try #require(answer as? [String: [String: Any]])
    return json.mapValues { c in
      OracleColumn(
        count: c["count"] as? Int ?? -1, nulls: c["nulls"] as? Int ?? -1, distinct: c["distinct"] as? Int ?? -1,
        min: c["min"] is NSNull ? nil : c["min"], max: c["max"] is NSNull ? nil : c["max"],
        sum: number(c["sum"]), mean: number(c["mean"]), stddev: number(c["stddev"]))
    }
  }

  static func profile(_ path: String, dialect: CSVDialect, threads: Int, batchSize: Int = 65_536) throws -> TableProfile {
    let reader = try CSVReader(source: FileSource(path: path), dialect: dialect, batchSize: batchSize)
    var rejected = 0
    let profile = try Profiler(threads: threads).profile(reader) { rejected += $0.count }.result()
    #expect(rejected == 0)
    return profile
  }

  static func scalarNumber(_ s: ProfileScalar?) -> Double? {
    switch s {
    case .integer(let i): Double(i)
    case .number(let d): d
    default: nil
    }
  }

  static func scalarText(_ s: ProfileScalar?) -> String? {
    if case .string(let t) = s { return t }
    return nil
  }

  /// Compares every column; `exactSums` lists columns whose sums must match to the bit.
  static func compare(_ ours: TableProfile, _ duck: [String: OracleColumn], exactSums: Set<String> = []) {
    #expect(Set(duck.keys) == Set(ours.columns.map(\.name)))
    for column in ours.columns {
      guard let d = duck[column.name] else {
        Issue.record("DuckDB has no column \(column.name)")
        continue
      }
      let name = column.name
      #expect(column.rows - column.nulls == d.count, "\(name): count")
      #expect(column.nulls == d.nulls, "\(name): nulls")
      if d.distinct <= DistinctCount.exactLimit {
        #expect(column.distinct == d.distinct, "\(name): distinct")
        #expect(column.distinctStandardError == nil, "\(name): exact distinct")
      } else {
        #expect(relativeError(Double(column.distinct), Double(d.distinct)) < 3 * HyperLogLog.standardError, "\(name): distinct \(column.distinct) vs \(d.distinct)")
        #expect(column.distinctStandardError == HyperLogLog.standardError)
      }
      if let dMin = number(d.min), let dMax = number(d.max) {
        #expect(column.inferredType.isNumeric, "\(name): DuckDB reads it as numbers")
        #expect(scalarNumber(column.minimum) == dMin, "\(name): min")
        #expect(scalarNumber(column.maximum) == dMax, "\(name): max")
        guard let sum = column.sum, let dSum = d.sum, let mean = column.mean, let dMean = d.mean else {
          Issue.record("\(name): missing sum or mean")
          continue
        }
        if exactSums.contains(name) {
          #expect(sum == dSum, "\(name): sum")
        } else {
          #expect(relativeError(sum, dSum) < 1e-9, "\(name): sum \(sum) vs \(dSum)")
        }
        #expect(relativeError(mean, dMean) < 1e-9, "\(name): mean \(mean) vs \(dMean)")
        if let dStd = d.stddev {
          let std = column.standardDeviation ?? .nan
          #expect(relativeError(std, dStd) < 1e-9, "\(name): stddev \(std) vs \(dStd)")
        } else {
          #expect(column.standardDeviation == nil, "\(name): stddev")
        }
      } else {
        #expect(!column.inferredType.isNumeric, "\(name): DuckDB does not read it as numbers")
        #expect(scalarText(column.minimum) == d.min as? String, "\(name): min")
        #expect(scalarText(column.maximum) == d.max as? String, "\(name): max")
        #expect(column.sum == nil && column.mean == nil, "\(name): no moments for text")
      }
    }
  }

  @Test func germanCreditDecoded() throws {
    guard let duck = try Self.oracle(TestPaths.decodedCSV.path, arguments: ["--delimiter", ","]) else { return }
    let ours = try Self.profile(TestPaths.decodedCSV.path, dialect: CSVDialect(), threads: 2)
    #expect(ours.rows == 1000)
    Self.compare(ours, duck, exactSums: Set(ours.columns.filter { $0.inferredType == .integer }.map(\.name)))
  }

  @Test func germanDataRaw() throws {
    let names = (1 ... 21).map { "column_\($0)" }
    guard let duck = try Self.oracle(
      TestPaths.germanData.path, arguments: ["--no-header", "--delimiter", " ", "--columns", names.joined(separator: ",")])
    else { return }
    let ours = try Self.profile(TestPaths.germanData.path, dialect: CSVDialect(delimiter: UInt8(ascii: " "), header: false), threads: 2)
    #expect(ours.columns.map(\.name) == names)
    #expect(ours["column_5"]?.inferredType == .integer)
    Self.compare(ours, duck, exactSums: Set(ours.columns.filter { $0.inferredType == .integer }.map(\.name)))
  }

  /// 100,000 rows: ints with about 3% empty, 2-decimal amounts, dates, booleans, a category, and
  /// free text with commas, quotes and the odd line break, so fields need RFC 4180 quoting.
  static func generatedCSV(in folder: TemporaryFolder) throws -> String {
    var rng = SplitMix64(seed: 20_240_229)
    let words = ["loan", "rush", "Müller", "x", "order", "café", "a,b", "say \"hi\"", "late", "ok", "2024", "-"]
    let categories = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
    var text = "id,qty,price,day,flag,category,note\n"
    text.reserveCapacity(6_000_000)
    for id in 1 ... 100_000 {
      let qty = rng.next() % 100 < 3 ? "" : String(Int64(rng.next() % 5501) - 500)
      let cents = Int64(rng.next() % 2_000_000) - 100_000
      let price = (cents < 0 ? "-" : "") + "\(abs(cents) / 100).\(String(abs(cents) % 100 + 100).dropFirst())"
      var dayOut: [UInt8] = []
      ValueFormatter.appendDate(18_262 + Int(rng.next() % 2_000), to: &dayOut)
      let day = String(decoding: dayOut, as: UTF8.self)
      let flag = rng.next() % 2 == 0 ? "true" : "false"
      let category = categories[Int(rng.next() % UInt64(categories.count))]
      var note = (0 ..< Int(rng.next() % 4) + 1).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
      if rng.next() % 500 == 0 { note += "\nsecond line" }
      note += " #\(rng.next() % 3_000)"
      let quoted = "\"" + note.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      text += "\(id),\(qty),\(price),\(day),\(flag),\(category),\(quoted)\n"
    }
    return try folder.write("generated.csv", text).path
  }

  @Test func generatedHundredThousandRows() throws {
    let folder = try TemporaryFolder()
    let path = try Self.generatedCSV(in: folder)
    guard let duck = try Self.oracle(path, arguments: ["--delimiter", ","]) else { return }
    let ours = try Self.profile(path, dialect: CSVDialect(), threads: 2, batchSize: 4_096)
    #expect(ours.rows == 100_000)
    #expect(ours["id"]?.inferredType == .integer)
    #expect(ours["qty"]?.inferredType == .integer)
    #expect(ours["qty"]?.nullable == true)
    #expect(ours["price"]?.inferredType == .decimal(precision: 7, scale: 2))
    #expect(ours["day"]?.inferredType == .date)
    #expect(ours["flag"]?.inferredType == .boolean)
    #expect(ours["category"]?.inferredType == .string)
    #expect(ours["note"]?.inferredType == .string)
    #expect((ours["qty"]?.nulls ?? 0) > 2_000 && (ours["qty"]?.nulls ?? 0) < 4_000)
    #expect(ours["id"]?.distinctStandardError != nil, "100,000 distinct ids are past the exact limit")
    Self.compare(ours, duck, exactSums: ["id", "qty"])
  }

  /// Thread counts split the work differently; the profile must not depend on it beyond rounding
  /// and the sketches' stated errors (quantile sketches and floating-point moments merge in worker
  /// order). `FullProfileOracleTests.expectAgreement` says what must be identical and what must agree
  /// to 1e-12; top values merge in batch order, so with equal batches even sketched ones are
  /// identical. This file adds quoted fields with line breaks and an odd thread count; the oracle
  /// checks of each profile's sketches are in `FullProfileOracleTests`.
  @Test func threadCountsGiveAgreeingProfiles() throws {
    let folder = try TemporaryFolder()
    let path = try Self.generatedCSV(in: folder)
    let one = try Self.profile(path, dialect: CSVDialect(), threads: 1, batchSize: 4_096)
    #expect(one["category"]?.topValuesMaximumError == nil)
    #expect(one["category"]?.topValues?.count == 6)
    #expect(one["flag"]?.topValues?.map(\.value).sorted() == ["false", "true"])
    let three = try Self.profile(path, dialect: CSVDialect(), threads: 3, batchSize: 4_096)
    FullProfileOracleTests.expectAgreement(one, three, sameBatches: true, label: "3 threads:")
  }
}
