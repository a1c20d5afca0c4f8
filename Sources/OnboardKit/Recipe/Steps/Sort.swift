import Foundation
import Yams

/// Sorts the rows by one or more keys:
/// `sort: {expressions: [{source_column: city}, {source_column: amount, ordering: DESCENDING, nulls_ordering: NULLS_BOTTOM}]}`.
///
/// DataBrew's SORT, whose `expressions` (a JSON list in a string, in DataBrew's recipes) are the
/// keys, the first deciding first. `ordering` is `ASCENDING` (the default) or `DESCENDING`.
/// `nulls_ordering` is `NULLS_TOP` or `NULLS_BOTTOM`, whatever the ordering; DataBrew documents
/// no default, so we take Spark's (DataBrew runs on Spark): missing values first when ascending,
/// last when descending. `custom_order` lists values that come first, in the order listed; the
/// other values follow in the key's ordering. `is_custom_order_case_sensitive` is false by
/// default, as in DataBrew: `mon` then matches a listed `Mon` (Unicode lower case). Keys may be
/// written in DataBrew's camelCase (`sourceColumn`) as well.
///
/// Values compare by the column's type: numbers, dates and timestamps by value (NaN after every
/// double, as in Spark), `false` before `true`, and text byte by byte in UTF-8, which is Unicode
/// code point order: `B` before `a`, `Z` before `Ä`, `10` before `9` (cast first to sort numbers
/// held as text). DataBrew says "alphabetically" and does not define it further. Missing means
/// null or empty text, as DataBrew counts missing values. The sort is stable: rows with equal keys
/// keep their reading order, so the output is the same on every run.
///
/// How it bounds its memory: it holds rows until they take 256 MiB (column bytes and sort keys),
/// then sorts them and writes them as one run to a nameless temporary file in TMPDIR, deleted by
/// the system whatever becomes of the run. At the end it merges the runs with a heap, at most 64
/// at a time (more are merged in passes first), reading one block of about 4 MiB per run, and
/// gives the rows on in batches of 65,536. Memory stays below about twice the budget plus one
/// output batch however many rows there are; the temporary file needs about twice the data's
/// size. Rows the sort holds are counted where they were read; a later step that refuses one
/// still quarantines it with its source line. Conditions cannot narrow a sort.
public struct Sort: BarrierStep {
  public static let kind = "sort"
  public static let summary = "Sort the rows by one or more columns: ascending, descending, or a custom order first."
  public static let parameterDocs = [
    (name: "expressions", doc: "the sort keys, the first deciding first: a list of mappings with the keys below"),
    (name: "source_column", doc: "the column of this key"),
    (name: "ordering", doc: "`ASCENDING` (the default) or `DESCENDING`"),
    (name: "nulls_ordering", doc: "`NULLS_TOP` or `NULLS_BOTTOM`: where missing values (null, empty text) go; by default top when ascending, bottom when descending"),
    (name: "custom_order", doc: "text values that come first, in this order; the others follow in the ordering"),
    (name: "is_custom_order_case_sensitive", doc: "whether `custom_order` matches case (default false)"),
  ]
  public static let databrewOperation: String? = "SORT"

  /// Bytes of rows held before they are spilled; lowered by tests.
  static let defaultMemoryBudget = 256 << 20
  static let orderings = ["ASCENDING", "DESCENDING"]
  static let nullsOrderings = ["NULLS_TOP", "NULLS_BOTTOM"]

