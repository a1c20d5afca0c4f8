import Foundation
import Testing

@testable import OnboardKit

/// The file rules (FileSize, FileFreshness, FileUniqueness, FileMatch) on temporary folders whose
/// files have known sizes, contents and modification times; expected metrics are worked out by
/// hand in the comments. The rules name the folders by absolute path, and the data they gate is a
/// tiny CSV kept in a folder of its own, so it is no file of theirs.
@Suite struct FileRuleTests: RuleExpectations {
  /// 2026-01-01T12:00:00Z: `now()` of every rule, and what file times are set relative to.
  static let now = Date(timeIntervalSince1970: 1_767_268_800)
  static let hour: TimeInterval = 3_600

  /// The data the rules gate: "id\n1\n", whose SHA-256 is `dataSHA256`.
  static let data = "id\n1\n"
  static let dataSHA256 = "7cde7fb64fd82bd152710cf238e017b9ab46c0592483edc067ba4f6c75fac108"

  static let sha256abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
  static let md5abc = "900150983cd24fb0d6963f7d28e17f72"
  static let sha1abc = "a9993e364706816aba3e25717850c26c9cd0d89d"
  static let sha256xyz = "3608bca1e44ea6c4d268eb6db02260269892c0b42b86bbf1e77a6fa16c3c9282"

  // MARK: Running rules

  /// Gates the tiny data file on `rules` at `now`.
  static func report(_ rules: [String]) throws -> QualityReport {
    let folder = try TemporaryFolder()
    let file = try folder.write("data.csv", data)
    let document = try DQDLParser.parse("Rules = [\n  " + rules.joined(separator: ",\n  ") + "\n]\n")
    return try Checker.check(path: file.path, rules: document, rulesName: "files.dqdl", threads: 1, now: now).report
  }

  static func check(_ cases: [Expected]) throws {
    try verify(cases, try report(cases.map(\.rule)), tolerance: 0)
  }

