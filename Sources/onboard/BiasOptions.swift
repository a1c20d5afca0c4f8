import ArgumentParser
import OnboardKit

/// The bias report of `onboard profile`, as a recipe's `bias` section would declare it: one label,
/// one or more facets, an optional group (docs/bias.md). The spelling is `BiasExpression`'s.
struct BiasOptions: ParsableArguments {
  @Option(name: .customLong("bias-label"), help: ArgumentHelp(
    "The label of the bias report and its positive value(s), as COLUMN=VALUE[,VALUE] (a comma inside a value is \\,), or COLUMN>THRESHOLD for a numeric label.",
    valueName: "column=value"))
  var label: String?

  @Option(name: .customLong("facet"), help: ArgumentHelp(
    "A sensitive facet (repeatable): COLUMN=VALUE[,VALUE] (facet d is those values), COLUMN>THRESHOLD (Clarify's meaning) or COLUMN<=THRESHOLD.",
    valueName: "facet"))
  var facets: [String] = []

  @Option(name: .customLong("group"), help: ArgumentHelp(
    "The group variable of the bias report's CDD (conditional demographic disparity).", valueName: "column"))
  var group: String?

  func validate() throws {
    if label == nil, !facets.isEmpty || group != nil {
      throw ValidationError("--facet and --group need --bias-label COLUMN=POSITIVE_VALUE (the label the bias is measured on)")
    }
    if label != nil, facets.isEmpty {
      throw ValidationError("--bias-label needs at least one --facet COLUMN=VALUE, COLUMN>THRESHOLD or COLUMN<=THRESHOLD")
    }
    _ = try parsed()
  }

  /// One spec per facet, with the same label and group.
  func parsed() throws -> [BiasSpec] {
    guard let label else { return [] }
    do {
      let parsedLabel = try BiasExpression.label(label)
      return try facets.map { BiasSpec(label: parsedLabel, facet: try BiasExpression.facet($0), group: group) }
    } catch let error as BiasExpression.Invalid {
      throw ValidationError("\(error)")
    }
  }

  /// The specs, checked against the columns of the file before any row is read. A file profiled
  /// as is has text columns, so a threshold reads the numbers in them.
  func specs(checkedAgainst schema: Schema) throws -> [BiasSpec] {
    let specs = try parsed()
    for spec in specs {
      if let problem = spec.problems(in: schema, thresholdsNeedNumbers: false).first { throw problem }
    }
    return specs
  }
}
