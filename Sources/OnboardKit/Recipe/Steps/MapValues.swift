import Foundation

/// Replaces coded values with labels, from an inline mapping or a code-book JSON file.
///
/// A code book is `{"column": {"code": "label", ...}, ...}`; without `columns`, every column it
/// names is mapped (and each must exist). A value with no entry is handled by `unmapped`:
/// `reject` (default; the row is quarantined, because an unknown code is a data error), `keep`,
/// or `null`. Nulls stay null. Matching is exact, byte for byte.
public struct MapValues: Step {
  public static let kind = "map_values"
  public static let summary = "Replace coded values with labels from an inline mapping or a code book."
  public static let parameterDocs = [
    (name: "columns", doc: "the columns to map (a name or a list); optional with a code book"),
    (name: "mapping", doc: "`{code: label}` used for every listed column"),
    (name: "codebook", doc: "a JSON file `{column: {code: label}}`, relative to the recipe"),
    (name: "unmapped", doc: "what to do with a value that has no label: reject (default), keep or null"),
  ]

  enum Unmapped: String { case reject, keep, null }

  /// A lookup from code bytes to label bytes, keyed by hash and checked byte for byte.
  struct Table: Sendable {
    var slots: [UInt64: [(code: [UInt8], label: [UInt8]?)]] = [:]

    init(_ mapping: [(String, String?)]) {
      for (code, label) in mapping {
        let bytes = Array(code.utf8)
        slots[Hashing.hash(bytes), default: []].append((bytes, label.map { Array($0.utf8) }))
      }
    }

    /// `.some(label)` for a known code (label nil maps to null); nil when unknown.
    func lookup(_ value: UnsafeBufferPointer<UInt8>) -> [UInt8]?? {
      guard let candidates = slots[Hashing.hash(value)] else { return nil }
      for candidate in candidates where candidate.code.elementsEqual(value) { return .some(candidate.label) }
      return nil
    }
  }