  private var keys: [SortKey] = []
  /// How many bytes the sort holds before spilling, and where its spill file goes; read by `plan`.
  var memoryBudget = Sort.defaultMemoryBudget
  var spillFolder: String?
  /// The run's rows; made fresh by `plan`.
  private(set) var buffer: ExternalSort?

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(allowed: ["expressions"], required: ["expressions"], step: context.reference)
    var node = try f.required("expressions", step: context.reference)
    if !node.isSequence, let text = try? node.string(), let parsed = try? Yams.compose(yaml: text), parsed.sequence != nil {
      // DataBrew packs the list into a string, and its own docs write it with trailing commas,
      // which strict JSON refuses; YAML's flow style reads it.
      node = RecipeNode(DataBrewParameters.relocated(parsed, to: node.node.mark), file: node.file, path: node.path)
    }
    let items = try node.items()
    guard !items.isEmpty else {
      throw context.error("invalid-parameter", "`expressions` lists no key", at: node.location, fix: "add `- {source_column: <name>}`")
    }
    keys = try items.map { try Self.key($0, context: context) }
  }

  static func key(_ item: RecipeNode, context: StepContext) throws -> SortKey {
    // DataBrew's camelCase keys (`sourceColumn`) are read as ours.
    let allowed = ["source_column", "ordering", "nulls_ordering", "custom_order", "is_custom_order_case_sensitive"]
    let f = try DataBrewParameters.normalize(item).fields(allowed: allowed, required: ["source_column"], step: context.reference)
    var key = SortKey(column: try ColumnParameter(f, "source_column", context: context))
    func choice(_ name: String, _ values: [String]) throws -> String? {
      guard let node = f[name] else { return nil }
      let text = try node.string()
      guard let value = values.first(where: { $0 == text.uppercased() }) else {
        throw context.error(
          "invalid-parameter", "\(name) '\(text)' is not one of \(values.joined(separator: ", "))", at: node.location,
          fix: Suggestion.nearest(to: text.uppercased(), in: values).map { "did you mean '\($0)'?" }
            ?? "write \(values.joined(separator: " or "))")
      }
      return value
    }
    key.descending = try choice("ordering", orderings) == "DESCENDING"
    key.nullsFirst = try choice("nulls_ordering", nullsOrderings).map { $0 == "NULLS_TOP" } ?? !key.descending
    key.caseSensitive = try f["is_custom_order_case_sensitive"]?.bool() ?? false
    if let node = f["custom_order"] {
      key.customOrder = try node.strings()
      let order = CustomOrder([], caseSensitive: key.caseSensitive)
      var seen = Set<[UInt8]>()
      var scratch: [UInt8] = []
      for value in key.customOrder {
        let bytes = Array(value.utf8)
        guard seen.insert(bytes.withUnsafeBufferPointer { order.key(of: $0, scratch: &scratch) }).inserted else {
          throw context.error(
            "invalid-parameter", "custom_order lists '\(value)' twice\(key.caseSensitive ? "" : " (case aside)")",
            at: node.location, fix: "list each value once")
        }
      }
    }
    return key
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    for i in keys.indices {
      let column = keys[i].column
      let index = try context.index(of: column.name, in: input, at: column.location)
      let type = input[index].type
      keys[i].index = index
      keys[i].isText = type == .string || type.isNested
      if !keys[i].customOrder.isEmpty {
        guard keys[i].isText else {
          throw context.error(
            "wrong-type", "custom_order orders text, but column '\(column.name)' is \(type)", at: column.location,
            column: column.name, fix: "sort before the cast of '\(column.name)', or drop custom_order")
        }
        keys[i].custom = CustomOrder(keys[i].customOrder, caseSensitive: keys[i].caseSensitive)
      }
    }
    buffer = ExternalSort(
      order: SortOrder(keys: keys), budget: memoryBudget,
      folder: spillFolder ?? FileManager.default.temporaryDirectory.path)
    return input
  }

  public func consume(_ batch: Batch) throws {
    guard let buffer else { preconditionFailure("sort used before plan") }
    try buffer.add(batch)
  }

  public func finish(_ emit: (Batch) throws -> Void) throws {
    guard let buffer else { preconditionFailure("sort used before plan") }
    try buffer.drain(emit)
  }

  public static let examples = [
    StepExample(
      "Ascending by default; missing values (null, empty) first; text in byte order",
      yaml: "sort: {expressions: [{source_column: city}]}",
      input: ExampleTable(["id", "city"], [["1", "bonn"], ["2", "Köln"], ["3", nil], ["4", "Aachen"], ["5", ""], ["6", "Bonn"]]),
      output: ExampleTable(["id", "city"], [["3", nil], ["5", ""], ["4", "Aachen"], ["6", "Bonn"], ["2", "Köln"], ["1", "bonn"]])),
    StepExample(
      "Descending puts missing values last by default; equal values keep their order",
      yaml: "sort: {expressions: [{source_column: grade, ordering: DESCENDING}]}",
      input: ExampleTable(["id", "grade"], [["1", "B"], ["2", nil], ["3", "A"], ["4", "B"], ["5", "C"]]),
      output: ExampleTable(["id", "grade"], [["5", "C"], ["1", "B"], ["4", "B"], ["3", "A"], ["2", nil]])),
    StepExample(
      "Several keys, each with its own ordering and place for missing values",
      yaml: "sort: {expressions: [{source_column: city, nulls_ordering: NULLS_BOTTOM}, {source_column: name, ordering: DESCENDING, nulls_ordering: NULLS_TOP}]}",
      input: ExampleTable(
        ["city", "name"], [["Bonn", "Ann"], [nil, "Bea"], ["Bonn", nil], ["Aachen", "Cem"], ["Bonn", "Dora"], [nil, "Al"]]),
      output: ExampleTable(
        ["city", "name"], [["Aachen", "Cem"], ["Bonn", nil], ["Bonn", "Dora"], ["Bonn", "Ann"], [nil, "Bea"], [nil, "Al"]])),
    StepExample(
      "Numbers held as text sort as text: cast them first",
      yaml: "sort: {expressions: [{source_column: amount}]}",
      input: ExampleTable(["amount"], [["9"], ["10"], ["-1"], ["100"], ["9.5"]]),
      output: ExampleTable(["amount"], [["-1"], ["10"], ["100"], ["9"], ["9.5"]])),
    StepExample(
      "A custom order first (any case), then the other values in the ordering",
      yaml: "sort: {expressions: [{source_column: day, custom_order: [Mon, Tue, Wed], ordering: DESCENDING}]}",
      input: ExampleTable(["day"], [["Sat"], ["wed"], ["Mon"], ["Sun"], ["TUE"], ["Fri"], ["mon"]]),
      output: ExampleTable(["day"], [["Mon"], ["mon"], ["TUE"], ["wed"], ["Sun"], ["Sat"], ["Fri"]])),
    StepExample(
      "An unknown column is refused before any row is read, with the nearest name",
      yaml: "sort: {expressions: [{source_column: citty}]}",
      input: ExampleTable(["city"], [["Bonn"]]), error: "unknown-column"),
    StepExample(
      "The ordering is ASCENDING or DESCENDING",
      yaml: "sort: {expressions: [{source_column: city, ordering: DOWN}]}",
      input: ExampleTable(["city"], [["Bonn"]]), error: "invalid-parameter"),
  ]
}

/// Every value stays as it is; the key columns decide the rows' order.
extension Sort: DeclaresLineage {
  func lineage(from input: Schema, to output: Schema) -> StepLineage {
    var lineage = StepLineage.byName(input, output)
    var seen = Set<Int>()
    lineage.dataset = keys.compactMap { input.index(of: $0.column.name) }.filter { seen.insert($0).inserted }
      .map { StepLineage.Input($0, LineageTransformation(.sort)) }
    return lineage
  }
}
