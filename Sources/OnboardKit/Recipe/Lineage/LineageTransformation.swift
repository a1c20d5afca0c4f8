/// How an output column depends on an input column, in OpenLineage's terms (the `transformations`
/// of the column-lineage facet): DIRECT when the value flows from the input, INDIRECT when the
/// input only decides which rows there are or which rows a step changes.
public struct LineageTransformation: Sendable, Hashable, Comparable, Codable {
  public enum Kind: String, Sendable, Codable {
    case direct = "DIRECT", indirect = "INDIRECT"
  }

  /// OpenLineage's subtypes; the first three are DIRECT, the rest INDIRECT.
  public enum Subtype: String, Sendable, Codable, CaseIterable {
    case identity = "IDENTITY", transformation = "TRANSFORMATION", aggregation = "AGGREGATION"
    case filter = "FILTER", join = "JOIN", groupBy = "GROUP_BY", sort = "SORT", window = "WINDOW", conditional = "CONDITIONAL"

    public var kind: Kind { rank < 3 ? .direct : .indirect }
    /// The order of the cases: stable sorting, and how strongly a DIRECT path changes a value.
    var rank: Int { Subtype.allCases.firstIndex(of: self)! }
  }

  public var subtype: Subtype
  /// Whether the values are protected on the way (masked, randomised, hashed).
  public var masking: Bool
  /// The steps (`index:kind`) the dependency passes through; set on a whole recipe's lineage.
  public var description: String?

  public var type: Kind { subtype.kind }

  public init(_ subtype: Subtype, masking: Bool = false, description: String? = nil) {
    self.subtype = subtype
    self.masking = masking
    self.description = description
  }

  public static let identity = LineageTransformation(.identity)
  public static let transformation = LineageTransformation(.transformation)
  public static let filter = LineageTransformation(.filter)
  public static let conditional = LineageTransformation(.conditional)

  /// This dependency followed by `next`: a DIRECT chain keeps its strongest change (an identity
  /// after a transformation is still a transformation) and any masking on the way; once INDIRECT,
  /// the chain is INDIRECT, of the subtype of the step that used the column that way.
  func then(_ next: LineageTransformation) -> LineageTransformation {
    switch (type, next.type) {
    case (.direct, .direct):
      LineageTransformation(subtype.rank >= next.subtype.rank ? subtype : next.subtype, masking: masking || next.masking)
    case (_, .indirect): LineageTransformation(next.subtype)
    case (.indirect, .direct): LineageTransformation(subtype)
    }
  }

  /// DIRECT before INDIRECT, then by subtype, unmasked first: the stable order of the manifest.
  public static func < (a: LineageTransformation, b: LineageTransformation) -> Bool {
    (a.subtype.rank, a.masking ? 1 : 0, a.description ?? "") < (b.subtype.rank, b.masking ? 1 : 0, b.description ?? "")
  }

  enum CodingKeys: String, CodingKey { case type, subtype, masking, description }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    subtype = try c.decode(Subtype.self, forKey: .subtype)
    masking = try c.decodeIfPresent(Bool.self, forKey: .masking) ?? false
    description = try c.decodeIfPresent(String.self, forKey: .description)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(type, forKey: .type)
    try c.encode(subtype, forKey: .subtype)
    try c.encode(masking, forKey: .masking)
    try c.encodeIfPresent(description, forKey: .description)
  }
}
