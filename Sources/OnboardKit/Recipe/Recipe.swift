import Foundation

/// A data product recipe: what the product is, where its raw data comes from, the steps that
/// curate it, what each target column means, and where the product is written.
///
/// ```yaml
/// product: {name: german-credit, domain: retail-lending, owner: team@bank.example}
/// source: {path: data.csv, delimiter: space, header: false, columns: [a, b]}
/// steps:
///   - rename: {a: amount}
///   - cast: {columns: {amount: integer}}
/// columns:
///   amount: {description: Credit amount in DM, sensitive: false, type: int}
/// target: {path: out/german-credit, format: csv}
/// ```
public struct Recipe {
  public struct Product: Sendable, Codable, Equatable {
    public var name: String
    public var domain: String?
    public var owner: String?
    public var description: String?
    public var classification: String?
    public var version: String?

    public init(
      name: String, domain: String? = nil, owner: String? = nil, description: String? = nil, classification: String? = nil,
      version: String? = nil
    ) {
      self.name = name
      self.domain = domain
      self.owner = owner
      self.description = description
      self.classification = classification
      self.version = version
    }
  }

  public struct Source: Sendable {
    /// As written in the recipe (relative to the recipe file).
    public var path: String
    /// Resolved against the recipe's folder.
    public var resolvedPath: String
    public var options: OnboardKit.Source.Options
  }

