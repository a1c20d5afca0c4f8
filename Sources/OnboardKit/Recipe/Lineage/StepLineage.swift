/// Where one step's output columns come from: for each column of the step's output schema, the
/// columns of its input schema it derives from and how; and the input columns that decide which
/// rows remain (OpenLineage's dataset-wide dependencies: filters, duplicate keys).
public struct StepLineage: Sendable, Equatable {
  /// One input column, by index in the step's input schema, and how the output depends on it.
  public struct Input: Sendable, Hashable {
    public var column: Int
    public var transformation: LineageTransformation

    public init(_ column: Int, _ transformation: LineageTransformation) {
      self.column = column
      self.transformation = transformation
    }
  }

  /// `columns[k]` are the inputs of output column `k`.
  public var columns: [[Input]]
  /// Inputs that decide which rows the step keeps (INDIRECT).
  public var dataset: [Input]

  public init(columns: [[Input]], dataset: [Input] = []) {
    self.columns = columns
    self.dataset = dataset
  }

  /// The usual shape, matched by name: an output column named like an input column comes from it,
  /// unchanged unless it is one of `changing`; a new column comes from `newFrom`, as `new` says;
  /// `filteringOn` decides which rows remain. Names absent from `input` are ignored.
  public static func byName(
    _ input: Schema, _ output: Schema, changing: [String] = [], newFrom: [String] = [],
    new: LineageTransformation = .transformation, filteringOn: [String] = []
  ) -> StepLineage {
    let changed = Set(changing)
    let sources = newFrom.compactMap { input.index(of: $0) }
    let columns = output.fields.map { field -> [Input] in
      guard let j = input.index(of: field.name) else { return sources.map { Input($0, new) } }
      return [Input(j, changed.contains(field.name) ? .transformation : .identity)]
    }
    return StepLineage(columns: columns, dataset: filteringOn.compactMap { input.index(of: $0) }.map { Input($0, .filter) })
  }

  /// Output column `k` is input column `k`, unchanged: a rename.
  public static func byPosition(_ input: Schema, _ output: Schema) -> StepLineage {
    StepLineage(columns: output.fields.indices.map { [Input($0, .identity)] })
  }
}
