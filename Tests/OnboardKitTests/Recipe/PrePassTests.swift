import Foundation
import Testing

@testable import OnboardKit

/// Steps that learn from a whole column before changing rows: the selections they rely on are
/// exact whatever path they take, a run reads the source again for them without counting rows
/// twice, and what they fill agrees with DuckDB.
@Suite struct PrePassTests {
  static func column(_ values: [String?]) -> [Batch] {
    // Three batches, so passes cross batch boundaries.
    let third = max(1, values.count / 3)
    return stride(from: 0, to: values.count, by: third).map { start in
      StepExamplesTests.batch(ExampleTable(["x"], values[start ..< min(values.count, start + third)].map { [$0] }))
    }
  }

  static func randomDecimals(_ n: Int, seed: UInt64, crowded: Bool) -> [String] {
    var rng = SplitMix64(seed: seed)
    return (0 ..< n).map { i in
      if crowded && i % 2 == 0 { return "7.5\(rng.next() % 10)" }  // half the values share a 16-bit prefix
      let cents = Int64(rng.next() % 2_000_001) - 1_000_000
      return StepNumber.exact(cents, scale: 2).text.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }
  }

  /// Every path of the radix selection (one pass, narrowed prefixes, full 64-bit keys) gives the
  /// ranks a full sort gives.
  @Test(arguments: [(held: 1 << 20, crowded: false), (held: 500, crowded: false), (held: 50, crowded: true), (held: 1, crowded: true)])
  func rankSelectionIsExact(held: Int, crowded: Bool) throws {
    let values = Self.randomDecimals(20_001, seed: 7, crowded: crowded) + ["-0", "0", "0.00"]
    let sorted = values.compactMap { StepNumber(parameter: $0) }.sorted { StepNumber.compare($0, $1) < 0 }
    let ranks = [0, 1, sorted.count / 4, sorted.count / 2, sorted.count - 1]
    let (count, found) = try RankSelection.select(
      ranks: { _ in ranks }, of: 0, in: PrePass(batches: Self.column(values)), held: held)
    #expect(count == sorted.count)
    let expected = ranks.map { sorted[$0] }
    #expect(try #require(found).map { $0.double } == expected.map { $0.double })
  }

  /// The most frequent values are exact on each path: exact sketch, candidates recounted, and a
  /// full hash count when no value stands out.
  @Test(arguments: ["few", "standout", "flat"])
  func frequentValuesAreExact(shape: String) throws {
    var rng = SplitMix64(seed: 11)
    var values: [String?] = []
    switch shape {
    case "few": values = (0 ..< 5_000).map { _ in "v\(rng.next() % 50)" }
    case "standout": values = (0 ..< 30_000).map { i in i % 7 == 0 ? "common" : "u\(rng.next() % 20_000)" }
    default: values = (0 ..< 6_000).map { "id\($0 % 3_000)" } + ["id17", "id2999", nil, ""]
    }
    var counts: [String: Int] = [:]
    for case let v? in values where !v.isEmpty { counts[v, default: 0] += 1 }
    let best = counts.values.max()!
    let expected = counts.filter { $0.value == best }.keys.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
    let (found, count) = try FrequentValues.mostFrequent(of: 0, in: PrePass(batches: Self.column(values))) { value, _, key in
      key.append(contentsOf: value)
      return true
    }
    #expect(count == best)
    #expect(found == expected)
  }

