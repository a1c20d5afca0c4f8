/// A step that fills the missing values (null or empty text) of a text column with a value it
/// learns from the column's other values in a pre-pass: its mean, median, sum or mode.
///
/// Reading the parameters, planning, learning and the batch loop live here once; each step gives
/// only how it finds its value. When the column has no value to learn from, nothing is filled.
protocol FillFromData: PrePassStep {
  var column: ColumnParameter { get }
  var index: Int { get set }
  /// The value written into missing cells, learnt by `learn`.
  var fill: [UInt8]? { get set }
  init(column: ColumnParameter)
  /// The value to fill with, from the numbers or values of column `index`; nil when there is none.
  func fillValue(from input: PrePass) throws -> [UInt8]?
}

extension FillFromData {
  public init(parameters: RecipeNode, context: StepContext) throws {
    self.init(column: try Self.fillParameters(parameters, context: context).0)
  }

  /// The parameters of a fill step: the column (what `doc` says of it) and DataBrew's type.
  static func fillParameterDocs(_ doc: String) -> [(name: String, doc: String)] {
    [(name: "source_column", doc: doc),
     (name: "column_data_type", doc: "DataBrew's type of the column; accepted and ignored, since the column is text")]
  }

  /// The parameters every fill step takes: `source_column`, and DataBrew's `column_data_type`
  /// (accepted and ignored, since the column is text), plus the step's own `extra` keys.
  static func fillParameters(_ parameters: RecipeNode, context: StepContext, extra: [String] = []) throws
    -> (ColumnParameter, RecipeNode.Fields)
  {
    let f = try parameters.fields(
      allowed: ["source_column", "column_data_type"] + extra, required: ["source_column"], step: context.reference)
    _ = try f["column_data_type"]?.string()
    return (try ColumnParameter(f, "source_column", context: context), f)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try column.textIndex(in: input, context: context)
    return input
  }

  public mutating func learn(_ input: PrePass) throws {
    fill = try fillValue(from: input)
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    guard let fill, case .text(let text) = batch.columns[index] else { return batch }
    var output = batch
    output.columns[index] = .text(text.fillingMissing(with: fill))
    return output
  }
}

extension StepNumber {
  /// The canonical text of the number, as a fill writes it.
  var text: [UInt8] {
    var out: [UInt8] = []
    write(to: &out)
    return out
  }

  /// The number halfway between `a` and `b`: exact for decimals (one more place when needed).
  static func midpoint(_ a: StepNumber, _ b: StepNumber) -> StepNumber {
    if let (x, y, scale) = aligned(a, b) {
      let (sum, overflow) = x.addingReportingOverflow(y)
      if !overflow {
        if sum % 2 == 0 { return .exact(sum / 2, scale: scale) }
        let (half, o) = sum.multipliedReportingOverflow(by: 5)
        if !o && scale < 18 { return .exact(half, scale: scale + 1) }
      }
    }
    return .double((a.double + b.double) / 2)
  }
}
