import CZlib
import Foundation
import Testing

@testable import OnboardKit

/// Gzip decompression through `GzipSource`: round trips with every read split, concatenated
/// members, truncated and corrupt input with the byte offset, and the bomb guard.
@Suite struct GzipSourceTests {
  static let chunks: [Int?] = [nil, 1, 7]

  /// 300 KB of random bytes (so the compressed data is larger than the 256 KiB input buffer and
  /// the buffer is refilled mid-member) followed by compressible CSV text.
  static let sample: [UInt8] = {
    var random = SplitMix64(seed: 42)
    var bytes = (0 ..< 300_000).map { _ in UInt8.random(in: 0 ... 255, using: &random) }
    for row in 0 ..< 4_000 { bytes += Array("\(row),name \(row % 17),\(Double(row) * 1.5)\n".utf8) }
    return bytes
  }()

  @Test(arguments: chunks, [1, 4099, 1 << 20])
  func roundTrip(chunk: Int?, outputSize: Int) throws {
    let compressed = TestGzip.compress(Self.sample)
    #expect(compressed.count > 256 << 10)
    let source = try GzipSource(TestGzip.memory(compressed, chunk: chunk))
    #expect(try TestGzip.drain(source, bufferSize: outputSize) == Self.sample)
    #expect(source.decompressedBytes == Self.sample.count)
    #expect(source.compressedBytes == compressed.count)
    #expect(try TestGzip.drain(source, bufferSize: 64) == [], "a finished source keeps returning 0")
  }

  @Test(arguments: chunks)
  func concatenatedMembersDecodeAsOne(chunk: Int?) throws {
    // What `cat a.gz b.gz c.gz` makes, with an empty member in the middle.
    let a = Array("id,name\n1,ada\n".utf8)
    let c = Array("2,grace\n3,edsger\n".utf8)
    let file = TestGzip.compress(a) + TestGzip.compress([]) + TestGzip.compress(c)
    let source = try GzipSource(TestGzip.memory(file, chunk: chunk))
    #expect(try TestGzip.drain(source, bufferSize: 5) == a + c)
    #expect(source.compressedBytes == file.count)
  }

  @Test func emptyMemberIsEmptyOutput() throws {
    let source = try GzipSource(MemorySource(bytes: TestGzip.compress([])))
    #expect(try TestGzip.drain(source, bufferSize: 16) == [])
  }

  @Test func zlibStreamIsDetectedToo() throws {
    let text = Array("a,b\n1,2\n".utf8)
    let source = try GzipSource(MemorySource(bytes: TestGzip.compress(text, windowBits: 15)))
    #expect(try TestGzip.drain(source, bufferSize: 3) == text)
  }

  @Test(.enabled(if: TestGzip.gzipCommand != nil))
  func readsWhatTheGzipCommandWrites() throws {
    let folder = try TemporaryFolder()
    let first = try folder.write("a.csv", "id,v\n1,x\n")
    let second = try folder.write("b.csv", "2,y\n")
    let file = try TestGzip.runGzip(first) + TestGzip.runGzip(second)
    let source = try GzipSource(MemorySource(bytes: file))
    #expect(try TestGzip.drain(source, bufferSize: 1 << 16) == Array("id,v\n1,x\n2,y\n".utf8))
  }

  // MARK: - Broken input

  @Test(arguments: [nil, 7] as [Int?])
  func truncatedInputNamesTheOffset(chunk: Int?) throws {
    let compressed = TestGzip.compress(Array(Self.sample.suffix(50_000)))
    // Inside the header, inside the deflate data, inside the 8-byte trailer.
    for cut in [0, 1, 5, compressed.count / 2, compressed.count - 4, compressed.count - 1] {
      let source = try GzipSource(TestGzip.memory(Array(compressed[..<cut]), chunk: chunk))
      let error = TestGzip.drainError(source)
      guard case .corruptCompressedData(_, let offset, let reason) = error else {
        Issue.record("cut at \(cut): expected corruptCompressedData, got \(String(describing: error))")
        continue
      }
      #expect(offset == cut, "cut at \(cut)")
      #expect(reason.contains(cut == 0 ? "no bytes at all" : "ends inside gzip member 1"), "\(reason)")
    }
  }

  @Test func corruptBlockTypeIsCaughtAtItsByte() throws {
    var compressed = TestGzip.compress(Array("x,y\n".utf8))
    // Byte 10 starts the deflate data; bits 1–2 are the block type, and 11 is reserved.
    compressed[10] |= 0b110
    let error = TestGzip.drainError(try GzipSource(MemorySource(name: "t.csv.gz", bytes: compressed)))
    #expect(error == .corruptCompressedData(path: "t.csv.gz", byteOffset: 11, reason: "gzip member 1: invalid block type"))
    #expect(error.map { "\($0)" }?.contains("t.csv.gz: the compressed data is corrupt near byte 11") == true)
  }

