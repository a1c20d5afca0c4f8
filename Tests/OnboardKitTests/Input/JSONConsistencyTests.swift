import Testing

@testable import OnboardKit

/// The same objects must read the same however they are cut: by read size, by batch, by layout,
/// and by the chunks of the parallel schema pass.
@Suite struct JSONConsistencyTests {
  static let objects = JSONTestData.objects(count: 400, seed: 7)

  @Test func chunkingAndBatchingDoNotChangeTheResult() throws {
    let text = Self.objects.joined(separator: "\n") + "\n"
    let whole = try JSONReaderTests.read(text, chunk: nil)
    #expect(whole.rows.count == 400)
    #expect(whole.rejects.isEmpty)
    for (chunk, batch) in [(1, 7), (3, 64), (7, 1_000), (64, 3)] {
      let r = try JSONReaderTests.read(text, chunk: chunk, batchSize: batch)
      #expect(r.schema == whole.schema, "chunk \(chunk)")
      #expect(r.rows == whole.rows, "chunk \(chunk)")
      #expect(r.origins == whole.origins, "chunk \(chunk)")
      #expect(r.batchSizes.allSatisfy { $0 <= batch })
    }
  }

  @Test(arguments: [false, true]) func layoutsGiveTheSameTable(flatten: Bool) throws {
    let options = JSONOptions(flatten: flatten)
    let lines = try JSONReaderTests.read(Self.objects.joined(separator: "\n"), chunk: nil, options: options)
    let array = try JSONReaderTests.read("[\n  " + Self.objects.joined(separator: ",\n  ") + "\n]\n", chunk: 5, options: options)
    let concatenated = try JSONReaderTests.read(Self.objects.joined(separator: " \n\n "), chunk: 5, options: options)
    for other in [array, concatenated] {
      #expect(other.schema == lines.schema)
      #expect(other.rows == lines.rows)
      #expect(other.rejects.isEmpty)
    }
    #expect(array.origins.map(\.line) == Array(2 ... 401))
    #expect(concatenated.origins.map(\.line) == (0 ..< 400).map { 1 + 2 * $0 })
  }

  @Test func parallelSchemaPassEqualsOneScan() throws {
    // With a line of garbage and a non-object among the objects: both passes skip them alike.
    var lines = Self.objects
    lines.insert("{\"broken\": tru}", at: 100)
    lines.insert("[1, 2]", at: 200)
    let text = lines.joined(separator: "\n") + "\n"
    let serial = try JSONReaderTests.reader(text, chunk: nil)
    for (chunkBytes, workers) in [(1, 2), (100, 3), (4_096, 2)] {
      // A window that has read only the first 600 bytes, as the reader's first fill would.
      let source = MemorySource(name: "t.jsonl", text)
      source.chunkLimit = 600
      var window = JSONWindow(source: source)
      try window.refill()
      let shape = try JSONSchemaDiscovery.discoverLines(after: window, name: "t.jsonl", workers: workers, chunkBytes: chunkBytes)
      for flatten in [false, true] {
        let expected = flatten ? try JSONReaderTests.reader(text, chunk: nil, options: JSONOptions(flatten: true)).schema : serial.schema
        #expect(shape.columns(flatten: flatten).schema == expected, "chunk \(chunkBytes), workers \(workers)")
      }
    }
    #expect(Set(serial.schema.names) == ["id", "name", "amount", "flag", "score", "tags", "address", "code", "late"])
  }

  @Test func shapesMergeInOrder() throws {
    // Keys first seen in the second half come after all keys of the first half.
    func shape(_ text: String) throws -> JSONShape {
      var discovery = JSONSchemaDiscovery()
      var framer = JSONFramer(layout: .lines, name: "t", start: 0)
      var position = 0
      let bytes = Array(text.utf8)
      _ = bytes.withUnsafeBufferPointer {
        framer.scan($0, position: &position, fileOffset: 0, atEOF: true, maxRows: .max, into: &discovery)
      }
      return discovery.shape
    }
    var first = try shape("{\"b\":1,\"o\":{\"x\":1}}\n{\"a\":[1]}\n")
    first.merge(try shape("{\"c\":2,\"a\":[2.5],\"o\":{\"y\":\"s\"},\"b\":\"t\"}\n"))
    let whole = try shape("{\"b\":1,\"o\":{\"x\":1}}\n{\"a\":[1]}\n{\"c\":2,\"a\":[2.5],\"o\":{\"y\":\"s\"},\"b\":\"t\"}\n")
    #expect(first.columns(flatten: false).schema == whole.columns(flatten: false).schema)
    #expect(whole.columns(flatten: false).schema == Schema([
      Field(name: "b", type: .string),
      Field(name: "o", type: .struct([Field(name: "x", type: .integer), Field(name: "y", type: .string)])),
      Field(name: "a", type: .array(.double)), Field(name: "c", type: .string),
    ]))
  }
}
