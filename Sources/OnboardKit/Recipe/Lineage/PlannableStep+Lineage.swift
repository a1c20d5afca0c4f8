extension PlannableStep {
  /// The planned step's lineage: what the step declares (or the default rule infers), with the
  /// masking of the columns it protects and the columns its conditions test.
  func lineage(from input: Schema, to output: Schema) -> StepLineage {
    var lineage =
      (step as? any DeclaresLineage)?.lineage(from: input, to: output) ?? .inferred(for: step, from: input, to: output)
    if let protecting = step as? any ProtectsColumns {
      let protected = Set(protecting.protectedColumns)
      for k in lineage.columns.indices where protected.contains(output[k].name) {
        for n in lineage.columns[k].indices where lineage.columns[k][n].transformation.subtype == .transformation {
          lineage.columns[k][n].transformation.masking = true
        }
      }
    }
    var tested: [Int] = []
    for condition in conditions where !tested.contains(condition.columnIndex) { tested.append(condition.columnIndex) }
    guard !tested.isEmpty else { return lineage }
    switch type(of: step).conditionUse {
    case .removesMatchingRows:
      lineage.dataset += tested.map { StepLineage.Input($0, .filter) }
    case .changesMatchingRows:
      // Rows that do not match keep their values, and new columns are null there: every column
      // the step makes or changes depends on the tested columns, and is no longer a plain copy.
      for k in lineage.columns.indices {
        let inputs = lineage.columns[k]
        let passesThrough =
          inputs.count == 1 && inputs[0].transformation.subtype == .identity && input[inputs[0].column].name == output[k].name
        guard !passesThrough else { continue }
        for n in inputs.indices where inputs[n].transformation.subtype == .identity {
          lineage.columns[k][n].transformation.subtype = .transformation
        }
        lineage.columns[k] += tested.map { StepLineage.Input($0, .conditional) }
      }
      if !lineage.dataset.isEmpty { lineage.dataset += tested.map { StepLineage.Input($0, .filter) } }
    case .none:
      break
    }
    return lineage
  }
}
