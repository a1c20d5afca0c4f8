import Foundation

/// The recipe's `bias` section: the pre-training bias report (SageMaker Clarify's metrics) of one
/// label across sensitive facets, counted in the profile's single pass. Each facet becomes one
/// `BiasSpec` with the same label and group (docs/bias.md).
///
/// ```yaml
/// bias:
///   label: credit_risk            # the label column
///   positive: [good]              # its positive value(s); or `positive_above: 0.5` for a number
///   group: purpose                # optional: the group variable of CDD
///   facets:
///     - column: foreign_worker
///       values: [yes]             # facet d: rows with one of these values
///     - column: age_in_years
///       threshold: 25
///       sensitive: at_or_below    # facet d: age <= 25; the default, `above`, is Clarify's x > 25
/// ```
///
/// Parsing checks the shape; the columns are checked against the planned target schema by
/// `Recipe.checkBias(against:)`, before any row is read.
struct RecipeBias {
  /// Where each column the section names is written, so planning errors point at the line.
  struct Locations: Sendable {
    var section: RecipeLocation
    var label: RecipeLocation
    var group: RecipeLocation?
    /// One per spec, in order: the facet's `column:` value.
    var facets: [RecipeLocation]
  }

  var specs: [BiasSpec]
  var locations: Locations

  static let keys = ["label", "positive", "positive_above", "group", "facets"]
  static let facetKeys = ["column", "values", "threshold", "sensitive"]

  static func parse(_ node: RecipeNode) throws -> RecipeBias {
    if node.isSequence {
      throw RecipeError(
        "wrong-type", "'bias' must be a mapping with one label and a list of `facets`, not a list", at: node.location,
        fix: "write `bias:` then `label:`, `positive:` and `facets:` indented under it (see docs/bias.md)")
    }
    let f = try node.fields(allowed: keys, required: ["label", "facets"])
    let labelNode = try f.required("label", step: nil)
    let label = BiasLabel(column: try labelNode.string(), rule: try labelRule(f))
    let groupNode = f["group"]
    let group = try groupNode?.string()

    let facetsNode = try f.required("facets", step: nil)
    let items = try facetsNode.items()
    guard !items.isEmpty else {
      throw RecipeError(
        "missing-parameter", "'bias.facets' is empty: the report needs at least one facet", at: facetsNode.location,
        fix: "add `- column: <sensitive column>` with `values: [...]` or `threshold: <number>`")
    }
    var specs: [BiasSpec] = []
    var facetLocations: [RecipeLocation] = []
    for item in items {
      let (facet, location) = try parseFacet(item)
      if facet.column == label.column {
        throw RecipeError(
          "invalid-option", "the facet column '\(facet.column)' is the label column", at: location, column: facet.column,
          fix: "a facet is a sensitive attribute other than the label: name another column")
      }
      if specs.contains(where: { $0.facet == facet }) {
        throw RecipeError(
          "invalid-option", "the facet \(facet.column) is declared twice with the same rule", at: location, column: facet.column,
          fix: "remove one of the two")
      }
      specs.append(BiasSpec(label: label, facet: facet, group: group))
      facetLocations.append(location)
    }
    return RecipeBias(
      specs: specs,
      locations: Locations(section: node.location, label: labelNode.location, group: groupNode?.location, facets: facetLocations))
  }

  /// `positive: [good]` (a single value also reads) or `positive_above: 0.5`, exactly one.
  private static func labelRule(_ f: RecipeNode.Fields) throws -> BiasLabel.Rule {
    switch (f["positive"], f["positive_above"]) {
    case (let node?, nil):
      let values = try node.strings()
      guard !values.isEmpty else {
        throw RecipeError(
          "invalid-option", "'bias.positive' is an empty list", at: node.location,
          fix: "list the label value(s) that count as positive (favourable), e.g. `positive: [good]`")
      }
      return .values(Set(values))
    case (nil, let node?):
      return .above(try number(node))
    case (_?, let node?):
      throw RecipeError(
        "invalid-option", "'bias' takes `positive` or `positive_above`, not both", at: node.location,
        fix: "keep `positive:` for label values, or `positive_above:` for a numeric label (positive is label > it)")
    case (nil, nil):
      throw RecipeError(
        "missing-parameter", "'bias' needs the positive label: `positive` or `positive_above`", at: f.owner.location,
        fix: "add `positive: [<label value>]`, e.g. `positive: [good]`")
    }
  }

