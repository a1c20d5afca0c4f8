/// Reading a column's domain from the recipe, and checking it against the column's type.
extension ColumnDomain {
  /// The keys of a `columns` entry that declare its domain.
  static let recipeKeys = ["allowed", "range", "pattern", "length"]

  /// Reads the domain keys of one `columns` entry; nil when it declares none. With a declared
  /// `type`, the domain is checked against it at once; otherwise `planned(for:)` does when the
  /// steps are planned. Every error names the line.
  static func parse(_ fields: RecipeNode.Fields, column: String, type: DataType?, at location: RecipeLocation) throws
    -> ColumnDomain?
  {
    guard recipeKeys.contains(where: { fields[$0] != nil }) else { return nil }
    let keys = Dictionary(
      try fields.owner.entries().map { ($0.key, $0.keyNode.location) }, uniquingKeysWith: { a, _ in a })
    func error(_ code: String, _ message: String, key: String, fix: String) -> RecipeError {
      RecipeError(code, message, at: keys[key] ?? location, column: column, fix: fix)
    }

    var allowed: [String]? = nil
    if let node = fields["allowed"] {
      let values = try node.items().map { try $0.string() }
      guard !values.isEmpty else {
        throw error("empty-allowed", "column '\(column)' allows no value: `allowed` is empty", key: "allowed",
                    fix: "list the allowed values, e.g. `allowed: [good, bad]`, or remove `allowed`")
      }
      allowed = values
    }

    var minimum: DomainBound? = nil
    var maximum: DomainBound? = nil
    if let node = fields["range"] {
      let range = try node.fields(allowed: ["min", "max"])
      guard range["min"] != nil || range["max"] != nil else {
        throw error("missing-key", "the range of column '\(column)' has neither `min` nor `max`", key: "range",
                    fix: "write `range: {min: 18, max: 100}` (either bound may be left out)")
      }
      func bound(_ key: String) throws -> DomainBound? {
        guard let node = range[key] else { return nil }
        let text = try node.string()
        guard let bound = DomainBound(text) else {
          throw RecipeError(
            "invalid-bound", "the range \(key) '\(text)' of column '\(column)' is neither a number nor a date", at: node.location,
            column: column, fix: "write a number (18, 2.5) or an ISO date (2024-01-31) or timestamp (2024-01-31 12:00:00)")
        }
        return bound
      }
      minimum = try bound("min")
      maximum = try bound("max")
      if let minimum, let maximum {
        guard let ordered = minimum.isAtMost(maximum) else {
          throw error("invalid-range", "the range of column '\(column)' mixes a number and a date (min \(minimum), max \(maximum))",
                      key: "range", fix: "write both bounds as numbers, or both as dates")
        }
        guard ordered else {
          throw error("invalid-range", "the range of column '\(column)' has min \(minimum) greater than max \(maximum)",
                      key: "range", fix: "swap them: `range: {min: \(maximum), max: \(minimum)}`")
        }
      }
    }

    var pattern: DomainPattern? = nil
    if let node = fields["pattern"] {
      let source = try node.string()
      guard let compiled = DomainPattern(source) else {
        throw error(
          "invalid-pattern",
          source.isEmpty ? "the pattern of column '\(column)' is empty" : "'\(source)' is not a valid regular expression",
          key: "pattern",
          fix: "escape special characters such as ( [ . * + ? with a backslash to match them literally; the whole value must match")
      }
      pattern = compiled
    }

    var minimumLength: Int? = nil
    var maximumLength: Int? = nil
    if let node = fields["length"] {
      let length = try node.fields(allowed: ["min", "max"])
      guard length["min"] != nil || length["max"] != nil else {
        throw error("missing-key", "the length of column '\(column)' has neither `min` nor `max`", key: "length",
                    fix: "write `length: {min: 15, max: 34}` (either bound may be left out)")
      }
      minimumLength = try length["min"]?.int()
      maximumLength = try length["max"]?.int()
      if let n = [minimumLength, maximumLength].compactMap({ $0 }).first(where: { $0 < 0 }) {
        throw error("invalid-length", "the length of column '\(column)' has a negative bound \(n)", key: "length",
                    fix: "lengths count Unicode characters: write 0 or more")
      }
      if let lo = minimumLength, let hi = maximumLength, lo > hi {
        throw error("invalid-length", "the length of column '\(column)' has min \(lo) greater than max \(hi)", key: "length",
                    fix: "swap them: `length: {min: \(hi), max: \(lo)}`")
      }
    }

    let locations = Locations(column: location, allowed: keys["allowed"], range: keys["range"])
    let domain: ColumnDomain
    do {
      domain = try ColumnDomain(
        column: column, type: nil, allowed: allowed, minimum: minimum, maximum: maximum, pattern: pattern,
        minimumLength: minimumLength, maximumLength: maximumLength, locations: locations)
    } catch {
      preconditionFailure("untyped allowed values are bytes: \(error)")
    }
    guard let type else { return domain }
    return try domain.planned(for: type)
  }

