import Crypto
import Foundation

/// The files a file rule (FileSize, FileFreshness, FileUniqueness, FileMatch) looks at, and the
/// reading they share. File rules read file metadata and, for checksums, file bytes; never rows,
/// so they are no second pass over the data.
///
/// - A path of the rule is a local file or folder, relative to the environment's folder (the
///   working folder of `onboard check`, the recipe's folder of `onboard run`). `s3://` and other
///   URLs are an ERROR: onboard reads local files, so sync the bucket to a folder first.
/// - A folder means every regular file under it: recursively, in path order, with hidden files
///   and folders (names starting with `.`) skipped, as tools' own state (`.git`, `.DS_Store`) is
///   no data. Links to files count; links to folders are not followed, so a loop cannot hang the
///   gate.
/// - Without a path, the files the data was read from.
/// - `with recentFiles = N` keeps the N most recently modified files, then `with uriRegex = "..."`
///   the files whose full path contains a match (a search, not a full match). That order is
///   Glue's default. Under a search, AWS's exclusion example `(?!.*\.tmp$).*` excludes nothing
///   (it matches the empty text at the end of any path): anchor it, `^(?!.*\.tmp$)`.
/// - `with failFast = "true"` is accepted and changes nothing: onboard checks every file, so the
///   metrics stay complete and the outcome is the one failFast would give.
/// - Any other tag is an ERROR naming it, so a misspelt filter never widens the files silently;
///   `matchFileName` is among them, as AWS does not say what it compares.
/// - A missing path, an empty folder, or no file left after the filters is a FAIL saying so: a
///   rule on files that are not there has not passed.
struct FileRuleScope: Sendable {
  /// A file as the rule sees it.
  struct File: Sendable {
    /// Where it is on disk.
    var path: String
    /// How messages name it: the rule's path as written, then the part under that folder.
    var shown: String
    var bytes: Int64
    /// Last modified, in microseconds since the epoch (as the conditions' instants).
    var modified: Int64
  }

  /// Why a rule on files has no files to judge, or cannot be judged at all.
  struct Problem: Error {
    var result: RuleOutcome.Result
    var message: String

    var measurement: RuleMeasurement {
      RuleMeasurement(value: .settled(result, message), metrics: result == .fail ? ["Dataset.*.FileCount": 0] : [:])
    }
  }

  /// A path of the rule as written and on disk, or nil for the files the data was read from.
  var root: (written: String, resolved: String)?
  var dataFiles: [String]
  var recentFiles: Int?
  var uriRegex: PathPattern?

  /// `NSRegularExpression` is immutable and documented safe to share between threads.
  struct PathPattern: @unchecked Sendable {
    let expression: NSRegularExpression
    let source: String

    func found(in path: String) -> Bool {
      expression.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }
  }

  /// The tags every file rule takes; a rule type adds its own (`timeZone`, `hashAlgorithm`).
  static let commonTags = ["recentFiles", "uriRegex", "failFast"]

  /// The scope of `path` (nil: the data's files) under the rule's tags; an ERROR when the path is
  /// a URL or a tag is unknown or malformed.
  init(_ path: String?, rule: DQDLRule, environment: RuleEnvironment, ownTags: [String] = []) throws(Problem) {
    if let path {
      if let scheme = path.range(of: "://").map({ String(path[..<$0.lowerBound]) }) {
        throw Problem(
          result: .error,
          message: scheme.lowercased() == "s3"
            ? "'\(path)' is on S3, and onboard reads local files: sync it to a folder (aws s3 sync) and name the folder"
            : "'\(path)' is a \(scheme) URL, and onboard reads local files: name a local file or folder")
      }
      root = (path, environment.resolve(path))
    }
    dataFiles = environment.files.map(environment.resolve)
    let known = Self.commonTags + ownTags
    for name in rule.tags.keys.sorted() where !known.contains(name) {
      throw Problem(
        result: .error,
        message: "onboard does not apply the tag \(name) to \(rule.type.name); it takes \(known.joined(separator: ", "))")
    }
    if let text = rule.tags["recentFiles"] {
      guard let n = Int(text), n >= 1 else {
        throw Problem(result: .error, message: "recentFiles takes a whole number of files from 1, e.g. with recentFiles = 3; found \(text)")
      }
      recentFiles = n
    }
    if let pattern = rule.tags["uriRegex"] {
      do {
        uriRegex = PathPattern(expression: try NSRegularExpression(pattern: pattern), source: pattern)
      } catch {
        throw Problem(result: .error, message: "uriRegex \"\(pattern)\" is not a valid regular expression")
      }
    }
    if let failFast = rule.tags["failFast"], !["true", "false"].contains(failFast.lowercased()) {
      throw Problem(result: .error, message: "failFast takes \"true\" or \"false\"; found \"\(failFast)\"")
    }
  }