  @Test func wrongChecksumIsCorrupt() throws {
    var compressed = TestGzip.compress(Self.sample)
    compressed[compressed.count - 8] ^= 0xFF  // first byte of the CRC-32
    let error = TestGzip.drainError(try GzipSource(MemorySource(bytes: compressed)))
    guard case .corruptCompressedData(_, let offset, let reason) = error else {
      Issue.record("expected corruptCompressedData, got \(String(describing: error))")
      return
    }
    #expect(reason == "gzip member 1: incorrect data check")
    #expect((compressed.count - 8 ... compressed.count).contains(offset))
  }

  @Test func notGzipAtAll() throws {
    let error = TestGzip.drainError(try GzipSource(MemorySource("id,name\n1,ada\n")))
    #expect(error == .corruptCompressedData(path: "<memory>", byteOffset: 2, reason: "gzip member 1: incorrect header check; the data is not gzip"))
  }

  @Test(arguments: [[0x0A], Array("oops\n".utf8), [0, 0, 0, 0], [0x1F]] as [[UInt8]])
  func trailingGarbageIsCorrupt(garbage: [UInt8]) throws {
    for chunk in Self.chunks {
      let compressed = TestGzip.compress(Array("a,b\n1,2\n".utf8))
      let source = try GzipSource(TestGzip.memory(compressed + garbage, chunk: chunk))
      let error = TestGzip.drainError(source)
      guard case .corruptCompressedData(_, let offset, let reason) = error else {
        Issue.record("expected corruptCompressedData, got \(String(describing: error))")
        continue
      }
      #expect(offset == compressed.count)
      #expect(reason.contains("not another gzip member (they start with 0x\(String(garbage[0], radix: 16, uppercase: true)))"))
    }
  }

  @Test func anErrorSticks() throws {
    let compressed = TestGzip.compress(Array("a,b\n".utf8))
    let source = try GzipSource(MemorySource(bytes: Array(compressed.dropLast(3))))
    let first = TestGzip.drainError(source)
    #expect(first != nil)
    #expect(TestGzip.drainError(source) == first)
  }

  // MARK: - Limits

  @Test func smallFileOfRepeatedValuesIsNotRefused() throws {
    // 16 MiB of zeros compresses about 1000 to 1, over `maxRatio`, but is far below the size at
    // which the ratio starts to count.
    let zeros = [UInt8](repeating: 0, count: 16 << 20)
    let source = try GzipSource(MemorySource(bytes: TestGzip.compress(zeros)))
    #expect(try TestGzip.drainCount(source) == zeros.count)
  }

  @Test func zeroBombRefusedQuicklyInBoundedMemory() throws {
    // 2 GiB of zeros in one member, about 2 MB compressed.
    let bomb = TestGzip.zeroBomb(mebibytes: 2048)
    #expect(bomb.count < 3 << 20)
    let source = try GzipSource(MemorySource(name: "bomb.csv.gz", bytes: bomb))
    let before = TestGzip.residentBytes()
    var peak = before
    let clock = ContinuousClock()
    let started = clock.now
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var handedOut = 0
    var caught: InputError?
    do {
      while true {
        let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        if n == 0 { break }
        handedOut += n
        peak = max(peak, TestGzip.residentBytes())
      }
    } catch let error as InputError {
      caught = error
    }
    let elapsed = clock.now - started
    guard case .decompressionBomb(let path, let ratio, let limit) = caught else {
      Issue.record("expected decompressionBomb, got \(String(describing: caught)) after \(handedOut) bytes")
      return
    }
    #expect(path == "bomb.csv.gz")
    #expect(ratio > 1000 && limit == DecompressionLimits().maxRatio)
    #expect(handedOut <= DecompressionLimits.ratioCheckStart, "stopped as soon as the ratio counts")
    #expect(elapsed < .seconds(2))
    #expect(peak - before < 200 << 20, "resident memory grew by \(peak - before) bytes")
  }

  @Test func raisingTheRatioLetsAGenuineFileThrough() throws {
    // The bomb construction is itself a valid gzip file (checksum and length included).
    let file = TestGzip.zeroBomb(mebibytes: 72)
    let refused = TestGzip.drainError(try GzipSource(MemorySource(bytes: file)))
    guard case .decompressionBomb = refused else {
      Issue.record("expected decompressionBomb, got \(String(describing: refused))")
      return
    }
    let source = try GzipSource(MemorySource(bytes: file), limits: DecompressionLimits(maxRatio: .infinity))
    #expect(try TestGzip.drainCount(source, allZero: true) == 72 << 20)
  }

  @Test func absoluteLimit() throws {
    let source = try GzipSource(MemorySource(bytes: TestGzip.compress(Self.sample)), limits: DecompressionLimits(maxBytes: 100_000))
    let error = TestGzip.drainError(source, bufferSize: 4096)
    guard case .decompressedTooLarge(_, let bytes, let limit) = error else {
      Issue.record("expected decompressedTooLarge, got \(String(describing: error))")
      return
    }
    #expect(limit == 100_000)
    #expect(bytes > 100_000 && bytes <= 100_000 + 4096)
  }
}

