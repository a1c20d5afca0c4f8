import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The files behind a source path: one file, every file under a folder, or the files a glob
/// matches; with the Hive-style partitions (`year=2024/month=05/`) found in their folders.
public enum SourceFiles {
  public struct File: Sendable, Equatable {
    public var path: String
    /// `key=value` folders between the source root and the file, outermost first.
    public var partitions: [(key: String, value: String?)]

    public static func == (a: File, b: File) -> Bool {
      a.path == b.path && a.partitions.map(\.key) == b.partitions.map(\.key) && a.partitions.map(\.value) == b.partitions.map(\.value)
    }
  }

  public static func resolve(_ path: String) throws -> [File] {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
      guard isFolder.boolValue else { return [File(path: path, partitions: [])] }
      return try folder(path)
    }
    if path.contains(where: { "*?[".contains($0) }) { return try glob(path) }
    throw InputError.cannotOpen(path: path, reason: "no such file or folder")
  }

  /// Every data file below a folder, in path order; hidden files and Spark/Hadoop markers
  /// (`_SUCCESS`, `_committed_...`, `.crc`) are not data.
  static func folder(_ root: String) throws -> [File] {
    guard let walker = FileManager.default.enumerator(atPath: root) else {
      throw InputError.cannotOpen(path: root, reason: "cannot list the folder")
    }
    var files: [File] = []
    while let relative = walker.nextObject() as? String {
      let name = (relative as NSString).lastPathComponent
      if name.hasPrefix(".") || name.hasPrefix("_") {
        if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { walker.skipDescendants() }
        continue
      }
      guard (walker.fileAttributes?[.type] as? FileAttributeType) == .typeRegular else { continue }
      files.append(File(path: (root as NSString).appendingPathComponent(relative), partitions: partitions(of: relative)))
    }
    guard !files.isEmpty else { throw InputError.cannotOpen(path: root, reason: "the folder holds no data files") }
    return files.sorted { $0.path < $1.path }
  }

  static func glob(_ pattern: String) throws -> [File] {
    var result = glob_t()
    defer { globfree(&result) }
    guard Glibc.glob(pattern, 0, nil, &result) == 0 else {
      throw InputError.cannotOpen(path: pattern, reason: "no file matches the pattern")
    }
    // Partitions are the `key=value` folders after the pattern's fixed prefix.
    let fixed = pattern.prefix { !"*?[".contains($0) }
    let root = fixed.hasSuffix("/") ? String(fixed) : (String(fixed) as NSString).deletingLastPathComponent
    var files: [File] = []
    for i in 0 ..< Int(result.gl_pathc) {
      guard let p = result.gl_pathv[i] else { continue }
      let path = String(cString: p)
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
      let relative = root.isEmpty ? path : String(path.dropFirst(root.count).drop { $0 == "/" })
      files.append(File(path: path, partitions: partitions(of: relative)))
    }
    guard !files.isEmpty else { throw InputError.cannotOpen(path: pattern, reason: "no file matches the pattern") }
    return files.sorted { $0.path < $1.path }
  }

  /// The `key=value` folders of a relative path; values are %-decoded as Hive writes them, and
  /// Hive's `__HIVE_DEFAULT_PARTITION__` is a null.
  static func partitions(of relative: String) -> [(key: String, value: String?)] {
    relative.split(separator: "/").dropLast().compactMap { part in
      guard let eq = part.firstIndex(of: "="), eq != part.startIndex else { return nil }
      let key = String(part[..<eq])
      let raw = String(part[part.index(after: eq)...])
      let value = raw == "__HIVE_DEFAULT_PARTITION__" ? nil : (raw.removingPercentEncoding ?? raw)
      return (key, value)
    }
  }
}
