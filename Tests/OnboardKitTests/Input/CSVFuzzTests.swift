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

  static func read(_ bytes: [UInt8], chunk: Int?, batchSize: Int, chunkRows: Int = CSVReader.defaultChunkRows) throws -> ReadAll {
    let source = MemorySource(name: "fuzz.csv", bytes: bytes)
    source.chunkLimit = chunk
    // The default record limit (16 MiB) is far above these inputs: how a record that outgrows it
    // is cut depends on the read size by design, and CSVRecoveryTests covers that path.
    let reader = try CSVReader(source: source, dialect: CSVDialect(), batchSize: batchSize)
    // Rows move from the scanner's builders to the batch in chunks: small ones put chunk ends
    // among refills and rejected records.
    reader.chunkRows = chunkRows
    return try ReadAll(reader)
  }

  @Test(arguments: 0 ..< 8)
  func randomInputsReadTheSameInAnyChunking(seed: Int) throws {
    var rng = SplitMix64(seed: UInt64(seed) &* 0x9e37_79b9)
    for _ in 0 ..< 400 {
      let bytes = Self.input(&rng)
      let whole = try Self.read(bytes, chunk: nil, batchSize: 65_536)
      for (chunk, batchSize, chunkRows) in [(1, 1, 8192), (3, 2, 8192), (7, 5, 8192), (3, 9, 2), (1, 65_536, 1)] {
        let split = try Self.read(bytes, chunk: chunk, batchSize: batchSize, chunkRows: chunkRows)
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
