import Foundation

/// What the rules that compare the data with a second source share (`ReferentialIntegrity`,
/// `RowCountMatch`, `DatasetMatch`, `SchemaMatch`, `AggregateMatch`). The primary data is read
/// once: what a rule needs from its rows rides in the pass as a probe. Each reference is read on
/// its own after the pass (`RuleSet.readReferences`), once whichever rules name it.
enum ComparisonRule {
  /// Why a comparison could not be measured, as the rule's outcome.
  struct Unmeasured: Error {
    var measurement: RuleMeasurement

    static func fail(_ message: String) -> Unmeasured { Unmeasured(measurement: .settled(.fail, message)) }
    static func error(_ message: String) -> Unmeasured { Unmeasured(measurement: .settled(.error, message)) }

    var message: String {
      if case .settled(_, let why) = measurement.value { return why }
      return ""
    }
  }

  /// A rule measured from the pass's results and the references; a problem settles it.
  static func planned(_ measure: @escaping @Sendable (RuleInputs) throws(Unmeasured) -> RuleMeasurement) -> PlannedRule {
    PlannedRule { inputs in
      do throws(Unmeasured) {
        return try measure(inputs)
      } catch {
        return error.measurement
      }
    }
  }

  /// The keyed table built over the reference for `request`; a column it lacks fails the rule.
  static func keyed(_ inputs: RuleInputs, _ alias: String, _ request: Int) throws(Unmeasured) -> KeyedRowHashes {
    switch try inputs.references.source(alias).keyed[request] {
    case .table(let table): return table
    case .missing(let message): throw .fail(message)
    }
  }

  /// The ERROR of an alias that names no second source, with how to give one.
  static func unknownAlias(_ alias: String, _ planning: RulePlanning) -> PlannedRule {
    let known = planning.environment.references.keys.sorted()
    let listed = known.isEmpty ? "no references are given" : "the references are \(ValueCountRule.quoted(known))"
    return .settled(
      .error,
      "no reference is named '\(alias)' (\(listed)): give --reference \(alias)=path to onboard check, or quality.references in the recipe")
  }

  /// Column names of a parameter: `"a, b"` is `a` and `b`.
  static func names(_ list: String) -> [String] {
    list.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
  }

  /// The primary's columns, by index, or a FAIL naming the first missing one.
  static func columns(_ names: [String], _ planning: RulePlanning) throws(RulePlanning.MissingColumn) -> [Int] {
    var found: [Int] = []
    for name in names { found.append(try planning.column(name)) }
    return found
  }
}
