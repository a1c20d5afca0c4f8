/// A step that states where its output columns come from. A step that does not is read by the
/// default rule (`StepLineage.inferred`), which a step must override when it renames, copies,
/// reorders with meaning, or removes rows.
protocol DeclaresLineage {
  /// The lineage of the planned step from `input` (the schema it received) to `output` (the one
  /// it returned). Conditions and masking are added by the plan, not here.
  func lineage(from input: Schema, to output: Schema) -> StepLineage
}