  /// What the scope names in messages: the path as written, or the data's files.
  var name: String { root.map { "'\($0.written)'" } ?? "the data's files" }

  /// What `body` measures on the files, or the problem that kept them from being listed or read.
  func measure(_ body: ([File]) throws(Problem) -> RuleMeasurement) -> RuleMeasurement {
    do {
      return try body(try files())
    } catch {
      return error.measurement
    }
  }

  /// The files to judge, in path order: listed, then filtered by recentFiles and uriRegex. A FAIL
  /// when the path is missing or no file is left.
  func files() throws(Problem) -> [File] {
    var listed: [File] = []
    let manager = FileManager.default
    if let root {
      var isFolder: ObjCBool = false
      guard manager.fileExists(atPath: root.resolved, isDirectory: &isFolder) else {
        throw Problem(result: .fail, message: "no such file or folder: '\(root.written)' (looked for \(root.resolved))")
      }
      if isFolder.boolValue {
        let prefix = root.written.hasSuffix("/") ? root.written : root.written + "/"
        for relative in Self.regularFiles(under: root.resolved) {
          listed.append(try Self.file(at: root.resolved + "/" + relative, shown: prefix + relative))
        }
        if listed.isEmpty {
          throw Problem(result: .fail, message: "the folder '\(root.written)' holds no files (hidden files are skipped)")
        }
      } else {
        listed.append(try Self.file(at: root.resolved, shown: root.written))
      }
    } else {
      for path in dataFiles {
        guard manager.fileExists(atPath: path) else { throw Problem(result: .fail, message: "no such file or folder: '\(path)'") }
        listed.append(try Self.file(at: path, shown: path))
      }
      if listed.isEmpty {
        throw Problem(result: .fail, message: "the data was not read from files, so a file rule without a path has none to check")
      }
    }
    var kept = listed
    var filters: [String] = []
    if let recentFiles {
      kept = Array(kept.sorted { ($0.modified, $1.path) > ($1.modified, $0.path) }.prefix(recentFiles))
      filters.append("recentFiles = \(recentFiles)")
    }
    if let uriRegex {
      kept = kept.filter { uriRegex.found(in: $0.path) }
      filters.append("uriRegex = \"\(uriRegex.source)\"")
    }
    if kept.isEmpty {
      throw Problem(
        result: .fail,
        message: "no file of \(name) (\(RuleJudge.counted(listed.count, "file"))) is left after \(filters.joined(separator: " and "))")
    }
    return kept.sorted { $0.path < $1.path }
  }

  /// Regular files under `folder`, as paths relative to it, sorted; hidden entries skipped, links
  /// to folders not followed.
  static func regularFiles(under folder: String) -> [String] {
    let manager = FileManager.default
    var found: [String] = []
    func walk(_ relative: String) {
      let here = relative.isEmpty ? folder : folder + "/" + relative
      guard let names = try? manager.contentsOfDirectory(atPath: here) else { return }
      for name in names.sorted() where !name.hasPrefix(".") {
        let child = relative.isEmpty ? name : relative + "/" + name
        let full = folder + "/" + child
        let type = (try? manager.attributesOfItem(atPath: full))?[.type] as? FileAttributeType
        switch type {
        case .typeDirectory?: walk(child)
        case .typeRegular?: found.append(child)
        case .typeSymbolicLink?:
          var isFolder: ObjCBool = false
          if manager.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue { found.append(child) }
        default: break
        }
      }
    }
    walk("")
    return found.sorted()
  }