  /// The domain checking values against `type`, the column's planned type; refuses what cannot
  /// hold for that type: a range on a text column, date bounds on a numeric one, an allowed value
  /// that is not of the type.
  public func planned(for type: DataType) throws -> ColumnDomain {
    if let bound = minimum ?? maximum {
      let rangeLocation = locations.range ?? locations.column
      if type.isNumeric && !bound.isNumber {
        throw RecipeError(
          "domain-type-mismatch", "column '\(column)' is \(type) but its range bounds are dates", at: rangeLocation, column: column,
          fix: "write the bounds as numbers, or cast the column to date in the steps")
      }
      if (type == .date || type == .timestamp) && bound.isNumber {
        throw RecipeError(
          "domain-type-mismatch", "column '\(column)' is \(type) but its range bounds are numbers", at: rangeLocation, column: column,
          fix: "write the bounds as ISO dates, e.g. `range: {min: 2000-01-01, max: 2030-12-31}`")
      }
      if !type.isNumeric && type != .date && type != .timestamp {
        throw RecipeError(
          "domain-type-mismatch", "column '\(column)' is \(type): a range needs numbers or dates", at: rangeLocation, column: column,
          fix: "cast the column to a number or date type in the steps, or declare `allowed`, `pattern` or `length` instead")
      }
    }
    do {
      return try retyped(type)
    } catch {
      throw RecipeError(
        "domain-type-mismatch", "the allowed value '\(error.value)' of column '\(column)' is not of type \(type)",
        at: locations.allowed ?? locations.column, column: column,
        fix: "remove it, or write it as a value of type \(type) (\(Self.example(of: type)))")
    }
  }

  private static func example(of type: DataType) -> String {
    switch type {
    case .boolean: "true or false"
    case .integer, .bigint: "e.g. 42"
    case .decimal, .double: "e.g. 4.5"
    case .date: "e.g. 2024-01-31"
    case .timestamp: "e.g. 2024-01-31 12:00:00"
    default: "as written"
    }
  }
}

extension Recipe {
  /// The declared domains planned against the target schema, one per target column, for the
  /// profiler: a column with a declared domain or type gets one (a type alone checks the type);
  /// the others nil. `Pipeline.checkColumns` has already refused domains that cannot hold.
  public func plannedDomains(for schema: Schema) throws -> [ColumnDomain?] {
    var domains = [ColumnDomain?](repeating: nil, count: schema.count)
    for spec in columns {
      guard let i = schema.index(of: spec.name) else { continue }
      if let domain = spec.domain {
        domains[i] = try domain.planned(for: schema[i].type)
      } else if spec.type != nil {
        domains[i] = ColumnDomain(column: spec.name, type: schema[i].type)
      }
    }
    return domains
  }
}
