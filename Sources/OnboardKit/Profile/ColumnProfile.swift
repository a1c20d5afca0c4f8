/// The profile of one column, as it goes into the manifest and the terminal.
public struct ColumnProfile: Sendable, Equatable, Codable {
  public var name: String
  /// The type inferred over all values.
  public var inferredType: DataType
  public var nullable: Bool
  public var typeReason: String
  public var rows: Int
  public var nulls: Int
  public var emptyStrings: Int
  public var completeness: Double
  public var distinct: Int
  /// Relative standard error of `distinct`; absent when exact.
  public var distinctStandardError: Double?
  public var minimum: ProfileScalar?
  public var maximum: ProfileScalar?
  public var sum: Double?
  public var mean: Double?
  /// Sample standard deviation (n - 1), as DuckDB's `stddev` and pandas' `std` give it.
  public var standardDeviation: Double?
  public var populationStandardDeviation: Double?
  public var topValues: [TopValues.Entry]?
  /// Largest possible undercount of `topValues` counts; absent when exact.
  public var topValuesMaximumError: Int?
  /// True when the column is classified sensitive: its values (top values, min, max) are left out.
  public var sensitive: Bool

  /// Keys as written in JSON after the encoders' snake_case conversion (`inferred_type`, `stddev`, ...).
  enum CodingKeys: String, CodingKey {
    case name, nullable, rows, nulls, completeness, distinct, minimum, maximum, sum, mean, sensitive
    case inferredType, typeReason, emptyStrings, distinctStandardError, topValues
    case standardDeviation = "stddev"
    case populationStandardDeviation = "stddevPopulation"
    case topValuesMaximumError = "topValuesMaxError"
  }

  init(field: Field, accumulator a: ColumnAccumulator, sensitive: Bool) {
    let decision = a.types.result
    let nulls = a.nulls.result
    let distinct = a.distinct.result
    name = field.name
    // A typed column keeps its type; a text column gets the inferred one.
    inferredType = field.type == .string ? decision.type : field.type
    nullable = decision.nullable
    typeReason =
      field.type.isNested
      ? "nested values, typed from the source's structure (kept as JSON text)"
      : decision.reason + (field.format.map { " (written \($0.pattern))" } ?? "")
    rows = nulls.rows
    self.nulls = nulls.nulls
    emptyStrings = nulls.emptyStrings
    completeness = nulls.completeness
    self.distinct = distinct.count
    distinctStandardError = distinct.isExact ? nil : distinct.standardError
    self.sensitive = sensitive
    let moments = a.moments.result
    if inferredType.isNumeric, moments.count > 0 {
      sum = moments.sum
      mean = moments.mean
      standardDeviation = moments.sampleStandardDeviation
      populationStandardDeviation = moments.populationStandardDeviation
    }
    if !sensitive {
      switch inferredType {
      case .integer, .bigint:
        minimum = moments.integerMinimum.map { .integer($0) }
        maximum = moments.integerMaximum.map { .integer($0) }
      case .decimal, .double:
        minimum = moments.minimum.map { .number($0) }
        maximum = moments.maximum.map { .number($0) }
      case .date, .timestamp:
        if let range = a.temporal.result {
          var lo: [UInt8] = []
          var hi: [UInt8] = []
          if inferredType == .date {
            ValueFormatter.appendDate(Int(range.minimum / CivilTime.microsPerDay), to: &lo)
            ValueFormatter.appendDate(Int(range.maximum / CivilTime.microsPerDay), to: &hi)
          } else {
            ValueFormatter.appendTimestamp(range.minimum, to: &lo)
            ValueFormatter.appendTimestamp(range.maximum, to: &hi)
          }
          minimum = .string(String(decoding: lo, as: UTF8.self))
          maximum = .string(String(decoding: hi, as: UTF8.self))
        }
      case .array, .struct:
        break  // nested values have no order worth showing; their top values still are
      case .boolean, .string:
        if let range = a.text.result {
          minimum = .string(range.minimum)
          maximum = .string(range.maximum)
        }
      }
      let top = a.top.result
      topValues = top.entries
      topValuesMaximumError = top.maximumError == 0 ? nil : top.maximumError
    }
  }
}

/// A minimum or maximum: a number for numeric columns, text otherwise.
public enum ProfileScalar: Sendable, Equatable, Codable, CustomStringConvertible {
  case integer(Int64)
  case number(Double)
  case string(String)

  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let i = try? c.decode(Int64.self) { self = .integer(i) } else if let d = try? c.decode(Double.self) {
      self = .number(d)
    } else {
      self = .string(try c.decode(String.self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .integer(let i): try c.encode(i)
    case .number(let d): try c.encode(d)
    case .string(let s): try c.encode(s)
    }
  }

  public var description: String {
    switch self {
    case .integer(let i): String(i)
    case .number(let d): ValueFormatter.formatDouble(d)
    case .string(let s): s
    }
  }
}

/// The profile of a table: its row count and one profile per column.
public struct TableProfile: Sendable, Equatable, Codable {
  public var rows: Int
  public var columns: [ColumnProfile]

  public subscript(name: String) -> ColumnProfile? { columns.first { $0.name == name } }

  /// The schema inferred over all rows.
  public var inferredSchema: Schema {
    Schema(columns.map { Field(name: $0.name, type: $0.inferredType, nullable: $0.nullable) })
  }
}
