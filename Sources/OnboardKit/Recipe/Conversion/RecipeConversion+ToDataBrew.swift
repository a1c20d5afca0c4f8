import Foundation

extension RecipeConversion {
  /// Our YAML recipe's steps as a DataBrew recipe (JSON). The product, source, columns and target
  /// sections have no place in a DataBrew recipe and are left out (with a warning).
  public static func toDataBrew(_ text: String, file: String) throws -> Output {
    let recipe = try Recipe.parse(text, file: file)  // every step checked first
    let root = try RecipeNode.parse(text, file: file)
    let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
    var warnings = ["product, source, columns, bias and target are not part of a DataBrew recipe and were left out"]
    var steps: [[String: Any]] = []
    let nodes = try root.fields(allowed: ["product", "source", "steps", "columns", "bias", "target"])["steps"]?.items() ?? []
    for (node, planned) in zip(nodes, recipe.steps) {
      let entry = try node.entries()[0]
      let reference = planned.context.reference
      let (parameters, _) = try StepRegistry.splitConditions(entry.value, step: reference)
      let conditions = try planned.conditions.map { c -> [String: String] in
        var out = ["Condition": c.kind.rawValue, "TargetColumn": c.column]
        if !c.values.isEmpty {
          let listed = c.kind == .is || c.kind == .isNot || c.kind == .isBetween
          out["Value"] = listed
            ? String(decoding: try JSONSerialization.data(withJSONObject: c.values), as: UTF8.self) : c.values[0]
        }
        return out
      }
      if !conditions.isEmpty && [Rename.kind, Drop.kind, Cast.kind, MapValues.kind].contains(reference.kind) {
        throw reference_(parameters, reference)
      }
      switch reference.kind {
      case Rename.kind:
        for pair in try parameters.entries() {
          steps.append(step("RENAME", ["sourceColumn": pair.key, "targetColumn": try pair.value.string()]))
        }
      case Drop.kind:
        let names = parameters.isSequence ? try parameters.items().map { try $0.string() } : [try parameters.string()]
        steps.append(step("DELETE", ["sourceColumns": String(decoding: try JSONSerialization.data(withJSONObject: names), as: UTF8.self)]))
      case Cast.kind:
        let f = try parameters.fields(allowed: ["columns", "on_error"])
        if try f["on_error"]?.string() != "null" {
          warnings.append("step \(reference.index) (cast): DataBrew's CHANGE_DATA_TYPE writes NULL for values that do not fit; onboard quarantined them")
        }
        for column in try f["columns"]?.entries() ?? [] {
          guard let type = DataType(parsing: try column.value.string()) else { continue }
          let converted = databrewType(type)
          if !converted.exact {
            warnings.append("step \(reference.index) (cast): \(type) becomes DataBrew's decimal (38 digits, 18 after the point)")
          }
          steps.append(step("CHANGE_DATA_TYPE", ["sourceColumn": column.key, "columnDataType": converted.name]))
        }
      case MapValues.kind:
        steps += try mapValuesSteps(parameters, folder: folder, reference: reference, warnings: &warnings)
      case GroupBy.kind:
        steps.append(step("GROUP_BY", try GroupBy.databrewParameters(parameters)))
      case Sort.kind where try parameters.fields(allowed: ["expressions"])["expressions"]?.isSequence == true:
        // The keys inside `expressions` are DataBrew's camelCase too, and the flag a JSON boolean.
        let items = try parameters.fields(allowed: ["expressions"])["expressions"]!.items()
        let expressions = try items.map { item in
          try Dictionary(uniqueKeysWithValues: DataBrewParameters.normalize(item).entries().map { entry -> (String, Any) in
            (camelCase(entry.key), entry.key == "is_custom_order_case_sensitive" ? try entry.value.bool() : try plain(entry.value))
          })
        }
        let data = try JSONSerialization.data(withJSONObject: expressions, options: [.sortedKeys, .withoutEscapingSlashes])
        steps.append(step("SORT", ["expressions": String(decoding: data, as: UTF8.self)]))
      case ReplacePattern.kind:
        // DataBrew's REPLACE_TEXT reads its pattern as a regular expression.
        steps.append(step("REPLACE_TEXT", try genericParameters(parameters), conditions: conditions))
      default:
        let type = type(of: planned.step)
        guard let operation = type.databrewOperation else {
          throw reference_(parameters, reference, "\(reference.kind) has no DataBrew operation")
        }
        steps.append(step(operation, try genericParameters(parameters), conditions: conditions))
      }
    }
    return Output(text: try json(steps), warnings: warnings)
  }

  private static func reference_(_ node: RecipeNode, _ step: StepReference, _ message: String? = nil) -> RecipeError {
    RecipeError(
      "cannot-convert", message ?? "\(step.kind) with conditions has no DataBrew form", at: node.location, step: step,
      fix: "rewrite the step with steps DataBrew has, or keep the recipe in onboard's YAML")
  }

  static func genericParameters(_ parameters: RecipeNode) throws -> [String: String] {
    guard parameters.isMapping else { return [:] }
    var out: [String: String] = [:]
    for entry in try parameters.entries() where !entry.value.isNull {
      out[camelCase(entry.key)] = try databrewValue(entry.value)
    }
    return out
  }

  /// `map_values` as one CATEGORICAL_MAPPING per column, the code book written into `categoryMap`.
  static func mapValuesSteps(
    _ parameters: RecipeNode, folder: String, reference: StepReference, warnings: inout [String]
  ) throws -> [[String: Any]] {
    let f = try parameters.fields(allowed: ["column", "columns", "mapping", "codebook", "unmapped"])
    var tables: [(String, [String: String])] = []
    let requested = try (f["columns"] ?? f["column"])?.strings() ?? []
    if let mapping = f["mapping"] {
      let pairs = try mapping.entries().map { ($0.key, try $0.value.string()) }
      let table = Dictionary(pairs, uniquingKeysWith: { _, b in b })
      tables = requested.map { ($0, table) }
    } else if let codebook = f["codebook"] {
      let context = StepContext(reference: reference, location: codebook.location, folder: folder)
      let book = try MapValues.readCodebook(Recipe.resolve(try codebook.string(), in: folder), at: codebook.location, context: context)
      let columns = requested.isEmpty ? book.keys.sorted() : requested
      tables = columns.map { column in
        (column, Dictionary((book[column] ?? []).compactMap { code, label in label.map { (code, $0) } }, uniquingKeysWith: { _, b in b }))
      }
    }
    let unmapped = try f["unmapped"]?.string() ?? "reject"
    if unmapped == "reject" {
      warnings.append("step \(reference.index) (map_values): DataBrew's CATEGORICAL_MAPPING writes NULL for an unknown code; onboard quarantined the row")
    }
    return try tables.map { column, table in
      var p = ["sourceColumn": column, "mapType": "STRING"]
      p["categoryMap"] = String(decoding: try JSONSerialization.data(withJSONObject: table, options: [.sortedKeys]), as: UTF8.self)
      if unmapped == "keep" { p["keepOthers"] = "true" }
      return step("CATEGORICAL_MAPPING", p)
    }
  }
}