  private var requested: [(name: String, location: RecipeLocation)]
  private var tables: [String: Table] = [:]
  private var codebookColumns: [(name: String, location: RecipeLocation)] = []
  private var unmapped = Unmapped.reject
  private var targets: [(index: Int, name: String, table: Table)] = []

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(allowed: ["column", "columns", "mapping", "codebook", "unmapped"], step: context.reference)
    let columnsNode = f["columns"] ?? f["column"]
    requested = try columnsNode.map { node in
      node.isSequence ? try node.items().map { (try $0.string(), $0.location) } : [(try node.string(), node.location)]
    } ?? []
    if let u = f["unmapped"] {
      guard let value = Unmapped(rawValue: try u.string()) else {
        throw context.error("invalid-parameter", "unmapped must be reject, keep or null", at: u.location)
      }
      unmapped = value
    }
    switch (f["mapping"], f["codebook"]) {
    case (let m?, nil):
      guard !requested.isEmpty else {
        throw context.error("missing-parameter", "an inline mapping needs `columns`", at: m.location,
                            fix: "add `columns: [name]` to say which columns to map")
      }
      let pairs = try m.entries().map { ($0.key, $0.value.isNull ? nil : try $0.value.string()) }
      for column in requested { tables[column.name] = Table(pairs) }
    case (nil, let c?):
      let path = Recipe.resolve(try c.string(), in: context.folder)
      let book = try MapValues.readCodebook(path, at: c.location, context: context)
      codebookColumns = book.keys.sorted().map { ($0, c.location) }
      for (column, pairs) in book { tables[column] = Table(pairs) }
      for column in requested where tables[column.name] == nil {
        throw context.error("not-in-codebook", "column '\(column.name)' has no entry in the code book", at: column.location,
                            column: column.name, fix: Suggestion.nearest(to: column.name, in: Array(book.keys)).map { "did you mean '\($0)'?" })
      }
    case (nil, nil):
      throw context.error("missing-parameter", "map_values needs `mapping` or `codebook`",
                          fix: "add `mapping: {code: label}` or `codebook: file.json`")
    case (_?, _?):
      throw context.error("conflicting-parameters", "give `mapping` or `codebook`, not both")
    }
  }

  static func readCodebook(_ path: String, at location: RecipeLocation, context: StepContext) throws -> [String: [(String, String?)]] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw context.error("cannot-read-file", "cannot read the code book \(path)", at: location, fix: "paths are relative to the recipe file")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw context.error("invalid-codebook", "the code book \(path) is not a JSON object of objects", at: location,
                          fix: "write it as {\"column\": {\"code\": \"label\"}}")
    }
    var book: [String: [(String, String?)]] = [:]
    for (column, value) in object {
      guard let entries = value as? [String: Any] else {
        throw context.error("invalid-codebook", "code book entry '\(column)' is not an object of code: label", at: location)
      }
      book[column] = entries.keys.sorted().map { code in (code, entries[code] as? String ?? (entries[code].map { "\($0)" })) }
    }
    return book
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    let columns = requested.isEmpty ? codebookColumns : requested
    targets = try columns.map { column in
      let i = try context.index(of: column.name, in: input, at: column.location)
      guard input[i].type == .string else {
        throw context.error("wrong-type", "column '\(column.name)' is \(input[i].type), but map_values maps text",
                            at: column.location, column: column.name, fix: "map values before casting the column")
      }
      return (i, column.name, tables[column.name]!)
    }
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    var output = batch
    for target in targets {
      guard case .text(let column) = batch.columns[target.index] else { continue }
      var mapped = TextColumn()
      mapped.reserveCapacity(rows: column.count, bytes: column.bytes.count * 4)
      column.withValues { values in
        for row in 0 ..< column.count {
          if column.isNull(row) {
            mapped.appendNull()
            continue
          }
          let value = values[row]
          switch target.table.lookup(value) {
          case .some(.some(let label)): mapped.append(label)
          case .some(.none): mapped.appendNull()
          case .none:
            switch unmapped {
            case .keep: mapped.append(value)
            case .null: mapped.appendNull()
            case .reject:
              mapped.append(value)
              rejects.reject(
                row: row, code: "unmapped-value",
                reason: "value '\(String(decoding: value, as: UTF8.self))' of column '\(target.name)' has no label",
                column: target.name)
            }
          }
        }
      }
      output.columns[target.index] = .text(mapped)
    }
    return output
  }

  public static let examples = [
    StepExample(
      "Decode with an inline mapping", yaml: "map_values: {columns: [foreign_worker], mapping: {A201: 'yes', A202: 'no'}}",
      input: ExampleTable(["foreign_worker"], [["A201"], ["A202"], [nil]]),
      output: ExampleTable(["foreign_worker"], [["yes"], ["no"], [nil]])),
    StepExample(
      "An unknown code is quarantined by default", yaml: "map_values: {columns: [housing], mapping: {A151: rent, A152: own}}",
      input: ExampleTable(["housing"], [["A151"], ["A159"], ["A152"]]),
      output: ExampleTable(["housing"], [["rent"], ["own"]]), rejectedRows: [1]),
    StepExample(
      "Or kept as it is", yaml: "map_values: {columns: [housing], mapping: {A151: rent}, unmapped: keep}",
      input: ExampleTable(["housing"], [["A151"], ["A159"]]),
      output: ExampleTable(["housing"], [["rent"], ["A159"]])),
    StepExample(
      "A mapping needs the columns it applies to", yaml: "map_values: {mapping: {A151: rent}}",
      input: ExampleTable(["housing"], [["A151"]]), error: "missing-parameter"),
  ]
}

/// The mapped columns may come from the code book, which the default rule cannot see.
extension MapValues: DeclaresLineage {
  func lineage(from input: Schema, to output: Schema) -> StepLineage {
    .byName(input, output, changing: targets.map(\.name))
  }
}
