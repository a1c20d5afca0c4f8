/// `FileUniqueness "data/" = 1`: the share of unique files, for catching a producer that sent the
/// same file twice. The files are those of `FileRuleScope`, after `recentFiles` and `uriRegex`.
///
/// Two files are the same when their contents are (SHA-256, read in chunks); names do not
/// matter. The ratio is distinct contents ÷ files, so the first copy of a content counts as
/// unique and each further copy does not: `[a, a, b]` gives 2/3, and only a folder without
/// duplicates gives 1. (The column rule `Uniqueness` counts values occurring exactly once, which
/// would give 1/3: a file that was sent twice is still one file's worth of data.)
/// Metrics: `Dataset.*.FileUniquenessRatio` (the rule's number) and `Dataset.*.FileCount`.
enum FileUniquenessRule: RuleEvaluator {
  static let ruleType = "FileUniqueness"

  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) -> PlannedRule {
    let scope: FileRuleScope
    do throws(FileRuleScope.Problem) {
      scope = try FileRuleScope(rule.parameters.first, rule: rule, environment: planning.environment)
    } catch {
      return .settled(error.result, error.message)
    }
    return PlannedRule { _ in
      var byContent: [String: [FileRuleScope.File]] = [:]
      let files: [FileRuleScope.File]
      do throws(FileRuleScope.Problem) {
        files = try scope.files()
        for file in files { byContent[try FileChecksum.sha256.hex(of: file), default: []].append(file) }
      } catch {
        return error.measurement
      }
      let ratio = Double(byContent.count) / Double(files.count)
      let copies = byContent.values.filter { $0.count > 1 }
        .map { group in group.map { "'\($0.shown)'" }.joined(separator: " = ") }.sorted()
      let counted = "\(RuleJudge.counted(byContent.count, "distinct content")) in \(RuleJudge.counted(files.count, "file"))"
      var subject = "FileUniquenessRatio of \(scope.name) (\(counted)"
      if !copies.isEmpty {
        subject += "; the same content: " + copies.prefix(5).joined(separator: "; ")
        if copies.count > 5 { subject += " and \(copies.count - 5) more" }
      }
      subject += ")"
      return .number(ratio, key: "Dataset.*.FileUniquenessRatio", subject: subject, metrics: ["Dataset.*.FileCount": Double(files.count)])
    }
  }
}