  /// Writes `contents` at `name` (folders made as needed), last modified `age` before `now`.
  @discardableResult
  static func write(_ folder: TemporaryFolder, _ name: String, _ contents: Data, age: TimeInterval = 0) throws -> String {
    let url = folder.file(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try contents.write(to: url)
    try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-age)], ofItemAtPath: url.path)
    return url.path
  }

  @discardableResult
  static func write(_ folder: TemporaryFolder, _ name: String, _ text: String, age: TimeInterval = 0) throws -> String {
    try write(folder, name, Data(text.utf8), age: age)
  }

  static func bytes(_ n: Int) -> Data { Data(repeating: 0x2a, count: n) }

  // MARK: FileSize

  /// a.bin 10 B, b.bin 100 B, c.bin 2048 B (2 KB), sub/d.bin 5000 B; `.hidden` (1 MB) and
  /// `.git/big` (1 MB) are skipped.
  static func sizes() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try write(folder, "a.bin", bytes(10))
    try write(folder, "b.bin", bytes(100))
    try write(folder, "c.bin", bytes(2048))
    try write(folder, "sub/d.bin", bytes(5000))
    try write(folder, ".hidden", bytes(1 << 20))
    try write(folder, ".git/big", bytes(1 << 20))
    return folder
  }

  @Test func fileSizeJudgesEachFileOfAFolder() throws {
    let folder = try Self.sizes()
    let dir = folder.path
    let all = ["Dataset.*.FileCount": 4.0, "Dataset.*.MaximumFileSize": 5000, "Dataset.*.MinimumFileSize": 10]
    try Self.check([
      // Every file is under 10 KB (10240 B): the hidden ones (1 MB) are not counted.
      Self.rule(#"FileSize "\#(dir)" < 10 KB"#, .pass, all.merging(["Dataset.*.FileSize.Compliance": 1]) { a, _ in a }),
      // a.bin (10 B) is not > 50: 3 of 4 pass.
      Self.rule(
        #"FileSize "\#(dir)" > 50"#, .fail, all.merging(["Dataset.*.FileSize.Compliance": 0.75]) { a, _ in a },
        message: "a.bin' (10 B)"),
      Self.rule(#"FileSize "\#(dir)" > 50 with threshold > 0.7"#, .pass, ["Dataset.*.FileSize.Compliance": 0.75]),
      Self.rule(#"FileSize "\#(dir)" > 50 with threshold > 0.8"#, .fail, ["Dataset.*.FileSize.Compliance": 0.75], message: "the threshold is > 0.8"),
      // between excludes its bounds: 10 B and 5000 B fail, b.bin and c.bin pass.
      Self.rule(#"FileSize "\#(dir)" between 10 B and 5000 B"#, .fail, ["Dataset.*.FileSize.Compliance": 0.5]),
      Self.rule(#"FileSize "\#(dir)" between 9 B and 5001 B"#, .pass, ["Dataset.*.FileSize.Compliance": 1]),
      // One file: 2 KB is 2048 B.
      Self.rule(
        #"FileSize "\#(dir)/c.bin" = 2 KB"#, .pass,
        ["Dataset.*.FileCount": 1, "Dataset.*.MaximumFileSize": 2048, "Dataset.*.MinimumFileSize": 2048]),
      Self.rule(#"FileSize "\#(dir)/c.bin" in [2047, 2049]"#, .fail, message: "c.bin' (2048 B)"),
      // A folder under the folder.
      Self.rule(#"FileSize "\#(dir)/sub" > 4 KB"#, .pass, ["Dataset.*.FileCount": 1]),
    ])
  }

  @Test func fileSizeWithoutAPathReadsTheDataFile() throws {
    // The data file "id\n1\n" is 5 bytes.
    let five = ["Dataset.*.FileCount": 1.0, "Dataset.*.MaximumFileSize": 5, "Dataset.*.MinimumFileSize": 5]
    try Self.check([
      Self.rule("FileSize < 10 MB with threshold > 0.7", .pass, five),
      Self.rule("FileSize = 5", .pass, five),
      Self.rule("FileSize > 1 KB", .fail, five.merging(["Dataset.*.FileSize.Compliance": 0]) { a, _ in a }, message: "data.csv' (5 B)"),
    ])
  }

  // MARK: FileFreshness

  /// new.csv modified an hour before `now` (2026-01-01T11:00Z), old.csv three days before
  /// (2025-12-29T12:00Z), older.txt on 2024-06-01T12:00Z.
  static func ages() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try write(folder, "new.csv", "n", age: hour)
    try write(folder, "old.csv", "o", age: 72 * hour)
    let older = ISO8601DateFormatter().date(from: "2024-06-01T12:00:00Z")!
    try write(folder, "older.txt", "x", age: now.timeIntervalSince(older))
    return folder
  }

  @Test func fileFreshnessComparesModificationTimes() throws {
    let folder = try Self.ages()
    let dir = folder.path
    let three = 3.0
    try Self.check([
      // Only new.csv is younger than a day: 1 of 3.
      Self.rule(
        #"FileFreshness "\#(dir)" > (now() - 24 hours)"#, .fail,
        ["Dataset.*.FileFreshness.Compliance": 1 / three, "Dataset.*.FileCount": 3], message: "old.csv' (modified 2025-12-29T12:00:00Z)"),
      Self.rule(#"FileFreshness "\#(dir)" > (now() - 24 hours) with threshold > 0.3"#, .pass),
      Self.rule(#"FileFreshness "\#(dir)" >= (now() - 4 days)"#, .fail, ["Dataset.*.FileFreshness.Compliance": 2 / three]),
      Self.rule(#"FileFreshness "\#(dir)" > "2024-01-01""#, .pass, ["Dataset.*.FileFreshness.Compliance": 1]),
      Self.rule(#"FileFreshness "\#(dir)" between "2024-01-01" and "2025-01-01""#, .fail, ["Dataset.*.FileFreshness.Compliance": 1 / three]),
      Self.rule(#"FileFreshness "\#(dir)/new.csv" between (now() - 2 hours) and now()"#, .pass, ["Dataset.*.FileCount": 1]),
      // The tags: the newest file only; the .csv files only (new passes, old fails).
      Self.rule(
        #"FileFreshness "\#(dir)" > (now() - 24 hours) with recentFiles = 1"#, .pass,
        ["Dataset.*.FileFreshness.Compliance": 1, "Dataset.*.FileCount": 1]),
      Self.rule(
        #"FileFreshness "\#(dir)" > (now() - 24 hours) with uriRegex = "\.csv$""#, .fail,
        ["Dataset.*.FileFreshness.Compliance": 0.5, "Dataset.*.FileCount": 2]),
      Self.rule(#"FileFreshness "\#(dir)" > (now() - 4 days) with uriRegex = "\.csv$""#, .pass, ["Dataset.*.FileCount": 2]),
      // Glue's order: recentFiles first (new.csv), then uriRegex (no .txt left).
      Self.rule(
        #"FileFreshness "\#(dir)" > "2020-01-01" with recentFiles = 1 with uriRegex = "\.txt$""#, .fail, ["Dataset.*.FileCount": 0],
        message: "left after recentFiles = 1 and uriRegex"),
      // A search, not a full match: "old" is found inside the path.
      Self.rule(#"FileFreshness "\#(dir)" < (now() - 2 days) with uriRegex = "old""#, .pass, ["Dataset.*.FileCount": 2]),
    ])
  }

  @Test func fileFreshnessTimesOfDayTakeTheTimeZone() throws {
    let folder = try Self.ages()
    let dir = folder.path
    try Self.check([
      // "18:00" today in UTC is 18:00Z, after every file.
      Self.rule(#"FileFreshness "\#(dir)" > "18:00""#, .fail, ["Dataset.*.FileFreshness.Compliance": 0]),
      // In Shanghai (UTC+8, no daylight saving) it is 10:00Z: new.csv (11:00Z) is later.
      Self.rule(#"FileFreshness "\#(dir)/new.csv" > "18:00" with timeZone = "Asia/Shanghai""#, .pass),
      Self.rule(#"FileFreshness "\#(dir)/new.csv" > "6:00 PM" with timeZone = "Asia/Shanghai""#, .pass),
      Self.rule(#"FileFreshness "\#(dir)/new.csv" > "10:59""#, .pass),
      Self.rule(#"FileFreshness "\#(dir)/new.csv" > "11:01""#, .fail),
      // Dates too: 2026-01-01 starts at 00:00Z in UTC, before new.csv (11:00Z), but at 12:00Z
      // in Etc/GMT+12 (UTC-12), after it; two hours earlier is 10:00Z.
      Self.rule(#"FileFreshness "\#(dir)/new.csv" > "2026-01-01""#, .pass),
      Self.rule(#"FileFreshness "\#(dir)/new.csv" > "2026-01-01" with timeZone = "Etc/GMT+12""#, .fail),
      Self.rule(#"FileFreshness "\#(dir)/new.csv" > ("2026-01-01" - 2 hours) with timeZone = "Etc/GMT+12""#, .pass),
      Self.rule(#"FileFreshness "\#(dir)" > "18:00" with timeZone = "Mars/Olympus""#, .error, message: "Mars/Olympus"),
    ])
  }

  // MARK: FileUniqueness

  @Test func fileUniquenessCountsDistinctContents() throws {
    let folder = try TemporaryFolder()
    try Self.write(folder, "a.txt", "abc", age: 3 * Self.hour)
    try Self.write(folder, "b.txt", "abc", age: 2 * Self.hour)
    try Self.write(folder, "c.txt", "xyz", age: Self.hour)
    try Self.write(folder, "sub/d.txt", "")
    let dir = folder.path
    try Self.check([
      // Contents abc, abc, xyz, "": 3 distinct of 4 files.
      Self.rule(
        #"FileUniqueness "\#(dir)" = 1"#, .fail, ["Dataset.*.FileUniquenessRatio": 0.75, "Dataset.*.FileCount": 4],
        message: "/a.txt' = '"),
      Self.rule(#"FileUniqueness "\#(dir)" > 0.7"#, .pass, ["Dataset.*.FileUniquenessRatio": 0.75]),
      // a.txt and b.txt alone: 1 distinct of 2.
      Self.rule(#"FileUniqueness "\#(dir)" >= 0.5 with uriRegex = "[ab]\.txt$""#, .pass, ["Dataset.*.FileUniquenessRatio": 0.5, "Dataset.*.FileCount": 2]),
      // The two newest (sub/d.txt, c.txt) differ.
      Self.rule(#"FileUniqueness "\#(dir)" = 1 with recentFiles = 2"#, .pass, ["Dataset.*.FileCount": 2]),
      Self.rule("FileUniqueness = 1", .pass, ["Dataset.*.FileUniquenessRatio": 1, "Dataset.*.FileCount": 1]),
    ])
  }

  // MARK: FileMatch

  @Test func fileMatchComparesChecksums() throws {
    let folder = try TemporaryFolder()
    let abc = try Self.write(folder, "abc.json", "abc")
    try Self.write(folder, "xyz.json", "xyz")
    let dir = folder.path
    try Self.check([
      Self.rule(#"FileMatch "\#(abc)" in ["\#(Self.sha256abc)"]"#, .pass, ["Dataset.*.FileCount": 1]),
      Self.rule(#"FileMatch "\#(abc)" = "\#(Self.sha256abc.uppercased())" with hashAlgorithm = "SHA-256""#, .pass),
      Self.rule(#"FileMatch "\#(abc)" in ["0", "\#(Self.md5abc)"] with hashAlgorithm = "MD5""#, .pass),
      Self.rule(#"FileMatch "\#(abc)" = "\#(Self.sha1abc)" with hashAlgorithm = "SHA-1""#, .pass),
      Self.rule(
        #"FileMatch "\#(abc)" in ["3ee0d8617ac041793154713e5ef8f319"] with hashAlgorithm = "MD5""#, .fail,
        message: "has MD5 \(Self.md5abc)"),
      Self.rule(#"FileMatch "\#(abc)" not in ["\#(Self.sha256abc)"]"#, .fail),
      Self.rule(#"FileMatch "\#(abc)" != "\#(Self.sha256xyz)""#, .pass),
      // A folder: every file must meet the condition.
      Self.rule(#"FileMatch "\#(dir)" in ["\#(Self.sha256abc)", "\#(Self.sha256xyz)"]"#, .pass, ["Dataset.*.FileCount": 2]),
      Self.rule(#"FileMatch "\#(dir)" in ["\#(Self.sha256abc)"]"#, .fail, message: "xyz.json' has SHA-256 \(Self.sha256xyz)"),
      Self.rule(#"FileMatch "\#(dir)" in ["\#(Self.sha256abc)"] with uriRegex = "abc""#, .pass, ["Dataset.*.FileCount": 1]),
      // Without a path: the data file.
      Self.rule(#"FileMatch in ["\#(Self.dataSHA256)"]"#, .pass, ["Dataset.*.FileCount": 1]),
      Self.rule(#"FileMatch "\#(abc)" in ["\#(Self.sha256abc)"] with hashAlgorithm = "CRC32""#, .error, message: "CRC32"),
    ])
  }

  @Test func fileMatchStreamsFilesLargerThanAChunk() throws {
    let folder = try TemporaryFolder()
    // 2.5 MiB of "a": more than two chunks of 1 MiB.
    let big = try Self.write(folder, "big.bin", Data(repeating: 0x61, count: 2_621_440))
    try Self.check([
      Self.rule(#"FileMatch "\#(big)" = "b19fda75b6c96f0cd6a27a6c371352dbe76e5a5f4ac1a10fb1352df725eb04be""#, .pass)
    ])
  }

  @Test func fileMatchComparesTwoPathsAsSetsOfContents() throws {
    let folder = try TemporaryFolder()
    try Self.write(folder, "left/x.txt", "abc")
    try Self.write(folder, "left/y.txt", "xyz")
    // The same contents under other names and folders, one twice.
    try Self.write(folder, "right/copy.csv", "abc")
    try Self.write(folder, "right/nested/again.csv", "abc")
    try Self.write(folder, "right/nested/y2", "xyz")
    try Self.write(folder, "partial/x.txt", "abc")
    let dir = folder.path
    try Self.check([
      Self.rule(#"FileMatch "\#(dir)/left" "\#(dir)/right""#, .pass, ["Dataset.*.FileCount": 5]),
      Self.rule(
        #"FileMatch "\#(dir)/left" "\#(dir)/partial""#, .fail, ["Dataset.*.FileCount": 3],
        message: "'\(dir)/partial' has no file with the content of '\(dir)/left/y.txt'"),
      Self.rule(#"FileMatch "\#(dir)/left/x.txt" "\#(dir)/right/copy.csv""#, .pass, ["Dataset.*.FileCount": 2]),
      Self.rule(#"FileMatch "\#(dir)/left/x.txt" "\#(dir)/left/y.txt""#, .fail),
      // The filters apply to both sides: the .txt files of left against none of right.
      Self.rule(#"FileMatch "\#(dir)/left" "\#(dir)/right" with uriRegex = "\.txt$""#, .fail, message: "left after uriRegex"),
      Self.rule(#"FileMatch "\#(dir)/left" "\#(dir)/missing""#, .fail, message: "no such file or folder"),
    ])
  }

  // MARK: What every file rule shares

  /// uriRegex searches the full path. Under a search AWS's exclusion example matches the empty
  /// text at the end of every path, so it keeps both files; anchored, it drops the .tmp file.
  @Test func uriRegexSearchesTheFullPath() throws {
    let folder = try TemporaryFolder()
    try Self.write(folder, "keep.csv", "k")
    try Self.write(folder, "drop.tmp", "d")
    let dir = folder.path
    try Self.check([
      Self.rule(#"FileSize "\#(dir)" > 0 with uriRegex = "(?!.*\.tmp$).*""#, .pass, ["Dataset.*.FileCount": 2]),
      Self.rule(#"FileSize "\#(dir)" > 0 with uriRegex = "^(?!.*\.tmp$)""#, .pass, ["Dataset.*.FileCount": 1]),
      Self.rule(#"FileSize "\#(dir)" > 0 with uriRegex = "keep""#, .pass, ["Dataset.*.FileCount": 1]),
    ])
  }

  @Test func missingEmptyAndRemotePathsAreReported() throws {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(at: folder.file("empty"), withIntermediateDirectories: true)
    try Self.write(folder, "only-hidden/.state", "x")
    let dir = folder.path
    try Self.check([
      Self.rule(#"FileSize "\#(dir)/nothing-here" > 0"#, .fail, message: "no such file or folder: '\(dir)/nothing-here'"),
      Self.rule(#"FileFreshness "\#(dir)/empty" > "2020-01-01""#, .fail, ["Dataset.*.FileCount": 0], message: "holds no files"),
      Self.rule(#"FileUniqueness "\#(dir)/only-hidden" = 1"#, .fail, message: "holds no files"),
      Self.rule(#"FileSize "s3://bucket/" > 5 B"#, .error, message: "onboard reads local files"),
      Self.rule(#"FileMatch "https://example.com/a" "\#(dir)""#, .error, message: "local file or folder"),
      Self.rule(#"FileUniqueness "\#(dir)" > 0.5 with matchFileName = "true""#, .error, message: "matchFileName"),
      Self.rule(#"FileSize "\#(dir)" > 5 B with recentFiles = 0"#, .error, message: "recentFiles"),
      Self.rule(#"FileSize "\#(dir)" > 5 B with uriRegex = "(""#, .error, message: "not a valid regular expression"),
    ])
  }

  @Test func relativePathsResolveAgainstTheRulesFolder() throws {
    let folder = try TemporaryFolder()
    try Self.write(folder, "drop/a.bin", Self.bytes(7))
    let data = try TemporaryFolder()
    let file = try data.write("data.csv", Self.data)
    let checked = try Checker.check(
      path: file.path, rules: try DQDLParser.parse("Rules = [ RowCount > 0 ]"), rulesName: "files.dqdl", threads: 1, now: Self.now)
    let document = try DQDLParser.parse(#"Rules = [ FileSize "drop/" = 7, FileSize "drop/a.bin" = 7 ]"#)
    let rules = RuleSet(
      document, name: "files.dqdl", schema: Schema([Field(name: "id", type: .string)]), now: Self.now,
      environment: RuleEnvironment(files: [file.path], folder: folder.path))
    let report = rules.report(profile: checked.profile, probes: RuleProbes(), dataSource: file.path, startedOn: Self.now)
    #expect(report.rules.map(\.result) == [.pass, .pass], "\(report.rules.map { $0.message ?? "" })")
  }

  /// Every file rule of the AWS documentation plans and is judged without crashing: those on S3
  /// are an ERROR saying why; those without a path read the data file.
  @Test(arguments: ["file-freshness", "file-match", "file-size", "file-uniqueness"])
  func awsExamplesAreJudged(_ name: String) throws {
    let path = TestPaths.fixtures.appendingPathComponent("dqdl/aws/\(name).dqdl").path
    let document = try DQDLParser.parse(try String(contentsOfFile: path, encoding: .utf8), file: name)
    let folder = try TemporaryFolder()
    let file = try folder.write("data.csv", Self.data)
    let report = try Checker.check(path: file.path, rules: document, rulesName: name, threads: 1, now: Self.now).report
    #expect(report.rules.count == document.rules.count)
    for (rule, outcome) in zip(document.rules, report.rules) {
      guard case .rule(let r) = rule.kind else { continue }
      if r.parameters.isEmpty {
        #expect(outcome.metrics["Dataset.*.FileCount"] == 1, "\(outcome.description): \(outcome.message ?? "")")
      } else {
        #expect(outcome.result == .error, "\(outcome.description)")
        #expect(outcome.message?.contains("onboard reads local files") == true, "\(outcome.description): \(outcome.message ?? "")")
      }
    }
  }
}
