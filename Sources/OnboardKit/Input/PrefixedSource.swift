/// Hands out bytes already read from a source, then the rest of that source: what lets a caller
/// peek at the first bytes of a file (for gzip's magic bytes, say) without opening it twice.
///
/// ```swift
/// let file = try FileSource(path: path)
/// let head = try ByteSources.readPrefix(file, count: 2)
/// let whole = PrefixedSource(prefix: head, rest: file)  // reads from the first byte again
/// ```
public final class PrefixedSource: ByteSource {
  public let name: String
  private let prefix: [UInt8]
  private var position = 0
  private let rest: any ByteSource

  public init(prefix: [UInt8], rest: any ByteSource) {
    self.prefix = prefix
    self.rest = rest
    name = rest.name
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard position < prefix.count else { return try rest.read(into: buffer) }
    // Only the prefix this time, even if the buffer has room for more: a short read is allowed,
    // and it keeps this branch free of a second source.
    let n = min(buffer.count, prefix.count - position)
    prefix.withUnsafeBytes { bytes in buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[position ..< position + n])) }
    position += n
    return n
  }
}