  /// A run with learning steps: the pre-passes see the rows as the earlier steps leave them
  /// (duplicates removed, filters applied), and rows are counted once.
  @Test func runLearnsFromRowsAsTheyReachTheStep() throws {
    let folder = try TemporaryFolder()
    try folder.write("data.csv", """
      id,region,amount
      1,north,10
      1,north,10
      2,north,
      3,south,1000
      4,north,30
      5,south,
      6,north,n/a

      """)
    let recipe = try Recipe.load(path: folder.write("r.yaml", """
      product: {name: t}
      source: {path: data.csv}
      steps:
        - remove_duplicates: {source_column: id}
        - remove_values: {source_column: amount, when: [{condition: is, target_column: amount, value: ['n/a']}]}
        - fill_with_average: {source_column: amount, when: [{condition: is, target_column: region, value: [north]}]}
        - fill_with_median: {source_column: amount}
      target: {path: out}

      """).path)
    let result = try Pipeline.run(recipe: recipe)
    #expect(result.manifest.accounting.rowsRead == 7)
    #expect(result.manifest.accounting.rowsFiltered == 2)
    #expect(result.manifest.accounting.balanced)
    let rows = SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8))
    // North's mean is (10 + 30) / 2 = 20, not 15 (the duplicate row is gone); south's missing
    // amount then takes the median of 10, 20, 1000, 30 = 25.
    #expect(rows == [["id", "region", "amount"], ["1", "north", "10"], ["2", "north", "20"], ["3", "south", "1000"],
                     ["4", "north", "30"], ["5", "south", "25"]])
  }

  /// On 200,000 generated rows read in several batches, the filled mean, median, mode and most
  /// frequent value and the z-scores agree with DuckDB's avg, median, mode and stddev_samp.
  @Test func fillsAgreeWithDuckDB() throws {
    let folder = try TemporaryFolder()
    var rng = SplitMix64(seed: 42)
    var csv = "amount,city\n"
    let cities = ["Berlin", "Köln", "Bonn", "Essen", "Ulm"]
    for i in 0 ..< 200_000 {
      let amount = rng.next() % 20 == 0 ? "" : StepNumber.exact(Int64(rng.next() % 500_000) - 100_000, scale: 2).text
        .withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
      let city = i % 9 == 0 ? "" : cities[Int(rng.next() % UInt64(cities.count))] + (i % 3 == 0 ? "" : "\(rng.next() % 1000)")
      csv += "\(amount),\(city)\n"
    }
    let data = try folder.write("data.csv", csv)

    guard let amount = try OraclePython.json([OraclePython.script("oracle_fill.py"), data.path, "amount"]) as? [String: Any],
      let city = try OraclePython.json([OraclePython.script("oracle_fill.py"), data.path, "city"]) as? [String: Any]
    else { return }

    let recipe = try Recipe.load(path: folder.write("r.yaml", """
      product: {name: t}
      source: {path: data.csv}
      steps:
        - duplicate: {source_column: amount, target_column: mean}
        - duplicate: {source_column: amount, target_column: median}
        - duplicate: {source_column: amount, target_column: mode}
        - fill_with_average: {source_column: mean}
        - fill_with_median: {source_column: median}
        - fill_with_mode: {source_column: mode}
        - fill_with_most_frequent: {source_column: city}
        - normalization: {source_column: amount, strategy: Z_SCORE, target_column: z}
      target: {path: out}

      """).path)
    let result = try Pipeline.run(recipe: recipe)
    #expect(result.manifest.accounting.rowsRead == 200_000)
    #expect(result.manifest.accounting.rowsWritten == 200_000)
    let rows = SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8))
    #expect(rows[0] == ["amount", "city", "mean", "median", "mode", "z"])
    let average = try #require(amount["avg"] as? Double)
    let median = try #require((amount["median"] as? String).flatMap(Double.init))
    let mode = try #require((amount["modes"] as? [String])?.first.flatMap(Double.init))
    let deviation = try #require(amount["stddev_samp"] as? Double)
    let frequent = try #require((city["frequent"] as? [String])?.first)
    var filled = 0
    for row in rows.dropFirst() {
      #expect(row[1] != nil && row[1] != "")
      if row[0] == nil {
        filled += 1
        #expect(relativeError(Double(row[2]!)!, average) < 1e-12)
        #expect(Double(row[3]!)! == median)
        #expect(Double(row[4]!)! == mode)
        #expect(row[5] == nil)
      } else {
        let x = Double(row[0]!)!
        #expect(abs(Double(row[5]!)! - (x - average) / deviation) < 1e-9)
      }
    }
    #expect(filled == 200_000 - (amount["count"] as? Int ?? 0))
    #expect(rows.dropFirst().filter { $0[1] == frequent }.count > rows.count / 20)
  }
}