  /// One facet; its location is that of its `column:` value.
  private static func parseFacet(_ node: RecipeNode) throws -> (BiasFacet, RecipeLocation) {
    guard node.isMapping else {
      throw RecipeError(
        "wrong-type", "\(node.what) must be a mapping with `column:` and `values:` or `threshold:`", at: node.location,
        fix: "write `- column: foreign_worker` and, indented under it, `values: [yes]`")
    }
    let f = try node.fields(allowed: facetKeys)
    let columnNode = try f.required("column", step: nil)
    let column = try columnNode.string()
    switch (f["values"], f["threshold"]) {
    case (let valuesNode?, nil):
      if let side = f["sensitive"] {
        throw RecipeError(
          "invalid-option", "'sensitive' chooses a side of a threshold, but facet '\(column)' lists values", at: side.location,
          column: column, fix: "remove `sensitive:`: the listed values are facet d")
      }
      let values = try valuesNode.strings()
      guard !values.isEmpty else {
        throw RecipeError(
          "invalid-option", "the values of facet '\(column)' are an empty list", at: valuesNode.location, column: column,
          fix: "list the value(s) of the sensitive group (facet d), e.g. `values: [yes]`")
      }
      return (.values(column, Set(values)), columnNode.location)
    case (nil, let thresholdNode?):
      var side = BiasFacet.ThresholdSide.above
      if let sideNode = f["sensitive"] {
        let text = try sideNode.string()
        guard let parsed = BiasFacet.ThresholdSide(rawValue: text) else {
          let sides = ["above", "at_or_below"]
          throw RecipeError(
            "invalid-option", "unknown side '\(text)' for facet '\(column)'", at: sideNode.location, column: column,
            fix: Suggestion.nearest(to: text, in: sides).map { "did you mean '\($0)'?" }
              ?? "use `above` (facet d is x > threshold, Clarify's meaning) or `at_or_below` (x <= threshold)")
        }
        side = parsed
      }
      return (.threshold(column, try number(thresholdNode), side: side), columnNode.location)
    case (_?, let thresholdNode?):
      throw RecipeError(
        "invalid-option", "facet '\(column)' has both `values` and `threshold`: it takes one, not both", at: thresholdNode.location,
        column: column, fix: "keep `values:` for categories, or `threshold:` for a numeric column")
    case (nil, nil):
      throw RecipeError(
        "missing-parameter", "facet '\(column)' needs `values` or `threshold`", at: node.location, column: column,
        fix: "add `values: [<sensitive value>]`, or `threshold: <number>` for a numeric column")
    }
  }

  private static func number(_ node: RecipeNode) throws -> Double {
    let text = try node.string()
    guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
      throw RecipeError("wrong-type", "\(node.what) must be a number, not '\(text)'", at: node.location, fix: "write a number, e.g. 25")
    }
    return value
  }
}

extension Recipe {
  /// Checks the `bias` section against the planned target schema, before any row is read: the
  /// label, facet and group columns must exist (an unknown one is named with the nearest name),
  /// and a threshold needs a numeric column.
  func checkBias(against schema: Schema) throws {
    let file = RecipeLocation(file: self.file, line: 0, column: 0)
    for (i, spec) in bias.enumerated() {
      for problem in spec.problems(in: schema, thresholdsNeedNumbers: true) {
        let location: RecipeLocation =
          switch problem.role {
          case .label: biasLocations?.label ?? file
          case .facet: biasLocations.map { $0.facets[i] } ?? file
          case .group: biasLocations?.group ?? file
          }
        switch problem.kind {
        case .unknownColumn:
          var error = RecipeError.unknownColumn(problem.column, among: schema.names, at: location, step: nil)
          error.message += " in `bias` (the \(problem.role.rawValue)): the steps do not produce it"
          throw error
        case .notNumeric(let type):
          throw RecipeError(
            "type-mismatch",
            "the `bias` \(problem.role.rawValue) '\(problem.column)' has a threshold, but the steps make it \(type.glueName)",
            at: location, column: problem.column,
            fix: "add a cast step to integer or double, or compare with `\(problem.role == .label ? "positive" : "values"):` instead")
        }
      }
    }
  }
}
