/// The column-level lineage of a product: for every target column, the source columns it comes
/// from and the steps that made or changed it; and the source columns that decide which rows there
/// are. An OpenLineage `columnLineage` facet is a projection: `columns` are its `fields` (keyed by
/// name, `inputs` as `inputFields` with the source dataset's namespace and name), `dataset` its
/// `dataset`.
public struct Lineage: Sendable, Codable, Equatable {
  /// A source column and how the target depends on it, one transformation per way; each
  /// transformation's `description` lists the steps on the way.
  public struct InputField: Sendable, Codable, Equatable {
    public var field: String
    public var transformations: [LineageTransformation]
  }

  /// A step that made or changed a target column (or a column it comes from), and how.
  public struct StepUse: Sendable, Codable, Equatable {
    /// `index:kind`, as quarantine records and protections name steps.
    public var step: String
    public var transformation: LineageTransformation

    enum CodingKeys: String, CodingKey { case step }

    public init(step: String, transformation: LineageTransformation) {
      self.step = step
      self.transformation = transformation
    }

    // Flat in JSON: `{step, type, subtype, masking}`.
    public init(from decoder: any Decoder) throws {
      step = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .step)
      transformation = try LineageTransformation(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(step, forKey: .step)
      try transformation.encode(to: encoder)
    }
  }

  public struct Column: Sendable, Codable, Equatable {
    public var name: String
    /// In source schema order.
    public var inputs: [InputField]
    /// In recipe order.
    public var steps: [StepUse]
  }

  /// One per target column, in target order.
  public var columns: [Column]
  /// Source columns that decide which rows remain (INDIRECT: FILTER), in source order.
  public var dataset: [InputField]

  public subscript(name: String) -> Column? { columns.first { $0.name == name } }
}
