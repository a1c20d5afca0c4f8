/// `FileMatch`, in two forms, both with `with hashAlgorithm = "MD5" | "SHA-1" | "SHA-256"`
/// (SHA-256 by default; files are read in chunks):
///
/// - `FileMatch "incoming/" "archive/"`: the two files, or folders, hold the same contents. Each
///   side is a set of content checksums, compared as sets: names, folders and how many copies of
///   a content there are do not matter, so a folder matches its copy under other names. The
///   message names the files whose content the other side lacks. `recentFiles` and `uriRegex`
///   filter both sides.
/// - `FileMatch "file.json" in ["<checksum>", ...]` (also `=`, `!=`, `not in`; without a path,
///   the files the data was read from): the file's checksum, in lowercase hex (the condition's
///   are compared without case), meets the condition. For a folder every file must.
///
/// Metric: `Dataset.*.FileCount`, the files read (both sides together).
enum FileMatchRule: RuleEvaluator {
  static let ruleType = "FileMatch"

  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) -> PlannedRule {
    let named = rule.tags["hashAlgorithm"].map { ($0, FileChecksum(tag: $0)) }
    if let (name, algorithm) = named, algorithm == nil {
      return .settled(.error, "hashAlgorithm \"\(name)\" is not one onboard computes: MD5, SHA-1 or SHA-256")
    }
    let checksum = named?.1 ?? .sha256
    let scopes: [FileRuleScope]
    do throws(FileRuleScope.Problem) {
      let paths: [String?] = rule.parameters.isEmpty ? [nil] : rule.parameters
      scopes = try paths.map { path throws(FileRuleScope.Problem) in
        try FileRuleScope(path, rule: rule, environment: planning.environment, ownTags: ["hashAlgorithm"])
      }
    } catch {
      return .settled(error.result, error.message)
    }
    if scopes.count == 2 {
      return compare(scopes[0], scopes[1], checksum: checksum)
    }
    guard let condition = rule.condition else {
      return .settled(.error, "FileMatch with one path or none compares checksums: FileMatch \"file.json\" in [\"<checksum>\"]")
    }
    guard [.equal, .notEqual, .in, .notIn].contains(condition.op) else {
      return .settled(.error, "FileMatch compares checksums with =, !=, in or not in")
    }
    var listed: Set<String> = []
    for operand in condition.operands {
      guard case .string(let text) = operand else {
        return .settled(.error, "FileMatch compares checksums, written in quotes as hex digits; found \(operand)")
      }
      listed.insert(text.lowercased())
    }
    let expected = listed
    let wanted = condition.op == .equal || condition.op == .in
    let scope = scopes[0]
    return PlannedRule { _ in
      let files: [FileRuleScope.File]
      var failing: [String] = []
      do throws(FileRuleScope.Problem) {
        files = try scope.files()
        for file in files {
          let hex = try checksum.hex(of: file)
          if expected.contains(hex) != wanted { failing.append("'\(file.shown)' has \(checksum.rawValue) \(hex)") }
        }
      } catch {
        return error.measurement
      }
      let shown = failing.prefix(5).joined(separator: ", ") + (failing.count > 5 ? " and \(failing.count - 5) more" : "")
      let message = "\(RuleJudge.counted(failing.count, "file")) of \(files.count) in \(scope.name) not \(condition): \(shown)"
      return RuleMeasurement(value: .verdict(passed: failing.isEmpty, message: message), metrics: ["Dataset.*.FileCount": Double(files.count)])
    }
  }

  /// Two paths: the same set of contents on both sides.
  static func compare(_ left: FileRuleScope, _ right: FileRuleScope, checksum: FileChecksum) -> PlannedRule {
    PlannedRule { _ in
      var sides: [[(file: FileRuleScope.File, hex: String)]] = []
      do throws(FileRuleScope.Problem) {
        for scope in [left, right] {
          sides.append(try scope.files().map { file throws(FileRuleScope.Problem) in (file, try checksum.hex(of: file)) })
        }
      } catch {
        return error.measurement
      }
      let metrics = ["Dataset.*.FileCount": Double(sides[0].count + sides[1].count)]
      let contents = sides.map { Set($0.map(\.hex)) }
      var differences: [String] = []
      for (side, other, otherScope) in [(0, 1, right), (1, 0, left)] {
        let missing = sides[side].filter { !contents[other].contains($0.hex) }.map { "'\($0.file.shown)'" }
        if missing.isEmpty { continue }
        differences.append(
          "\(otherScope.name) has no file with the content of "
            + missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? " and \(missing.count - 5) more" : ""))
      }
      return RuleMeasurement(
        value: .verdict(passed: differences.isEmpty, message: "\(left.name) and \(right.name) differ: " + differences.joined(separator: "; ")),
        metrics: metrics)
    }
  }
}
