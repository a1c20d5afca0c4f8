/// One named, typed column of a schema.
public struct Field: Hashable, Sendable, Codable {
  public var name: String
  public var type: DataType
  public var nullable: Bool
  /// How the column's text writes numbers or dates, when not the standard way (`1.234,5`,
  /// `dd.MM.yyyy`); typed columns have none.
  public var format: ValueFormat?

  public init(name: String, type: DataType, nullable: Bool = true, format: ValueFormat? = nil) {
    self.name = name
    self.type = type
    self.nullable = nullable
    self.format = format
  }
}

/// An ordered list of fields with lookup by name.
public struct Schema: Hashable, Sendable, Codable {
  public private(set) var fields: [Field]

  public init(_ fields: [Field]) { self.fields = fields }

  public var count: Int { fields.count }
  public var names: [String] { fields.map(\.name) }

  public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

  public subscript(index: Int) -> Field {
    get { fields[index] }
    set { fields[index] = newValue }
  }

  public mutating func remove(at index: Int) { fields.remove(at: index) }
  public mutating func append(_ field: Field) { fields.append(field) }

  public init(from decoder: any Decoder) throws {
    fields = try decoder.singleValueContainer().decode([Field].self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(fields)
  }
}