/// Gzip data made inside the tests with zlib itself, so that no binary fixture is needed.
enum TestGzip {
  /// One member holding `bytes` (windowBits 31 writes a gzip header; 15 a zlib one).
  static func compress(_ bytes: [UInt8], level: Int32 = 6, windowBits: Int32 = 31) -> [UInt8] {
    let deflater = Deflater(level: level, windowBits: windowBits)
    return deflater.deflate(bytes, flush: Z_NO_FLUSH) + deflater.finish()
  }

  /// A single gzip member of `mebibytes` MiB of zeros, built without compressing them all: after
  /// a full flush the compressor starts afresh, so each further MiB of zeros is the same block
  /// again. The trailer's CRC-32 and length are then computed for the whole.
  static func zeroBomb(mebibytes: Int) -> [UInt8] {
    let zeros = [UInt8](repeating: 0, count: 1 << 20)
    let deflater = Deflater(level: 9, windowBits: 31)
    let first = deflater.deflate(zeros, flush: Z_FULL_FLUSH)
    let block = deflater.deflate(zeros, flush: Z_FULL_FLUSH)
    precondition(deflater.deflate(zeros, flush: Z_FULL_FLUSH) == block, "the block of zeros does not repeat")
    var file = first
    file.reserveCapacity(first.count + block.count * mebibytes + 16)
    for _ in 1 ..< mebibytes { file += block }
    file += deflater.finish().dropLast(8)
    let crcOfOne = zeros.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
    var crc = crcOfOne
    for _ in 1 ..< mebibytes { crc = crc32_combine(crc, crcOfOne, 1 << 20) }
    let length = UInt32(truncatingIfNeeded: mebibytes << 20)
    for shift in stride(from: 0, to: 32, by: 8) { file.append(UInt8(truncatingIfNeeded: UInt32(crc) >> shift)) }
    for shift in stride(from: 0, to: 32, by: 8) { file.append(UInt8(truncatingIfNeeded: length >> shift)) }
    return file
  }

  static func memory(_ bytes: [UInt8], chunk: Int?) -> MemorySource {
    let source = MemorySource(name: "t.csv.gz", bytes: bytes)
    source.chunkLimit = chunk
    return source
  }

  /// Everything `source` hands out, read `bufferSize` bytes at a time.
  static func drain(_ source: any ByteSource, bufferSize: Int) throws -> [UInt8] {
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: bufferSize)
    while true {
      let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
      if n == 0 { return out }
      out += buffer[..<n]
    }
  }

  /// How many bytes `source` hands out, without keeping them; optionally checks they are zeros.
  static func drainCount(_ source: any ByteSource, allZero: Bool = false) throws -> Int {
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    let zeros = [UInt8](repeating: 0, count: buffer.count)
    var total = 0
    while true {
      let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
      if n == 0 { return total }
      if allZero { #expect(memcmp(buffer, zeros, n) == 0) }
      total += n
    }
  }

  /// The `InputError` that reading `source` to the end throws, or nil when it throws none.
  static func drainError(_ source: any ByteSource, bufferSize: Int = 1 << 16) -> InputError? {
    do {
      _ = try drain(source, bufferSize: bufferSize)
      return nil
    } catch {
      return error as? InputError
    }
  }

  /// Resident memory of this process, from /proc/self/statm (0 where there is no /proc).
  static func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }

  static let gzipCommand: String? = ["/usr/bin/gzip", "/bin/gzip", "/usr/local/bin/gzip"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  /// The gzip command's output for `file`.
  static func runGzip(_ file: URL) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: gzipCommand ?? "gzip")
    process.arguments = ["-c", "-n", file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(data)
  }
}

/// A zlib deflate stream; the `z_stream` lives in allocated memory because zlib keeps a pointer
/// to it between calls.
final class Deflater {
  private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)

  init(level: Int32, windowBits: Int32) {
    stream.initialize(to: z_stream())
    let status = deflateInit2_(
      stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    precondition(status == Z_OK, "deflateInit2_ failed: \(status)")
  }

  deinit {
    deflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
  }

  func deflate(_ bytes: [UInt8], flush: Int32) -> [UInt8] {
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    bytes.withUnsafeBufferPointer { input in
      stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
      stream.pointee.avail_in = UInt32(input.count)
      while true {
        let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
          stream.pointee.next_out = buffer.baseAddress
          stream.pointee.avail_out = UInt32(buffer.count)
          return CZlib.deflate(stream, flush)
        }
        precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR, "deflate failed: \(status)")
        out += chunk[..<(chunk.count - Int(stream.pointee.avail_out))]
        if status == Z_STREAM_END || (flush != Z_FINISH && stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0) { break }
      }
    }
    return out
  }

  /// The rest of the stream: pending data, the final block and the trailer.
  func finish() -> [UInt8] { deflate([], flush: Z_FINISH) }
}
