import Foundation

/// Groups rows by key columns and aggregates other columns per group, as DataBrew's `GROUP_BY`:
/// `group_by: {source_columns: [region], group_by_agg_function_options: [{source_column_name: amount,
/// target_column_name: total, function_name: SUM}], use_new_data_frame: true}`.
///
/// With `use_new_data_frame: true` the result replaces the rows: one row per group, the key
/// columns (their types kept) then the aggregates. Groups come in the order of their first row,
/// so the same input gives the same output. Rows are grouped by their keys' written values, byte
/// for byte; a null key is a group of its own, apart from empty text. The rows folded into their
/// group's row count as filtered (`rows_filtered`), so the accounting balances; a group's row
/// keeps its first row's origin, which a later step's quarantine record names.
///
/// With `use_new_data_frame: false` every row stays, in order, with its group's aggregates added
/// as new columns (DataBrew's form that keeps the table; SQL's window `OVER (PARTITION BY ...)`).
/// That needs a second look at every row after the last group is complete, so the step holds the
/// rows, as they came, until the source is read: up to 256 MiB in memory, the rest spilled to a
/// temporary file that is deleted as it is made (in `TMPDIR`), and read back in order at the end.
///
/// `use_new_data_frame` must be given: DataBrew documents no default. The aggregates' list may
/// also be called `group_by_agg_functions` (the name on DataBrew's page; its example uses ours),
/// and their keys may be DataBrew's camelCase (`sourceColumnName`).
///
/// The functions are those of DataBrew's aggregate-function pages (`MEAN`, `AVG`, `STDDEV`, `VAR`
/// are accepted for theirs; `KTH_LARGEST`, which needs a k, and the undocumented `UNAGGREGATED`
/// are refused): `COUNT` (values, null and empty text ignored), `COUNT_DISTINCT`
/// (distinct values as written, exact), `ANY` (the group's first value), and, reading numbers as
/// the number steps do and ignoring text that is not one, `SUM` (exact over decimals), `AVERAGE`
/// (a double, as `fill_with_average`), `MIN`, `MAX` (also of typed dates and timestamps),
/// `MEDIAN` (exact; halfway between the middle two), `MODE` (by value; the smallest on a tie),
/// `STANDARD_DEVIATION` and `VARIANCE` (of a sample, n - 1). Without values a group's `COUNT` is
/// 0 and the others are null. Aggregates are written as text in the canonical form of numbers;
/// `target_column_data_type` is checked and kept for the record: cast the column to type it.
///
/// Memory: one entry per group (its keys' bytes, the key values, the first row's origin) and per
/// aggregate a small state per group: a count, an exact sum (48 bytes), a minimum. Three keep
/// values: `COUNT_DISTINCT` every distinct value of each group, `MODE` a count per distinct number
/// of each group, and `MEDIAN` every number (24 bytes each), so their memory is bounded by the
/// distinct values, or the numbers, of the groups.
public struct GroupBy: BarrierStep {
  public static let kind = "group_by"
  public static let summary = "Group rows by key columns and aggregate columns per group (one row per group, or added to every row)."
  public static let parameterDocs = [
    (name: "source_columns", doc: "the key columns (a list, or one name)"),
    (name: "group_by_agg_function_options",
     doc: "the aggregates: a list of {source_column_name, target_column_name, function_name, target_column_data_type}"),
    (name: "function_name",
     doc: "COUNT, COUNT_DISTINCT, ANY, SUM, AVERAGE (MEAN), MIN, MAX, MEDIAN, MODE, STANDARD_DEVIATION, VARIANCE"),
    (name: "use_new_data_frame",
     doc: "true: one row per group (keys, then aggregates); false: every row kept, with its group's aggregates added"),
  ]
  public static let databrewOperation: String? = "GROUP_BY"

  struct Aggregate: Sendable {
    var function: GroupFunction
    var source: ColumnParameter
    var target: ColumnParameter
    var dataType: String?
    var index = -1
    var temporal = false
  }

