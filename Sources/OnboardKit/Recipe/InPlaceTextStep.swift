/// A step that rewrites one text column value by value, in place: `{source_column: name}`.
///
/// The case steps differ only in how one value becomes another; reading the parameter, planning
/// and the batch loop live here once, and each step gives its `rewrite`.
protocol InPlaceTextStep: Step {
  var source: ColumnParameter { get }
  var index: Int { get set }
  init(source: ColumnParameter)
  /// Appends the new text of `value` to `out`; nulls never reach it.
  static func rewrite(_ value: UnsafeBufferPointer<UInt8>, into out: inout [UInt8])
}

extension InPlaceTextStep {
  public init(parameters: RecipeNode, context: StepContext) throws {
    self.init(source: try ColumnParameter.onlySourceColumn(of: parameters, context: context))
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    batch.replacingText(at: index) { value, out in
      Self.rewrite(value, into: &out)
      return true
    }
  }
}
