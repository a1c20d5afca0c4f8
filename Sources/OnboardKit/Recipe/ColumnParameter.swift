/// A column named by a step parameter (`source_column: name`), kept with where it was written so
/// that plan errors point at the name, not just the step.
struct ColumnParameter: Sendable {
  var name: String
  var location: RecipeLocation

  init(name: String, location: RecipeLocation) {
    self.name = name
    self.location = location
  }

  init(_ node: RecipeNode) throws {
    name = try node.string()
    location = node.location
  }

  /// Reads the required parameter `key` of a step.
  init(_ fields: RecipeNode.Fields, _ key: String, context: StepContext) throws {
    try self.init(fields.required(key, step: context.reference))
  }

  /// The column of a step whose only parameter is `source_column` (case steps, fills, removals).
  static func onlySourceColumn(of parameters: RecipeNode, context: StepContext) throws -> ColumnParameter {
    let f = try parameters.fields(allowed: ["source_column"], required: ["source_column"], step: context.reference)
    return try ColumnParameter(f, "source_column", context: context)
  }

  /// The columns of `source_columns` (or one `source_column`), each with its recipe location. With
  /// `distinct`, an empty list or a column named twice is refused: `doing` says what the step
  /// would do to them ("hash", "group by").
  static func sourceList(_ f: RecipeNode.Fields, context: StepContext, distinct doing: String? = nil) throws -> [ColumnParameter] {
    let columns = try f.sourceColumns(step: context.reference).map { ColumnParameter(name: $0.name, location: $0.location) }
    guard let doing else { return columns }
    guard !columns.isEmpty else {
      throw context.error("missing-parameter", "source_columns is empty", at: f.owner.location, fix: "list the columns to \(doing)")
    }
    var seen: Set<String> = []
    for column in columns where !seen.insert(column.name).inserted {
      throw context.error(
        "duplicate-column", "'\(column.name)' is listed twice in source_columns", at: column.location, column: column.name,
        fix: "list each column to \(doing) once")
    }
    return columns
  }

  /// The index of this existing column, which must hold text: text steps run before the profiler
  /// and casts type the columns, and a typed column has no text to change.
  func textIndex(in schema: Schema, context: StepContext) throws -> Int {
    let i = try context.index(of: name, in: schema, at: location)
    guard schema[i].type == .string else {
      throw context.error(
        "wrong-type", "column '\(name)' is \(schema[i].type), but \(context.reference.kind) works on text",
        at: location, column: name, fix: "move this step before the cast of '\(name)'")
    }
    return i
  }

  /// The field of a new column of this name; a name already in use is an error, because a step
  /// that silently overwrote a column would lose data.
  func newField(in schema: Schema, context: StepContext, like source: Field? = nil) throws -> Field {
    guard !name.isEmpty else {
      throw context.error("empty-name", "the target column's name is empty", at: location, fix: "give `target_column` a name")
    }
    guard schema.index(of: name) == nil else {
      throw context.error(
        "duplicate-column", "target column '\(name)' already exists", at: location, column: name,
        fix: "pick another `target_column`, or drop or rename the existing column first")
    }
    var field = source ?? Field(name: name, type: .string)
    field.name = name
    field.nullable = true
    return field
  }
}
