import Testing

@testable import OnboardKit

/// The CSV reader parses untrusted bytes, so it is fuzzed: thousands of random inputs made mostly
/// of the bytes that matter (quotes, delimiters, CR, LF, a BOM, invalid UTF-8) must never crash,
/// must read the same however the bytes are split into reads, and must account for every line.
struct CSVFuzzTests {
  static let alphabet: [UInt8] = Array("\",\r\n ;ab1".utf8) + [0xEF, 0xBB, 0xBF, 0xFF, 0x00]

  static func input(_ rng: inout SplitMix64) -> [UInt8] {
    let length = Int(rng.next() % 120)
    var bytes = Array("h1,h2,h3\n".utf8)
    for _ in 0 ..< length { bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
    return bytes
  }

  static func read(_ bytes: [UInt8], chunk: Int?, batchSize: Int) throws -> ReadAll {
    let source = MemorySource(name: "fuzz.csv", bytes: bytes)
    source.chunkLimit = chunk
    // The default record limit (16 MiB) is far above these inputs: how a record that outgrows it
    // is cut depends on the read size by design, and CSVRecoveryTests covers that path.
    return try ReadAll(CSVReader(source: source, dialect: CSVDialect(), batchSize: batchSize))
  }

  @Test(arguments: 0 ..< 8)
  func randomInputsReadTheSameInAnyChunking(seed: Int) throws {
    var rng = SplitMix64(seed: UInt64(seed) &* 0x9e37_79b9)
    for _ in 0 ..< 400 {
      let bytes = Self.input(&rng)
      let whole = try Self.read(bytes, chunk: nil, batchSize: 65_536)
      for (chunk, batchSize) in [(1, 1), (3, 2), (7, 5)] {
        let split = try Self.read(bytes, chunk: chunk, batchSize: batchSize)
        #expect(split.rows == whole.rows, "rows differ for chunk \(chunk): \(bytes)")
        #expect(split.origins == whole.origins, "origins differ for chunk \(chunk): \(bytes)")
        #expect(split.rejects == whole.rejects, "rejects differ for chunk \(chunk): \(bytes)")
      }
      // Every committed row has one value per column, and rows and rejects come in line order.
      #expect(whole.rows.allSatisfy { $0.count == whole.schema.count })
      let lines = (whole.origins.map(\.line) + whole.rejects.map(\.line)).sorted()
      #expect(Set(lines).count == lines.count, "two records claim one line: \(bytes)")
      #expect(lines.allSatisfy { $0 >= 2 }, "a record before the first data line: \(bytes)")
    }
  }
}
