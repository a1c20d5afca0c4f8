/// Adds one 0/1 column per category of a text column:
/// `one_hot_encoding: {source_column: color, categories: [red, green]}` adds `color_red` and `color_green`.
///
/// DataBrew finds the distinct values itself (at most 10); a step that sees one batch at a time
/// cannot know them in advance, so onboard needs them listed in `categories`, our extension, also
/// in a DataBrew recipe (`"categories": "[\"red\",\"green\"]"`). Without it the step fails before
/// any row is read. The new columns are text `1` or `0`, named `<source>_<category>`, added last
/// in the order listed; the source column is kept. A value that is not among the categories is a
/// data error: the row is quarantined. A null gives null in every new column (missing, not
/// "none of them"). Matching is exact, byte for byte.
public struct OneHotEncoding: Step {
  public static let kind = "one_hot_encoding"
  public static let summary = "Add a 0/1 text column for each listed category of a text column."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column to encode; it is kept"),
    (name: "categories", doc: "the values to encode, in order (onboard's extension: required, also in DataBrew recipes)"),
  ]
  public static let databrewOperation: String? = "ONE_HOT_ENCODING"

  private var source: ColumnParameter
  private var categories: [[UInt8]]?
  private var categoriesLocation: RecipeLocation
  private var index = -1
  private var fields: [Field] = []

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(allowed: ["source_column", "categories"], required: ["source_column"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    categoriesLocation = f["categories"]?.location ?? context.location
    if let node = f["categories"] {
      let names = try node.strings()
      guard !names.isEmpty else {
        throw context.error("invalid-parameter", "categories is empty", at: node.location, fix: "list the values, e.g. `categories: [red, green]`")
      }
      var seen = Set<String>()
      for name in names where !seen.insert(name).inserted {
        throw context.error("invalid-parameter", "category '\(name)' is listed twice", at: node.location, fix: "list each value once")
      }
      categories = names.map { Array($0.utf8) }
    }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    guard let categories else {
      throw context.error(
        "missing-categories",
        "one_hot_encoding needs the categories of '\(source.name)' listed: onboard reads a batch at a time and cannot find them in advance",
        column: source.name, fix: "add `categories: [value1, value2, ...]` (in a DataBrew recipe, `\"categories\": \"[\\\"value1\\\"]\"`)")
    }
    var output = input
    fields = []
    for category in categories {
      let column = ColumnParameter(name: "\(source.name)_\(String(decoding: category, as: UTF8.self))", location: categoriesLocation)
      let field = try column.newField(in: output, context: context)
      fields.append(field)
      output.append(field)
    }
    return output
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    guard case .text(let column) = batch.columns[index], let categories else { return batch }
    var flags = [TextColumn](repeating: TextColumn(), count: categories.count)
    for k in flags.indices { flags[k].reserveCapacity(rows: column.count, bytes: column.count) }
    let one: [UInt8] = [UInt8(ascii: "1")]
    let zero: [UInt8] = [UInt8(ascii: "0")]
    column.withValues { values in
      for row in 0 ..< column.count {
        if column.isNull(row) {
          for k in flags.indices { flags[k].appendNull() }
          continue
        }
        let value = values[row]
        let hit = categories.firstIndex { $0.elementsEqual(value) }
        for k in flags.indices { flags[k].append(k == hit ? one : zero) }
        if hit == nil {
          rejects.reject(
            row: row, code: "unknown-category",
            reason: "value '\(String(decoding: value, as: UTF8.self))' of column '\(source.name)' is not among the listed categories",
            column: source.name)
        }
      }
    }
    var output = batch
    for (field, flag) in zip(fields, flags) {
      output.schema.append(field)
      output.columns.append(.text(flag))
    }
    return output
  }

  public static let examples = [
    StepExample(
      "One column per category", yaml: "one_hot_encoding: {source_column: color, categories: [red, green]}",
      input: ExampleTable(["color"], [["red"], ["green"], [nil]]),
      output: ExampleTable(["color", "color_red", "color_green"], [["red", "1", "0"], ["green", "0", "1"], [nil, nil, nil]])),
    StepExample(
      "A value outside the categories is quarantined", yaml: "one_hot_encoding: {source_column: color, categories: [red, green]}",
      input: ExampleTable(["color"], [["red"], ["blue"]]),
      output: ExampleTable(["color", "color_red", "color_green"], [["red", "1", "0"]]), rejectedRows: [1]),
    StepExample(
      "The categories must be listed", yaml: "one_hot_encoding: {source_column: color}",
      input: ExampleTable(["color"], [["red"]]), error: "missing-categories"),
    StepExample(
      "A new column may not overwrite one that exists", yaml: "one_hot_encoding: {source_column: color, categories: [red]}",
      input: ExampleTable(["color", "color_red"], [["red", "yes"]]), error: "duplicate-column"),
  ]
}