  /// What the step holds during a run.
  struct State {
    /// Each group's index, by its keys' bytes.
    var groups: [[UInt8]: Int] = [:]
    var keys: [GroupKeyColumn] = []
    /// Each group's first row.
    var origins: [RowOrigin] = []
    var aggregates: [any GroupAggregate] = []
    /// The rows, for the form that keeps them: the first in a spill file (blocks in order), the
    /// rest in memory.
    var held: [Batch] = []
    var heldBytes = 0
    var spill: SpillFile?
    var spilled: [(offset: Int, length: Int)] = []
    var rows = 0
    var folded = 0
  }

  static let batchRows = 65_536
  /// Bytes of rows the window form holds in memory before it spills them.
  static let defaultMemoryBudget = 256 << 20
  static let databrewTypes = [
    "number", "int", "integer", "long", "bigint", "short", "byte", "double", "float", "decimal", "string", "boolean", "date",
    "timestamp",
  ]

  private var keys: [ColumnParameter]
  private var aggregates: [Aggregate]
  private var newDataFrame: Bool
  private var keyIndices: [Int] = []
  private var output = Schema([])
  private var state = RunState(State())
  /// How many bytes of rows the window form holds before spilling, and where; lowered by tests.
  var memoryBudget = GroupBy.defaultMemoryBudget
  var spillFolder: String?

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_columns", "group_by_agg_function_options", "group_by_agg_functions", "use_new_data_frame"],
      required: ["source_columns", "use_new_data_frame"], step: context.reference)
    keys = try ColumnParameter.sourceList(f, context: context, distinct: "group by")
    newDataFrame = try f.required("use_new_data_frame", step: context.reference).bool()
    // DataBrew's page names the parameter `groupByAggFunctions`, its example `groupByAggFunctionOptions`.
    if f["group_by_agg_function_options"] != nil && f["group_by_agg_functions"] != nil {
      throw context.error(
        "invalid-parameter", "give the aggregates once, as group_by_agg_function_options", at: f.owner.location,
        fix: "remove `group_by_agg_functions`")
    }
    guard let list = f["group_by_agg_function_options"] ?? f["group_by_agg_functions"] else {
      throw context.error(
        "missing-parameter", "'group_by_agg_function_options' is required", at: f.owner.location,
        fix: "add `group_by_agg_function_options: [{source_column_name: x, target_column_name: x_count, function_name: COUNT}]`")
    }
    aggregates = try list.items().map { try Self.aggregate($0, context: context) }
    if aggregates.isEmpty && !newDataFrame {
      throw context.error(
        "missing-parameter", "with use_new_data_frame false the step adds aggregates, but none is given", at: list.location,
        fix: "list at least one aggregate in group_by_agg_function_options")
    }
  }

  /// One aggregate, its keys in our spelling or DataBrew's (`sourceColumnName`).
  static func aggregate(_ node: RecipeNode, context: StepContext) throws -> Aggregate {
    let allowed = ["source_column_name", "target_column_name", "target_column_data_type", "function_name"]
    var fields: [String: RecipeNode] = [:]
    for entry in try node.entries() {
      let key = DataBrewParameters.snakeCase(entry.key)
      guard allowed.contains(key) else {
        throw context.error(
          "unknown-key", "unknown key '\(entry.key)' in an aggregate", at: entry.keyNode.location,
          fix: Suggestion.nearest(to: key, in: allowed).map { "did you mean '\($0)'?" } ?? "allowed here: \(allowed.joined(separator: ", "))")
      }
      fields[key] = entry.value
    }
    for key in ["source_column_name", "target_column_name", "function_name"] where fields[key] == nil {
      throw context.error("missing-parameter", "an aggregate needs '\(key)'", at: node.location, fix: "add `\(key):`")
    }
    let nameNode = fields["function_name"]!
    let name = try nameNode.string()
    guard let function = GroupFunction(name: name) else {
      let upper = name.uppercased()
      if upper.hasPrefix("KTH_LARGEST") {
        throw context.error(
          "unsupported-function", "\(upper) needs k, which a GROUP_BY aggregate has no place for", at: nameNode.location,
          fix: "use MAX for the largest, or sort the rows and take the k-th")
      }
      if upper == "UNAGGREGATED" {
        throw context.error(
          "unsupported-function", "DataBrew does not document what UNAGGREGATED gives", at: nameNode.location,
          fix: "leave the aggregate out: the result has one row per group either way")
      }
      let names = GroupFunction.allCases.map(\.rawValue)
      throw context.error(
        "invalid-parameter", "unknown function_name '\(name)'", at: nameNode.location,
        fix: Suggestion.nearest(to: upper, in: names).map { "did you mean \($0)?" } ?? "use one of \(names.joined(separator: ", "))")
    }
    var dataType: String?
    if let node = fields["target_column_data_type"], !node.isNull {
      let text = try node.string()
      guard databrewTypes.contains(text.lowercased()) else {
        throw context.error(
          "invalid-parameter", "unknown target_column_data_type '\(text)'", at: node.location,
          fix: Suggestion.nearest(to: text.lowercased(), in: databrewTypes).map { "did you mean '\($0)'?" }
            ?? "use one of \(databrewTypes.joined(separator: ", "))")
      }
      dataType = text
    }
    return Aggregate(
      function: function, source: try ColumnParameter(fields["source_column_name"]!),
      target: try ColumnParameter(fields["target_column_name"]!), dataType: dataType)
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    keyIndices = try keys.map { try context.index(of: $0.name, in: input, at: $0.location) }
    var schema = newDataFrame ? Schema(keyIndices.map { input[$0] }) : input
    for i in aggregates.indices {
      let a = aggregates[i]
      let index = try context.index(of: a.source.name, in: input, at: a.source.location)
      let type = input[index].type
      let numeric = type == .string || type.isNumeric
      let temporal = type == .date || type == .timestamp
      if a.function.readsOnlyNumbers && !numeric || (a.function == .min || a.function == .max) && !numeric && !temporal {
        throw context.error(
          "wrong-type", "\(a.function.rawValue) reads numbers, but column '\(a.source.name)' is \(type)", at: a.source.location,
          column: a.source.name, fix: "aggregate a text or number column, or use COUNT, COUNT_DISTINCT or ANY")
      }
      guard !a.target.name.isEmpty else {
        throw context.error("empty-name", "an aggregate's target_column_name is empty", at: a.target.location, fix: "name the column")
      }
      guard schema.index(of: a.target.name) == nil else {
        throw context.error(
          "duplicate-column", "target column '\(a.target.name)' already exists", at: a.target.location, column: a.target.name,
          fix: "pick another target_column_name")
      }
      aggregates[i].index = index
      aggregates[i].temporal = temporal
      schema.append(Field(name: a.target.name, type: .string))
    }
    output = schema
    state = RunState(fresh())
    return schema
  }

  private func fresh() -> State {
    State(keys: keyIndices.map { _ in GroupKeyColumn() }, aggregates: aggregates.map { $0.function.makeAggregate(temporal: $0.temporal) })
  }

  public func consume(_ batch: Batch) throws {
    let s = state
    var groupOf = [Int](repeating: 0, count: batch.rowCount)
    var key: [UInt8] = []
    for row in 0 ..< batch.rowCount {
      batch.rowKey(row, columns: keyIndices, into: &key)
      if let g = s.value.groups[key] {
        groupOf[row] = g
        continue
      }
      let g = s.value.origins.count
      s.value.groups[key] = g
      s.value.origins.append(batch.origins[row])
      for (i, k) in keyIndices.enumerated() { s.value.keys[i].append(from: batch.columns[k], row: row) }
      for aggregate in s.value.aggregates { aggregate.addGroup() }
      groupOf[row] = g
    }
    for (aggregate, a) in zip(s.value.aggregates, aggregates) {
      aggregate.add(batch.columns[a.index], format: batch.schema[a.index].format ?? .standard, groups: groupOf)
    }
    s.value.rows += batch.rowCount
    guard !newDataFrame, batch.rowCount > 0 else { return }
    s.value.held.append(batch)
    s.value.heldBytes += ExternalSort.footprint(batch)
    if s.value.heldBytes > memoryBudget {
      // Oldest first, so the file and then memory give the rows back in order.
      let file = try s.value.spill ?? SpillFile(folder: spillFolder ?? FileManager.default.temporaryDirectory.path)
      s.value.spill = file
      for held in s.value.held {
        let block = BatchSpill.encode(held)
        s.value.spilled.append((try file.append(block), block.count))
      }
      s.value.held = []
      s.value.heldBytes = 0
    }
  }

  public func finish(_ emit: (Batch) throws -> Void) throws {
    let s = state
    let count = s.value.origins.count
    // Each aggregate's results, one row per group.
    let results: [TextColumn] = s.value.aggregates.map { aggregate in
      var column = TextColumn()
      var out: [UInt8] = []
      for g in 0 ..< count {
        out.removeAll(keepingCapacity: true)
        if aggregate.write(g, to: &out) { column.append(out) } else { column.appendNull() }
      }
      return column
    }
    if newDataFrame {
      let columns = s.value.keys.map { $0.build() } + results.map { Column.text($0) }
      let origins = s.value.origins
      let folded = s.value.rows - count
      s.value = fresh()
      s.value.folded = folded
      for start in stride(from: 0, to: count, by: Self.batchRows) {
        let end = min(count, start + Self.batchRows)
        let keep = count <= Self.batchRows ? nil : (0 ..< count).map { $0 >= start && $0 < end }
        try emit(Batch(schema: output, columns: keep.map { k in columns.map { $0.filtered(k) } } ?? columns,
                       origins: Array(origins[start ..< end])))
      }
    } else {
      let (spill, spilled, held, groups) = (s.value.spill, s.value.spilled, s.value.held, s.value.groups)
      s.value = fresh()
      defer { spill?.close() }
      var key: [UInt8] = []
      func give(_ batch: Batch) throws {
        var out = batch
        out.schema = output
        var groupOf: [Int] = []
        groupOf.reserveCapacity(batch.rowCount)
        for row in 0 ..< batch.rowCount {
          batch.rowKey(row, columns: keyIndices, into: &key)
          groupOf.append(groups[key]!)
        }
        for column in results {
          var added = TextColumn()
          for g in groupOf {
            if column.isNull(g) { added.appendNull() } else { added.append(column.value(g)) }
          }
          out.columns.append(.text(added))
        }
        try emit(out)
      }
      for block in spilled { try give(try spill!.readBatch(at: block.offset, length: block.length)) }
      for batch in held { try give(batch) }
    }
  }

  public var rowsFolded: Int { state.value.folded }

  public static let examples = [
    StepExample(
      "Sales per region, groups in the order of their first row; a null region is a group of its own",
      yaml: """
        group_by: {source_columns: [region], use_new_data_frame: true, group_by_agg_function_options: [\
        {source_column_name: amount, target_column_name: total, function_name: SUM}, \
        {source_column_name: amount, target_column_name: sales, function_name: COUNT}]}
        """,
      input: ExampleTable(["region", "amount"], [["north", "10.50"], ["south", "3"], [nil, "7"], ["north", "0.25"], ["south", "n/a"]]),
      output: ExampleTable(["region", "total", "sales"], [["north", "10.75", "2"], ["south", "3", "2"], [nil, "7", "1"]]),
      droppedRows: [3, 4]),
    StepExample(
      "Two keys; mean, extremes, distinct count, median and mode; text that is not a number is ignored",
      yaml: """
        group_by: {source_columns: [shop, day], use_new_data_frame: true, group_by_agg_function_options: [\
        {source_column_name: price, target_column_name: mean, function_name: AVERAGE}, \
        {source_column_name: price, target_column_name: low, function_name: MIN}, \
        {source_column_name: price, target_column_name: high, function_name: MAX}, \
        {source_column_name: item, target_column_name: items, function_name: COUNT_DISTINCT}, \
        {source_column_name: price, target_column_name: middle, function_name: MEDIAN}, \
        {source_column_name: price, target_column_name: usual, function_name: MODE}]}
        """,
      input: ExampleTable(
        ["shop", "day", "item", "price"],
        [["a", "mon", "tea", "2"], ["a", "mon", "tea", "3.5"], ["a", "tue", "cake", "4"], ["a", "mon", "cake", "2.0"],
         ["a", "mon", "", "free"]]),
      output: ExampleTable(
        ["shop", "day", "mean", "low", "high", "items", "middle", "usual"],
        [["a", "mon", "2.5", "2", "3.5", "2", "2.0", "2"], ["a", "tue", "4", "4", "4", "1", "4", "4"]]),
      droppedRows: [1, 3, 4]),
    StepExample(
      "use_new_data_frame false keeps every row, in order, and adds its group's aggregates",
      yaml: """
        group_by: {source_columns: team, use_new_data_frame: false, group_by_agg_function_options: [\
        {source_column_name: score, target_column_name: team_best, target_column_data_type: number, function_name: MAX}]}
        """,
      input: ExampleTable(["team", "score"], [["red", "4"], ["blue", "9"], ["red", "7"]]),
      output: ExampleTable(["team", "score", "team_best"], [["red", "4", "7"], ["blue", "9", "9"], ["red", "7", "7"]])),
    StepExample(
      "An unknown function is refused before any row",
      yaml: "group_by: {source_columns: [a], use_new_data_frame: true, group_by_agg_function_options: [{source_column_name: b, target_column_name: c, function_name: TOTAL}]}",
      input: ExampleTable(["a", "b"], [["x", "1"]]), error: "invalid-parameter"),
    StepExample(
      "An aggregate may not take the name of a key",
      yaml: "group_by: {source_columns: [a], use_new_data_frame: true, group_by_agg_function_options: [{source_column_name: b, target_column_name: a, function_name: SUM}]}",
      input: ExampleTable(["a", "b"], [["x", "1"]]), error: "duplicate-column"),
  ]
}