  /// The size and modification time of the file at `path` (through links).
  static func file(at path: String, shown: String) throws(Problem) -> File {
    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: target)
    } catch {
      throw Problem(result: .fail, message: "cannot read '\(shown)': \(error.localizedDescription)")
    }
    let bytes = (attributes[.size] as? NSNumber)?.int64Value ?? 0
    let modified = (attributes[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
    return File(path: path, shown: shown, bytes: bytes, modified: Int64((modified.timeIntervalSince1970 * 1_000_000).rounded()))
  }

  // MARK: Judging files one by one

  /// The verdict on files that each passed or failed a test: the share that passed meets the
  /// threshold, or, without one, every file passed (as row-level rules judge rows). `describe`
  /// says what a failing file measured.
  static func compliance(
    _ files: [File], passing: (File) -> Bool, rule: DQDLRule, describe: (File) -> String
  ) -> (value: RuleMeasurement.Value, share: Double) {
    let failing = files.filter { !passing($0) }
    let share = Double(files.count - failing.count) / Double(files.count)
    let counted = "\(RuleJudge.percent(share)) of files passed (\(files.count - failing.count) of \(files.count))"
    let shown = failing.prefix(5).map { "'\($0.shown)' (\(describe($0)))" }.joined(separator: ", ")
      + (failing.count > 5 ? " and \(failing.count - 5) more" : "")
    let failed = "files not \(rule.condition.map(\.description) ?? "passing"): \(shown)"
    if let threshold = rule.threshold {
      let judgement = RuleJudge.check(share, threshold, subject: "the share of files that passed", history: [])
      switch judgement.result {
      case .pass: return (.verdict(passed: true, message: nil), share)
      case .error: return (.settled(.error, judgement.message ?? "the threshold cannot be applied"), share)
      case .fail: return (.verdict(passed: false, message: "\(counted); the threshold is \(threshold); \(failed)"), share)
      }
    }
    if failing.isEmpty { return (.verdict(passed: true, message: nil), share) }
    return (.verdict(passed: false, message: "\(counted); without a threshold every file must pass; \(failed)"), share)
  }
}

/// The checksums FileMatch compares and FileUniqueness groups by, in lowercase hex. Files are
/// read in chunks, never whole, so a large file costs time, not memory.
enum FileChecksum: String, Sendable, CaseIterable {
  case md5 = "MD5", sha1 = "SHA-1", sha256 = "SHA-256"

  /// `MD5`, `SHA-1`, `SHA-256` as Glue writes them; case and the hyphen do not matter.
  init?(tag: String) {
    let folded = tag.uppercased().replacingOccurrences(of: "-", with: "")
    guard let match = Self.allCases.first(where: { $0.rawValue.replacingOccurrences(of: "-", with: "") == folded }) else { return nil }
    self = match
  }

  static let chunkBytes = 1 << 20

  func hex(of file: FileRuleScope.File) throws(FileRuleScope.Problem) -> String {
    switch self {
    case .md5: try Self.digest(Insecure.MD5(), file)
    case .sha1: try Self.digest(Insecure.SHA1(), file)
    case .sha256: try Self.digest(SHA256(), file)
    }
  }

  private static func digest<H: HashFunction>(_ start: H, _ file: FileRuleScope.File) throws(FileRuleScope.Problem) -> String {
    var hasher = start
    do {
      let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file.path))
      defer { try? handle.close() }
      while let chunk = try handle.read(upToCount: chunkBytes), !chunk.isEmpty {
        hasher.update(data: chunk)
      }
    } catch {
      throw FileRuleScope.Problem(result: .fail, message: "cannot read '\(file.shown)': \(error.localizedDescription)")
    }
    let digits = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = []
    for byte in hasher.finalize() {
      hex.append(digits[Int(byte >> 4)])
      hex.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: hex, as: UTF8.self)
  }
}
