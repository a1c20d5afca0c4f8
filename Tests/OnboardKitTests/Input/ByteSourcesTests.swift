import Foundation
import Testing

@testable import OnboardKit

/// Opening files: gzip is found by content, not by name, and the peeked bytes are not lost.
@Suite struct ByteSourcesTests {
  static let text = Array("id,name,city\n1,Ada,London\n2,Grace,Arlington\n".utf8)

  @Test func gzipIsDetectedByContentInAFileNamedCSV() throws {
    let folder = try TemporaryFolder()
    let url = folder.file("orders.csv")
    try Data(TestGzip.compress(Self.text)).write(to: url)
    #expect(try ByteSources.isGzip(path: url.path))
    let source = try ByteSources.open(path: url.path)
    #expect(source is GzipSource)
    #expect(source.name == url.path)
    #expect(try TestGzip.drain(source, bufferSize: 7) == Self.text)
  }

  @Test func aPlainFileNamedGzIsReadAsIs() throws {
    let folder = try TemporaryFolder()
    let url = folder.file("orders.csv.gz")
    try Data(Self.text).write(to: url)
    #expect(try !ByteSources.isGzip(path: url.path))
    let source = try ByteSources.open(path: url.path)
    #expect(!(source is GzipSource))
    #expect(try TestGzip.drain(source, bufferSize: 4096) == Self.text)
  }

  @Test(arguments: [[], [0x1F], [0x1F, 0x61], [0x61, 0x62], [0x61, 0x62, 0x63]] as [[UInt8]])
  func peekedBytesAreReplayed(bytes: [UInt8]) throws {
    let folder = try TemporaryFolder()
    let url = folder.file("short.csv")
    try Data(bytes).write(to: url)
    #expect(try !ByteSources.isGzip(path: url.path))
    for size in [1, 2, 4096] {
      #expect(try TestGzip.drain(ByteSources.open(path: url.path), bufferSize: size) == bytes)
    }
  }

  @Test func limitsReachTheGzipSource() throws {
    let folder = try TemporaryFolder()
    let url = folder.file("big.csv")
    let text = [UInt8](repeating: UInt8(ascii: "a"), count: 100_000)
    try Data(TestGzip.compress(text)).write(to: url)
    let source = try ByteSources.open(path: url.path, limits: DecompressionLimits(maxBytes: 1000))
    #expect(throws: InputError.decompressedTooLarge(path: url.path, bytes: 4096, limit: 1000)) {
      try TestGzip.drain(source, bufferSize: 4096)
    }
  }

  @Test func missingFileAndFolderCannotBeOpened() throws {
    let folder = try TemporaryFolder()
    #expect(throws: InputError.self) { try ByteSources.open(path: folder.file("missing.csv").path) }
    #expect(throws: InputError.self) { try ByteSources.isGzip(path: folder.file("missing.csv").path) }
    #expect(throws: InputError.self) { try ByteSources.open(path: folder.path) }
  }

  @Test func gzippedUTF16ReadsAsCSV() throws {
    // The whole byte layer as a caller puts it together: open (gzip by content), detect the
    // encoding on a sample of the decompressed bytes, open again and transcode for the reader.
    let folder = try TemporaryFolder()
    let url = folder.file("export.csv")
    let text = "id,city\n1,Zürich\n2,Kraków 😀\n"
    let utf16 = EncodingTests.utf16(text, bigEndian: false, bom: true)
    try Data(TestGzip.compress(utf16)).write(to: url)
    let sample = try ByteSources.readPrefix(ByteSources.open(path: url.path), count: 1 << 16)
    let detected = EncodingDetection.detect(sample, sampleIsWholeFile: sample.count < 1 << 16)
    #expect(detected.encoding == .utf16LE && detected.bomLength == 2)
    let source = TranscodingSource(try ByteSources.open(path: url.path), encoding: detected.encoding)
    let read = try ReadAll(CSVReader(source: source))
    #expect(read.schema.names == ["id", "city"])
    #expect(read.rows == [["1", "Zürich"], ["2", "Kraków 😀"]])
  }

  @Test(arguments: [nil, 1, 7] as [Int?])
  func prefixedSourceHandsOutThePrefixThenTheRest(chunk: Int?) throws {
    let rest = MemorySource(name: "rest.csv", "cdefghij")
    rest.chunkLimit = chunk
    let source = PrefixedSource(prefix: Array("ab".utf8), rest: rest)
    #expect(source.name == "rest.csv")
    for size in [1, 3, 100] {
      let again = MemorySource(name: "rest.csv", "cdefghij")
      again.chunkLimit = chunk
      #expect(try TestGzip.drain(PrefixedSource(prefix: Array("ab".utf8), rest: again), bufferSize: size) == Array("abcdefghij".utf8))
    }
    #expect(try TestGzip.drain(source, bufferSize: 2) == Array("abcdefghij".utf8))
  }

  @Test(arguments: [nil, 1] as [Int?])
  func readPrefixReadsAcrossShortReads(chunk: Int?) throws {
    let source = MemorySource("abcdef")
    source.chunkLimit = chunk
    #expect(try ByteSources.readPrefix(source, count: 4) == Array("abcd".utf8))
    #expect(try ByteSources.readPrefix(MemorySource("ab"), count: 4) == Array("ab".utf8))
  }
}