extension GroupBy {
  /// The step's parameters as DataBrew writes them: lists packed in strings, and the aggregates'
  /// keys in camelCase too (`sourceColumnName`), which the generic conversion leaves alone.
  static func databrewParameters(_ parameters: RecipeNode) throws -> [String: String] {
    var out = try RecipeConversion.genericParameters(parameters)
    let f = try parameters.fields(allowed: try parameters.entries().map(\.key))
    guard let list = f["group_by_agg_function_options"] ?? f["group_by_agg_functions"] else { return out }
    let aggregates = try list.items().map { item in
      Dictionary(uniqueKeysWithValues: try item.entries().map {
        (RecipeConversion.camelCase(DataBrewParameters.snakeCase($0.key)), try $0.value.string())
      })
    }
    out.removeValue(forKey: "groupByAggFunctions")
    let data = try JSONSerialization.data(withJSONObject: aggregates, options: [.sortedKeys, .withoutEscapingSlashes])
    out["groupByAggFunctionOptions"] = String(decoding: data, as: UTF8.self)
    if let keys = f["source_columns"], !keys.isSequence {
      out["sourceColumns"] = String(decoding: try JSONSerialization.data(withJSONObject: [try keys.string()]), as: UTF8.self)
    }
    return out
  }
}

/// Keys pass unchanged and decide the groups; aggregates come from their source column.
extension GroupBy: DeclaresLineage {
  func lineage(from input: Schema, to output: Schema) -> StepLineage {
    let aggregated = aggregates.map { [StepLineage.Input($0.index, LineageTransformation(.aggregation))] }
    guard newDataFrame else {
      // Rows stay; each aggregate also depends on the keys that partition it (a window).
      let partitioned = aggregated.map { $0 + keyIndices.map { StepLineage.Input($0, LineageTransformation(.window)) } }
      return StepLineage(columns: input.fields.indices.map { [StepLineage.Input($0, .identity)] } + partitioned)
    }
    return StepLineage(
      columns: keyIndices.map { [StepLineage.Input($0, .identity)] } + aggregated,
      dataset: keyIndices.map { StepLineage.Input($0, LineageTransformation(.groupBy)) })
  }
}
