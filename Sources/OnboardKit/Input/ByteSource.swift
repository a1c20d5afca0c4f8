#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A stream of bytes that a reader pulls from: a file today, gzip and folders later.
public protocol ByteSource: AnyObject {
  /// A name for messages and quarantine records (the path as the user gave it).
  var name: String { get }
  /// Fills up to `buffer.count` bytes; returns 0 at the end.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Reads a file with plain `read(2)` calls into the caller's buffer: no copy, no mapping.
public final class FileSource: ByteSource {
  public let name: String
  private let descriptor: Int32

  public init(path: String) throws {
    name = path
    descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      throw InputError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
    var info = stat()
    if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
      close(descriptor)
      throw InputError.cannotOpen(path: path, reason: "it is a folder; give a file")
    }
  }

  deinit { close(descriptor) }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    while true {
      let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw InputError.cannotRead(path: name, reason: String(cString: strerror(errno)))
    }
  }
}

/// Bytes held in memory; for tests and small inputs.
public final class MemorySource: ByteSource {
  public let name: String
  private let bytes: [UInt8]
  private var position = 0

  public init(name: String = "<memory>", _ text: String) {
    self.name = name
    bytes = Array(text.utf8)
  }

  public init(name: String = "<memory>", bytes: [UInt8]) {
    self.name = name
    self.bytes = bytes
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    // Hands out at most 7 bytes at a time when asked to, to exercise refill paths in tests.
    let n = min(buffer.count, bytes.count - position, chunkLimit ?? .max)
    bytes.withUnsafeBytes { src in
      buffer.baseAddress!.copyMemory(from: src.baseAddress! + position, byteCount: n)
    }
    position += n
    return n
  }

  /// Largest number of bytes one `read` returns; tests set it small to split records.
  public var chunkLimit: Int?
}
