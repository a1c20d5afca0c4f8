/// `FileSize "data/" < 10 MB with threshold > 0.7`: each file's size in bytes meets the condition
/// (a plain number is bytes; 1 KB = 1024 B). The files are those of `FileRuleScope`: a local
/// file, every file under a folder, or without a path the files the data was read from, after
/// `recentFiles` and `uriRegex`.
///
/// The share of files that pass must meet the threshold; without one every file must pass, as
/// row-level rules judge rows. `between` excludes its bounds, as everywhere in onboard.
/// Metrics: `Dataset.*.FileSize.Compliance` (that share), `Dataset.*.FileCount`,
/// `Dataset.*.MaximumFileSize` and `Dataset.*.MinimumFileSize` (bytes).
enum FileSizeRule: RuleEvaluator {
  static let ruleType = "FileSize"

  static func plan(_ rule: DQDLRule, _ planning: inout RulePlanning) -> PlannedRule {
    let scope: FileRuleScope
    do throws(FileRuleScope.Problem) {
      scope = try FileRuleScope(rule.parameters.first, rule: rule, environment: planning.environment)
    } catch {
      return .settled(error.result, error.message)
    }
    guard let condition = rule.condition else { return .settled(.error, "FileSize needs a size condition, e.g. FileSize < 10 MB") }
    var sizes: [Double] = []
    do throws(RuleConstant.Problem) {
      for operand in condition.operands {
        switch try RuleConstant(operand, now: planning.now) {
        case .size(let bytes): sizes.append(Double(bytes))
        case .number(let bytes): sizes.append(bytes)
        default: throw RuleConstant.Problem(message: "FileSize compares sizes: 5 MB, 2 GB, or plain bytes; found \(operand)")
        }
      }
    } catch {
      return .settled(.error, error.message)
    }
    let comparison = Comparison(op: condition.op, operands: sizes)
    return PlannedRule { _ in
      scope.measure { files in
        let (value, share) = FileRuleScope.compliance(
          files, passing: { comparison.test(Double($0.bytes)) }, rule: rule, describe: { "\($0.bytes) B" })
        let bytes = files.map(\.bytes)
        return RuleMeasurement(
          value: value,
          metrics: [
            "Dataset.*.FileSize.Compliance": share, "Dataset.*.FileCount": Double(files.count),
            "Dataset.*.MaximumFileSize": Double(bytes.max()!), "Dataset.*.MinimumFileSize": Double(bytes.min()!),
          ])
      }
    }
  }
}
