/// Maps the values of a text column to codes or labels:
/// `categorical_mapping: {source_column: grade, category_map: {A: "1", B: "2"}, target_column: grade_code}`.
///
/// Matching is exact, byte for byte; a label written as null maps to null. A value with no entry
/// in `category_map` is handled by the first that applies: `delete_other_rows: true` removes the
/// row (counted as filtered, not quarantined: the recipe asked for it); `keep_others: true` keeps
/// the value; `other` writes that text; otherwise the result is null. A null stays null and is
/// never deleted: it is missing, not another category.
///
/// DataBrew lists `target_column` without saying whether it may be left out (its console always
/// fills one in, so exports carry it). With it, the result is a new column added last and the
/// source is kept; without it, the column is mapped in place. `map_type` (DataBrew's `NUMERIC` or
/// `STRING`) is accepted and only checked: the result is text either way, and a `cast` types it.
public struct CategoricalMapping: Step {
  public static let kind = "categorical_mapping"
  public static let summary = "Map the values of a text column to codes or labels, in place or into a new column."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column to map"),
    (name: "category_map", doc: "`{value: code}`; matching is exact; a null code maps to null"),
    (name: "target_column", doc: "the new column for the codes (optional: without it the column is mapped in place)"),
    (name: "delete_other_rows", doc: "true removes rows whose value is not in the map (default false)"),
    (name: "keep_others", doc: "true keeps a value that is not in the map (default false)"),
    (name: "other", doc: "the text for a value that is not in the map (default: null)"),
    (name: "map_type", doc: "DataBrew's NUMERIC or STRING; accepted, the result is text either way"),
  ]
  public static let databrewOperation: String? = "CATEGORICAL_MAPPING"

  private enum Others: Sendable {
    case delete, keep, null
    case replace([UInt8])
  }

  private var source: ColumnParameter
  private var target: ColumnParameter?
  private var table: MapValues.Table
  private var others: Others
  private var index = -1
  private var field: Field?

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "category_map", "target_column", "delete_other_rows", "keep_others", "other", "map_type"],
      required: ["source_column", "category_map"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    target = try f["target_column"].map(ColumnParameter.init)
    let mapNode = try f.required("category_map", step: context.reference)
    let pairs = try mapNode.entries().map { ($0.key, $0.value.isNull ? nil : try $0.value.string()) }
    guard !pairs.isEmpty else {
      throw context.error("invalid-parameter", "category_map is empty", at: mapNode.location, fix: "write `category_map: {value: code}`")
    }
    table = MapValues.Table(pairs)
    let delete = try f["delete_other_rows"]?.bool() ?? false
    let keep = try f["keep_others"]?.bool() ?? false
    let other = try f["other"]?.string()
    switch (delete, keep, other) {
    case (true, false, nil): others = .delete
    case (false, true, nil): others = .keep
    case (false, false, let text?): others = .replace(Array(text.utf8))
    case (false, false, nil): others = .null
    default:
      throw context.error(
        "conflicting-parameters", "delete_other_rows, keep_others and other each say what to do with unmapped values; give one",
        fix: "keep one of `delete_other_rows: true`, `keep_others: true` or `other: <text>`")
    }
    if let node = f["map_type"] {
      let type = try node.string()
      guard ["NUMERIC", "STRING"].contains(type.uppercased()) else {
        throw context.error("invalid-parameter", "map_type must be NUMERIC or STRING, got '\(type)'", at: node.location)
      }
    }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    var output = input
    if let target {
      let new = try target.newField(in: input, context: context)
      field = new
      output.append(new)
    }
    return output
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    guard case .text(let column) = batch.columns[index] else { return batch }
    var mapped = TextColumn()
    mapped.reserveCapacity(rows: column.count, bytes: column.bytes.count)
    column.withValues { values in
      for row in 0 ..< column.count {
        if column.isNull(row) {
          mapped.appendNull()
          continue
        }
        let value = values[row]
        switch table.lookup(value) {
        case .some(.some(let code)): mapped.append(code)
        case .some(.none): mapped.appendNull()
        case .none:
          switch others {
          case .keep: mapped.append(value)
          case .null: mapped.appendNull()
          case .replace(let text): mapped.append(text)
          case .delete:
            mapped.append(value)
            rejects.drop(row: row)
          }
        }
      }
    }
    var output = batch
    if let field {
      output.schema.append(field)
      output.columns.append(.text(mapped))
    } else {
      output.columns[index] = .text(mapped)
    }
    return output
  }

  public static let examples = [
    StepExample(
      "Grades to codes in a new column; unmapped values become null",
      yaml: "categorical_mapping: {source_column: grade, category_map: {A: '1', B: '2'}, target_column: grade_code}",
      input: ExampleTable(["grade"], [["A"], ["B"], ["C"], [nil]]),
      output: ExampleTable(["grade", "grade_code"], [["A", "1"], ["B", "2"], ["C", nil], [nil, nil]])),
    StepExample(
      "In place, with a label for the others", yaml: "categorical_mapping: {source_column: housing, category_map: {A151: rent, A152: own}, other: other}",
      input: ExampleTable(["housing"], [["A151"], ["A153"], ["A152"]]),
      output: ExampleTable(["housing"], [["rent"], ["other"], ["own"]])),
    StepExample(
      "Keep the others as they are", yaml: "categorical_mapping: {source_column: housing, category_map: {A151: rent}, keep_others: true}",
      input: ExampleTable(["housing"], [["A151"], ["A153"]]),
      output: ExampleTable(["housing"], [["rent"], ["A153"]])),
    StepExample(
      "Or delete their rows", yaml: "categorical_mapping: {source_column: housing, category_map: {A151: rent, A152: own}, delete_other_rows: true}",
      input: ExampleTable(["housing"], [["A151"], ["A153"], ["A152"]]),
      output: ExampleTable(["housing"], [["rent"], ["own"]]), droppedRows: [1]),
    StepExample(
      "Only one rule for the others", yaml: "categorical_mapping: {source_column: housing, category_map: {A151: rent}, keep_others: true, other: x}",
      input: ExampleTable(["housing"], [["A151"]]), error: "conflicting-parameters"),
  ]
}

/// In place or into a new column; with `delete_other_rows` the column also decides which rows remain.
extension CategoricalMapping: DeclaresLineage {
  func lineage(from input: Schema, to output: Schema) -> StepLineage {
    var filter: [String] = []
    if case .delete = others { filter = [source.name] }
    return target == nil
      ? .byName(input, output, changing: [source.name], filteringOn: filter)
      : .byName(input, output, newFrom: [source.name], filteringOn: filter)
  }
}
