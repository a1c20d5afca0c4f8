/// Opens input files as byte sources, decompressing gzip when the content is gzip.
///
/// ```swift
/// let source = try ByteSources.open(path: "orders.csv")  // gzip inside? decompressed.
/// let reader = try CSVReader(source: source)
/// ```
///
/// Gzip is recognised by its first two bytes (1F 8B), not by the file name: producers upload
/// `.csv` files that are gzip, and `.gz` files that are not.
public enum ByteSources {
  /// The first two bytes of every gzip member (RFC 1952, section 2.3.1).
  static let gzipMagic: [UInt8] = [0x1F, 0x8B]

  /// The file at `path`, decompressed when it is gzip; `limits` guard the decompression.
  public static func open(path: String, limits: DecompressionLimits = .init()) throws -> any ByteSource {
    let file = try FileSource(path: path)
    let head = try readPrefix(file, count: gzipMagic.count)
    let whole = PrefixedSource(prefix: head, rest: file)
    return head == gzipMagic ? try GzipSource(whole, limits: limits) : whole
  }

  /// Whether the file at `path` starts with the gzip magic bytes.
  public static func isGzip(path: String) throws -> Bool {
    try readPrefix(FileSource(path: path), count: gzipMagic.count) == gzipMagic
  }

  /// Reads the first `count` bytes of `source`, or all of it when it is shorter; a source may hand
  /// out fewer bytes than asked, so this reads until it has them or the source ends.
  public static func readPrefix(_ source: any ByteSource, count: Int) throws -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      let n = try bytes.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
      if n == 0 { break }
      filled += n
    }
    return Array(bytes[..<filled])
  }
}
