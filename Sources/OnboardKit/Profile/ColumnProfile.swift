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
  /// Population variance, exact where squaring the deviation would round (the Variance rule).
  public var populationVariance: Double?
  public var topValues: [TopValues.Entry]?
  /// Largest possible undercount of `topValues` counts; absent when exact.
  public var topValuesMaximumError: Int?
  /// Adjusted skewness and excess kurtosis, as pandas' `skew()` and `kurt()`.
  public var skewness: Double?
  public var kurtosis: Double?
  /// p1, p5, p25, p50, p75, p95, p99 of a numeric column (left out when sensitive).
  public var quantiles: Quantiles?
  /// Ten equal-width bins over [minimum, maximum] (left out when sensitive).
  public var histogram: Histogram?
  public var zeros: Int?
  public var negatives: Int?
  /// Values more than 3 standard deviations from the mean.
  public var outliers: ZScoreOutliers?
  /// Lengths of the values as written, in Unicode scalars (text columns).
  public var lengths: TextLengths.Result?
  /// The most common value shapes ("Aa9" patterns) with their counts (left out when sensitive).
  public var shapes: [TopValues.Entry]?
  /// Largest possible undercount of `shapes` counts; absent when exact.
  public var shapesMaximumError: Int?
  /// Shannon entropy of the values, in bits.
  public var entropy: ValueEntropy.Result?
  /// Values that look like personal data, with the evidence and a suggested sensitivity;
  /// absent when nothing was detected.
  public var personalData: PersonalDataFinding?
  /// Non-null values that satisfy the declared domain / non-null values; absent without a domain.
  public var correctness: Double?
  /// The values outside the declared domain, by reason, with their first rows (and values,
  /// unless the column is sensitive).
  public var invalid: DomainTally.Result?
  /// True when the column is classified sensitive: its values (top values, min, max) are left out.
  public var sensitive: Bool

  /// Keys as written in JSON after the encoders' snake_case conversion (`inferred_type`, `stddev`, ...).
  enum CodingKeys: String, CodingKey {
    case name, nullable, rows, nulls, completeness, distinct, minimum, maximum, sum, mean, sensitive
    case inferredType, typeReason, emptyStrings, distinctStandardError, topValues
    case standardDeviation = "stddev"
    case populationStandardDeviation = "stddevPopulation"
    case populationVariance = "variancePopulation"
    case topValuesMaximumError = "topValuesMaxError"
    case skewness, kurtosis, quantiles, histogram, zeros, negatives, outliers, lengths, shapes, entropy, personalData
    case correctness, invalid
    case shapesMaximumError = "shapesMaxError"
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
      populationVariance = moments.populationVariance
      let higher = a.higherMoments.result
      skewness = higher.skewness
      kurtosis = higher.kurtosis
      let signs = a.signs.result
      zeros = signs.zeros
      negatives = signs.negatives
      outliers = ZScoreOutliers(sketch: a.quantiles, moments: moments)
      if !sensitive {
        quantiles = Quantiles(a.quantiles.result)
        histogram = a.quantiles.histogram()
      }
    }
    let nonNull = nulls.rows - nulls.nulls
    if nonNull > 0 {
      entropy = ValueEntropy.of(a.distinct, top: a.top.result, nonNull: nonNull)
      if !inferredType.isNumeric && !inferredType.isTemporal {
        lengths = a.lengths.result
        // The shortest and longest length can give a lone secret's length away; the mean cannot.
        if sensitive { (lengths!.minimum, lengths!.maximum) = (nil, nil) }
      }
      if !sensitive {
        let shapes = a.shapes.result
        self.shapes = shapes.entries
        shapesMaximumError = shapes.maximumError == 0 ? nil : shapes.maximumError
      }
    }
    personalData = PersonalDataFinding(column: field.name, tally: a.pii.result)
    if let domain = a.domain {
      var found = a.invalid.result(for: domain)
      correctness = found.correctness(nonNull: nonNull)
      if sensitive { found.reasons = found.reasons.map { var r = $0; r.examples = nil; return r } }
      invalid = found
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

  /// The value as a number; nil for text.
  public var number: Double? {
    switch self {
    case .integer(let i): Double(i)
    case .number(let d): d
    case .string: nil
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

/// The quantiles of a numeric column, with the sketch's stated rank error.
public struct Quantiles: Sendable, Equatable, Codable {
  public var p1, p5, p25, p50, p75, p95, p99: Double
  /// How far (in values) each quantile's rank may be from its target rank; absent when exact.
  public var maximumRankError: Int?

  enum CodingKeys: String, CodingKey {
    case p1, p5, p25, p50, p75, p95, p99
    case maximumRankError = "maxRankError"
  }

  init?(_ r: QuantileSketch.Result) {
    guard r.values.count == 7 else { return nil }
    (p1, p5, p25, p50, p75, p95, p99) = (r.values[0], r.values[1], r.values[2], r.values[3], r.values[4], r.values[5], r.values[6])
    maximumRankError = r.isExact ? nil : r.maximumRankError
  }

  public var values: [(percent: Int, value: Double)] { [(1, p1), (5, p5), (25, p25), (50, p50), (75, p75), (95, p95), (99, p99)] }
}

/// The profile of a table: its row count and one profile per column.
public struct TableProfile: Sendable, Equatable, Codable {
  public var rows: Int
  public var columns: [ColumnProfile]
  /// Rows that repeat an earlier row exactly.
  public var duplicateRows: DuplicateRows.Result?
  /// Pearson's r for each pair of numeric columns (pairwise complete rows).
  public var correlations: [Correlation]?

  public struct Correlation: Sendable, Equatable, Codable {
    public var columns: [String]
    public var pearson: Double
    /// Rows where both columns have a value.
    public var rows: Int
  }
  /// One report per facet of the recipe's `bias` section; absent when none is declared.
  public var bias: [BiasResult]?

  public subscript(name: String) -> ColumnProfile? { columns.first { $0.name == name } }

  /// The schema inferred over all rows.
  public var inferredSchema: Schema {
    Schema(columns.map { Field(name: $0.name, type: $0.inferredType, nullable: $0.nullable) })
  }
}
