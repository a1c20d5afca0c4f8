import Foundation

/// Writes files so that readers see either the old file or the whole new one, never a part.
///
/// Data goes to a hidden temporary name in the same folder, is flushed, then renamed over the
/// target: `rename(2)` within one file system is atomic.
public enum AtomicFile {
  public static func temporaryPath(for path: String) -> String {
    let url = URL(fileURLWithPath: path)
    let name = ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp"
    return url.deletingLastPathComponent().appendingPathComponent(name).path
  }

  public static func write(_ data: Data, to path: String) throws {
    let temporary = temporaryPath(for: path)
    do {
      try data.write(to: URL(fileURLWithPath: temporary))
      try commit(temporary, to: path)
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw OutputError.cannotWrite(path: path, reason: "\(error.localizedDescription)")
    }
  }

  /// Renames a finished temporary file into place.
  public static func commit(_ temporary: String, to path: String) throws {
    guard rename(temporary, path) == 0 else {
      throw OutputError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
    }
  }
}

/// Errors while writing outputs.
public enum OutputError: Error, CustomStringConvertible {
  case cannotWrite(path: String, reason: String)
  case cannotCreateFolder(path: String, reason: String)

  public var description: String {
    switch self {
    case .cannotWrite(let path, let reason):
      "cannot write \(path): \(reason). Check that the folder exists and is writable; earlier outputs were left as they were."
    case .cannotCreateFolder(let path, let reason):
      "cannot create the output folder \(path): \(reason)."
    }
  }
}