  /// What a target column means; the business metadata of the manifest.
  public struct ColumnSpec: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// Sensitive columns' values never leave the domain: no top values, minimum or maximum in
    /// the manifest or on the terminal.
    public var sensitive: Bool
    /// A free label such as `personal` or `special-category`, carried to the manifest.
    public var classification: String?
    /// The declared type; the planned type must match it.
    public var type: DataType?
    /// The declared `allowed` values, `range`, `pattern` and `length`; correctness counts the
    /// values outside it.
    public var domain: ColumnDomain?
    var location: RecipeLocation
  }

  public struct Target: Sendable {
    public var path: String
    public var resolvedPath: String
    public var format: String
    /// `lf` (default) or `crlf`.
    public var lineEnding: String
  }

  public var file: String
  public var product: Product
  public var source: Source
  public var steps: [PlannableStep]
  public var columns: [ColumnSpec]
  public var target: Target
  /// The bias reports of the `bias` section, one per facet (RecipeBias.swift).
  public var bias: [BiasSpec] = []
  /// Where the `bias` section names its columns, for planning errors; nil when built in code.
  var biasLocations: RecipeBias.Locations? = nil
  /// The quality rules of the `quality` section (RecipeQuality.swift).
  public var quality: RecipeQuality? = nil

  /// Loads and checks a recipe file; every error names the line.
  /// Loads a recipe; a DataBrew recipe needs `source` (and takes `target`) from the caller.
  public static func load(path: String, source: String? = nil, target: String? = nil) throws -> Recipe {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw RecipeError("cannot-read-recipe", "cannot read the recipe: \(error.localizedDescription)",
                        at: RecipeLocation(file: path, line: 0, column: 0), fix: "check the path")
    }
    if let source, try isDataBrew(text, file: path) {
      return try parseDataBrew(text, file: path, source: source, target: target)
    }
    var recipe = try parse(text, file: path)
    if let source {
      // The same recipe on other data (a new delivery, a benchmark file): the source's settings
      // stay, its path is the one given, relative to the working folder as a command line's is.
      recipe.source.path = source
      recipe.source.resolvedPath = resolve(source, in: FileManager.default.currentDirectoryPath)
    }
    return recipe
  }

  /// Whether the text is a DataBrew recipe (a bare list of steps) rather than one of ours.
  public static func isDataBrew(_ text: String, file: String) throws -> Bool {
    try RecipeNode.parse(text, file: file).isSequence
  }

  /// A DataBrew recipe: its steps, with the source and target that a DataBrew job would name.
  /// The product is named after the recipe file; the source is read with every setting detected.
  public static func parseDataBrew(_ text: String, file: String, source: String, target: String?) throws -> Recipe {
    let root = try RecipeNode.parse(text, file: file)
    let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
    let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    let here = FileManager.default.currentDirectoryPath
    let targetPath = target ?? "out/\(name)"
    return Recipe(
      file: file, product: Product(name: name),
      source: Source(path: source, resolvedPath: resolve(source, in: here), options: OnboardKit.Source.Options()),
      steps: try DataBrewRecipe.parseSteps(root, folder: folder), columns: [],
      target: Target(path: targetPath, resolvedPath: resolve(targetPath, in: here), format: "csv", lineEnding: "lf"))
  }

  public static func parse(_ text: String, file: String) throws -> Recipe {
    let root = try RecipeNode.parse(text, file: file)
    if root.isSequence {
      throw RecipeError(
        "databrew-recipe", "this is a DataBrew recipe (a list of steps): it names no source", at: root.location,
        fix: "run it with `onboard run \(file) --source DATA_FILE`")
    }
    let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
    let sections = try root.fields(
      allowed: ["product", "source", "steps", "columns", "bias", "quality", "target"], required: ["product", "source", "target"])
    let product = try parseProduct(sections["product"]!)
    let source = try parseSource(sections["source"]!, folder: folder)
    let steps = try sections["steps"].map { try StepRegistry.parseSteps($0, folder: folder) } ?? []
    let columns = try sections["columns"].map(parseColumns) ?? []
    let target = try parseTarget(sections["target"]!, folder: folder)
    let bias = try sections["bias"].map(RecipeBias.parse)
    let quality = try sections["quality"].map { try RecipeQuality.parse($0, folder: folder) }
    return Recipe(
      file: file, product: product, source: source, steps: steps, columns: columns, target: target,
      bias: bias?.specs ?? [], biasLocations: bias?.locations, quality: quality)
  }

  static func resolve(_ path: String, in folder: String) -> String {
    path.hasPrefix("/") ? path : URL(fileURLWithPath: folder).appendingPathComponent(path).standardized.path
  }

  private static func parseProduct(_ node: RecipeNode) throws -> Product {
    let f = try node.fields(
      allowed: ["name", "domain", "owner", "description", "classification", "version"], required: ["name"])
    return Product(
      name: try f["name"]!.string(), domain: try f["domain"]?.string(), owner: try f["owner"]?.string(),
      description: try f["description"]?.string(), classification: try f["classification"]?.string(),
      version: try f["version"]?.string())
  }

  static func parseSource(_ node: RecipeNode, folder: String) throws -> Source {
    let f = try node.fields(
      allowed: ["path", "format", "delimiter", "quote", "escape", "comment", "skip_rows", "header", "columns", "value_formats", "encoding", "row_tag", "flatten", "max_decompression_ratio"],
      required: ["path"])
    let path = try f["path"]!.string()
    var options = OnboardKit.Source.Options()
    if let node = f["format"] {
      let text = try node.string()
      switch text {
      case "csv", "tsv": options.format = .csv
      case "json": options.format = .json
      case "jsonl", "ndjson", "json_lines":
        options.format = .json
        options.json.layout = .lines
      case "xml": options.format = .xml
      default:
        throw RecipeError("unsupported-format", "unknown source format '\(text)'", at: node.location,
                          fix: Suggestion.nearest(to: text, in: ["csv", "json", "jsonl", "xml"]).map { "did you mean '\($0)'?" }
                            ?? "use csv, json, jsonl or xml, or leave it out to detect it")
      }
    }
    if let node = f["encoding"] {
      let text = try node.string()
      guard let encoding = TextEncoding(name: text) else {
        throw RecipeError("invalid-option", "unknown encoding '\(text)'", at: node.location,
                          fix: "use one of \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", ")), or leave it out to detect it")
      }
      options.encoding = encoding
    }
    if let node = f["row_tag"] { options.xml.rowTag = try node.string() }
    if let node = f["flatten"] {
      options.json.flatten = try node.bool()
      options.xml.flatten = options.json.flatten
    }
    if let node = f["max_decompression_ratio"] { options.limits.maxRatio = Double(try node.int()) }
    var overrides = CSVSniffer.Overrides()
    if let d = f["delimiter"] {
      do { overrides.delimiter = try CSVDialect.delimiter(named: try d.string()) } catch let e as InputError {
        throw RecipeError("invalid-option", "\(e)", at: d.location)
      }
    }
    if let q = f["quote"] {
      do { overrides.quote = .some(try CSVDialect.quote(named: try q.string())) } catch let e as InputError {
        throw RecipeError("invalid-option", "\(e)", at: q.location)
      }
    }
    if let e = f["escape"] {
      do { overrides.escape = .some(try CSVDialect.escape(named: try e.string())) } catch let error as InputError {
        throw RecipeError("invalid-option", "\(error)", at: e.location)
      }
    }
    if let c = f["comment"] {
      do { overrides.comment = .some(try CSVDialect.comment(named: try c.string())) } catch let error as InputError {
        throw RecipeError("invalid-option", "\(error)", at: c.location)
      }
    }
    overrides.skipRows = try f["skip_rows"]?.int()
    for entry in try f["value_formats"]?.entries() ?? [] {
      let text = try entry.value.string()
      guard let format = ValueFormat(pattern: text) else {
        throw RecipeError(
          "invalid-option", "unknown format '\(text)' for column '\(entry.key)'", at: entry.value.location, column: entry.key,
          fix: "write a date pattern (dd.MM.yyyy, MM/dd/yyyy, yyyy/MM/dd) or a number pattern (1.234,5, 1,234.5, 1234,5)")
      }
      overrides.formats[entry.key] = format
    }
    overrides.header = try f["header"]?.bool()
    overrides.columnNames = try f["columns"]?.strings()
    options.csv = overrides
    return Source(path: path, resolvedPath: resolve(path, in: folder), options: options)
  }

  private static func parseColumns(_ node: RecipeNode) throws -> [ColumnSpec] {
    try node.entries().map { entry in
      let f = try entry.value.fields(allowed: ["description", "sensitive", "classification", "type"] + ColumnDomain.recipeKeys)
      var type: DataType? = nil
      if let t = f["type"] {
        let text = try t.string()
        guard let parsed = DataType(parsing: text) else {
          throw RecipeError("unknown-type", "unknown type '\(text)' for column '\(entry.key)'", at: t.location,
                            column: entry.key, fix: DataType.fix(forUnknown: text))
        }
        type = parsed
      }
      return ColumnSpec(
        name: entry.key, description: try f["description"]?.string(), sensitive: try f["sensitive"]?.bool() ?? false,
        classification: try f["classification"]?.string(), type: type,
        domain: try ColumnDomain.parse(f, column: entry.key, type: type, at: entry.keyNode.location),
        location: entry.keyNode.location)
    }
  }

  private static func parseTarget(_ node: RecipeNode, folder: String) throws -> Target {
    let f = try node.fields(allowed: ["path", "format", "line_ending"], required: ["path"])
    let format = try f["format"]?.string() ?? "csv"
    guard format == "csv" else {
      throw RecipeError("unsupported-format", "target format '\(format)' is not supported yet", at: f["format"]!.location,
                        fix: "use format: csv")
    }
    let ending = try f["line_ending"]?.string() ?? "lf"
    guard ending == "lf" || ending == "crlf" else {
      throw RecipeError("invalid-option", "line_ending must be lf or crlf", at: f["line_ending"]!.location)
    }
    let path = try f["path"]!.string()
    return Target(path: path, resolvedPath: resolve(path, in: folder), format: format, lineEnding: ending)
  }
}
