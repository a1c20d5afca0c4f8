/// The logical type of a column, named as Glue and Hive name it in exports.
///
/// `integer` holds 32-bit values and `bigint` 64-bit ones; `decimal(p, s)` is stored as a
/// scaled `Int64`, so its precision is at most 18 digits. `array` and `struct` describe nested
/// JSON and XML values; their values travel as JSON text in a text column.
public indirect enum DataType: Hashable, Sendable {
  case boolean
  case integer
  case bigint
  case decimal(precision: Int, scale: Int)
  case double
  case date
  case timestamp
  case string
  case array(DataType)
  case `struct`([Field])

  /// The largest decimal precision a scaled `Int64` holds exactly.
  public static let maximumDecimalPrecision = 18

  /// The Glue/Hive spelling: `int`, `bigint`, `decimal(10,2)`, ...
  public var glueName: String {
    switch self {
    case .boolean: "boolean"
    case .integer: "int"
    case .bigint: "bigint"
    case .decimal(let p, let s): "decimal(\(p),\(s))"
    case .double: "double"
    case .date: "date"
    case .timestamp: "timestamp"
    case .string: "string"
    case .array(let element): "array<\(element.glueName)>"
    case .struct(let fields): "struct<" + fields.map { "\($0.name):\($0.type.glueName)" }.joined(separator: ",") + ">"
    }
  }

  /// Whether values are nested (stored as JSON text).
  public var isNested: Bool {
    switch self {
    case .array, .struct: true
    default: false
    }
  }

  public var isTemporal: Bool { self == .date || self == .timestamp }

  public var isNumeric: Bool {
    switch self {
    case .integer, .bigint, .decimal, .double: true
    default: false
    }
  }

  /// Every spelling a recipe may use, for error messages and "did you mean".
  public static let spellings = [
    "boolean", "integer", "int", "bigint", "long", "decimal(p,s)", "double", "float", "date",
    "timestamp", "string",
  ]

  /// The fix for an unknown type name: the nearest spelling, and the flow-mapping pitfall.
  public static func fix(forUnknown text: String) -> String {
    if text.lowercased().hasPrefix("decimal(") && !text.contains(")") {
      return "quote the type, e.g. 'decimal(10,2)': inside { } a comma ends the value"
    }
    if let near = Suggestion.nearest(to: text, in: spellings.filter { $0 != "decimal(p,s)" }) { return "did you mean '\(near)'?" }
    return "use one of \(spellings.joined(separator: ", "))"
  }

  /// Parses a recipe spelling such as `int`, `integer`, `decimal(10, 2)` or `string`.
  public init?(parsing text: String) {
    let t = text.lowercased().filter { !$0.isWhitespace }
    switch t {
    case "boolean", "bool": self = .boolean
    case "integer", "int", "int32": self = .integer
    case "bigint", "long", "int64": self = .bigint
    case "double", "float", "float64": self = .double
    case "date": self = .date
    case "timestamp", "datetime": self = .timestamp
    case "string", "text", "varchar": self = .string
    default:
      guard t.hasPrefix("decimal(") || t.hasPrefix("numeric("), t.hasSuffix(")") else { return nil }
      let inner = t.drop(while: { $0 != "(" }).dropFirst().dropLast()
      let parts = inner.split(separator: ",", omittingEmptySubsequences: false)
      guard parts.count == 2, let p = Int(parts[0]), let s = Int(parts[1]),
        p >= 1, p <= DataType.maximumDecimalPrecision, s >= 0, s <= p
      else { return nil }
      self = .decimal(precision: p, scale: s)
    }
  }
}

extension DataType: CustomStringConvertible {
  public var description: String { glueName }
}

extension DataType: Codable {
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let type = DataType(parsing: text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown type \(text)"))
    }
    self = type
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(glueName)
  }
}
