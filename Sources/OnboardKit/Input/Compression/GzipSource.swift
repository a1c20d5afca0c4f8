import CZlib

/// Limits on decompressed output, so that a small hostile file (a "gzip bomb") cannot fill the
/// disk or keep a run busy for hours.
///
/// ```swift
/// var limits = DecompressionLimits()
/// limits.maxRatio = 5000  // a genuine file of one value repeated, larger than 64 MiB
/// ```
public struct DecompressionLimits: Sendable, Equatable {
  /// Largest ratio of decompressed to compressed bytes. Deflate cannot do better than about
  /// 1032 to 1, which it reaches only on one byte repeated; tables of real data mostly compress
  /// 3 to 20 times.
  /// Checked only once the output passes `ratioCheckStart`, so a small file of repeated values is
  /// never refused. 200 stops bombs built at any deflate level (level 1 on zeros gives ~230:1)
  /// and leaves ten times the room the most repetitive real tables need.
  public var maxRatio: Double = 200
  /// Largest number of decompressed bytes, whatever the ratio.
  public var maxBytes: Int = 1 << 40

  /// Output size below which the ratio is not checked: 64 MiB.
  public static let ratioCheckStart = 64 << 20

  public init(maxRatio: Double = 200, maxBytes: Int = 1 << 40) {
    self.maxRatio = maxRatio
    self.maxBytes = maxBytes
  }
}

/// Decompresses gzip (or zlib) data from another source as it is read.
///
/// ```swift
/// let source = try GzipSource(try FileSource(path: "orders.csv.gz"))
/// let reader = try CSVReader(source: source)
/// ```
///
/// Concatenated gzip members (what `cat a.gz b.gz` makes, and what bgzip writes) decode as one
/// stream, as `gzip -d` does. Anything after the last member that is not another
/// member is an error, as is input that ends inside a member: both mean the file is not what it
/// claims to be, and reading on would silently lose rows. Errors give the compressed byte offset.
///
/// Memory is one 256 KiB input buffer and zlib's state (about 40 KiB); output goes straight into
/// the caller's buffer. This is one of the few types with pointer code: the `z_stream` must not
/// move while zlib holds it, so it lives in memory allocated here.
public final class GzipSource: ByteSource {
  public let name: String
  public let limits: DecompressionLimits
  /// Compressed bytes consumed so far.
  public private(set) var compressedBytes = 0
  /// Decompressed bytes handed out so far.
  public private(set) var decompressedBytes = 0

  private let inner: any ByteSource
  private let stream: UnsafeMutablePointer<z_stream>
  private let input: UnsafeMutablePointer<UInt8>
  private static let inputCapacity = 256 << 10
  /// Bytes read from `inner`; those not yet consumed wait at `stream.next_in`.
  private var bytesRead = 0
  private var inputEnded = false
  /// Which gzip member is being decoded, from 1, for messages.
  private var member = 1
  private var state = State.inMember

  private enum State {
    case inMember
    /// A member ended: next comes another member or the end of the input.
    case betweenMembers
    case finished
    /// An error was thrown; every later read throws it again.
    case failed(InputError)
  }

  public init(_ source: any ByteSource, limits: DecompressionLimits = .init()) throws {
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    // 15 is the largest window; adding 32 makes zlib detect a gzip or a zlib header by itself.
    let status = inflateInit2_(stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      stream.deinitialize(count: 1)
      stream.deallocate()
      throw InputError.cannotRead(path: source.name, reason: "zlib could not start decompressing (error \(status))")
    }
    self.stream = stream
    inner = source
    name = source.name
    self.limits = limits
    input = .allocate(capacity: Self.inputCapacity)
  }

  deinit {
    inflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
    input.deallocate()
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    // zlib counts in UInt32; a larger buffer is filled in part, which `read` allows.
    let capacity = min(buffer.count, Int(UInt32.max))
    stream.pointee.next_out = base.assumingMemoryBound(to: Bytef.self)
    stream.pointee.avail_out = UInt32(capacity)
    // Returning 0 would mean the end, so go on until some output is made (a member may be empty).
    while Int(stream.pointee.avail_out) == capacity {
      switch state {
      case .finished: return 0
      case .failed(let error): throw error
      case .betweenMembers: try guarded(startNextMember)
      case .inMember: try guarded(inflateSome)
      }
    }
    return capacity - Int(stream.pointee.avail_out)
  }

  // MARK: - Steps

  /// One call to `inflate`, reading more input first when none is waiting.
  private func inflateSome() throws {
    if stream.pointee.avail_in == 0 {
      try fillInput(minimum: 1)
      if stream.pointee.avail_in == 0 {
        let reason = bytesRead == 0
          ? "there are no bytes at all, not even a gzip header"
          : "the data ends inside gzip member \(member), after \(decompressedBytes) decompressed bytes"
        throw corrupt(reason)
      }
    }
    let roomBefore = stream.pointee.avail_out
    let status = inflate(stream, Z_NO_FLUSH)
    decompressedBytes += Int(roomBefore - stream.pointee.avail_out)
    compressedBytes = bytesRead - Int(stream.pointee.avail_in)
    switch status {
    case Z_OK, Z_BUF_ERROR:
      break  // Z_BUF_ERROR: no progress for want of input; the next call reads more.
    case Z_STREAM_END:
      state = .betweenMembers
    case Z_NEED_DICT:
      throw corrupt("gzip member \(member) asks for a preset dictionary, which gzip files never use")
    case Z_MEM_ERROR:
      throw InputError.cannotRead(path: name, reason: "out of memory while decompressing")
    default:
      let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
      let hint = message == "incorrect header check" ? "; the data is not gzip" : ""
      throw corrupt("gzip member \(member): \(message)\(hint)")
    }
    try checkLimits()
  }

  /// After a member: the input ends, or another member starts with the gzip magic bytes.
  private func startNextMember() throws {
    try fillInput(minimum: 2)
    let waiting = Int(stream.pointee.avail_in)
    if waiting == 0 {
      state = .finished
      return
    }
    // `fillInput` leaves the waiting bytes at the front of `input`.
    guard waiting >= 2 && input[0] == 0x1F && input[1] == 0x8B else {
      let first = String(input[0], radix: 16, uppercase: true)
      throw corrupt("the bytes after gzip member \(member) are not another gzip member (they start with 0x\(first)); the file has trailing data")
    }
    inflateReset(stream)
    member += 1
    state = .inMember
  }

  /// Stops a bomb while its output is still small. The ratio is checked only past
  /// `ratioCheckStart`: below that, output costs little however it was made, and small files of
  /// one repeated value (test data, empty columns) have ratios near deflate's maximum.
  private func checkLimits() throws {
    if decompressedBytes > limits.maxBytes {
      throw InputError.decompressedTooLarge(path: name, bytes: decompressedBytes, limit: limits.maxBytes)
    }
    if decompressedBytes > DecompressionLimits.ratioCheckStart {
      let ratio = Double(decompressedBytes) / Double(max(compressedBytes, 1))
      if ratio > limits.maxRatio {
        throw InputError.decompressionBomb(path: name, ratio: ratio, limit: limits.maxRatio)
      }
    }
  }

  // MARK: - Input

  /// Moves the unconsumed input to the front of the buffer and reads until `minimum` bytes wait
  /// or the inner source ends.
  private func fillInput(minimum: Int) throws {
    var waiting = Int(stream.pointee.avail_in)
    if waiting > 0, let next = stream.pointee.next_in, next != input {
      UnsafeMutableRawPointer(input).copyMemory(from: next, byteCount: waiting)  // a memmove
    }
    while waiting < minimum && !inputEnded {
      let n = try inner.read(into: UnsafeMutableRawBufferPointer(start: input + waiting, count: Self.inputCapacity - waiting))
      if n == 0 { inputEnded = true }
      waiting += n
      bytesRead += n
    }
    stream.pointee.next_in = input
    stream.pointee.avail_in = UInt32(waiting)
  }

  // MARK: - Errors

  private func corrupt(_ reason: String) -> InputError {
    .corruptCompressedData(path: name, byteOffset: bytesRead - Int(stream.pointee.avail_in), reason: reason)
  }

  /// Runs a step; an error it throws is kept, so the source stays failed rather than half-working.
  private func guarded(_ step: () throws -> Void) throws {
    do {
      try step()
    } catch let error as InputError {
      state = .failed(error)
      throw error
    }
  }
}
