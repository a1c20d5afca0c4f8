/// One curation step of a recipe: a stable kind (`rename`), parameters read from the recipe,
/// a plan against the schema before any row, and a batch transform that uses indices only.
///
/// Each step lives in its own file under `Steps/`, carries its own `examples` (which one test runs
/// and the step docs are made from), and is listed once in `StepRegistry`.
public protocol Step: Sendable {
  /// The snake_case name used in recipes.
  static var kind: String { get }
  /// One sentence for `onboard steps` and the docs.
  static var summary: String { get }
  /// The parameters, each with a line of explanation.
  static var parameterDocs: [(name: String, doc: String)] { get }
  static var examples: [StepExample] { get }
  /// DataBrew's name for this step (`UPPER_CASE`), when it is one of DataBrew's. Parameters are
  /// DataBrew's names in snake_case in both spellings (`sourceColumn` is `source_column`).
  static var databrewOperation: String? { get }
  /// Other names DataBrew's docs give the same operation (`SCALE` for `NORMALIZATION`); read, never written.
  static var databrewAliases: [String] { get }
  /// What a step's conditions (DataBrew `ConditionExpressions`, our `when:`) mean for it.
  static var conditionUse: ConditionUse { get }
  /// Whether `apply` remembers earlier batches (a forward fill, a duplicate filter), so batches
  /// must reach it in order, one at a time. Other steps run on batches in parallel.
  static var remembersEarlierBatches: Bool { get }

  /// Reads the parameters; errors point at the recipe line.
  init(parameters: RecipeNode, context: StepContext) throws

  /// Checks the step against the incoming schema, resolves column names to indices and returns
  /// the outgoing schema. Errors name the step and the recipe line; no row has been read yet.
  mutating func plan(_ input: Schema, context: StepContext) throws -> Schema

  /// Transforms a batch of the planned input schema, keeping every row. Rows the step refuses go
  /// to `rejects.reject`, and the pipeline quarantines them with the reason; rows it removes on
  /// purpose (a filter, a duplicate) go to `rejects.drop`, and the pipeline only counts them.
  func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch
}

extension Step {
  public static var databrewOperation: String? { nil }
  public static var databrewAliases: [String] { [] }
  public static var conditionUse: ConditionUse { .changesMatchingRows }
  public static var remembersEarlierBatches: Bool { false }
}

/// How a step reads conditions.
public enum ConditionUse: Sendable {
  /// The step changes only the rows that match; the others keep their values (new columns are null there).
  case changesMatchingRows
  /// The step removes the rows that match (`REMOVE_VALUES`).
  case removesMatchingRows
  /// Conditions make no sense for the step (a rename); giving one is a recipe error.
  case none
}

/// What a step knows about its place in the recipe.
public struct StepContext: Sendable {
  public var reference: StepReference
  public var location: RecipeLocation
  /// The recipe's folder, against which files named by parameters are resolved.
  public var folder: String
  /// Whether the step was written in our YAML or came from a DataBrew recipe.
  public var spelling: RecipeSpelling = .onboard
  /// Whether the step has conditions (`when:`, DataBrew `ConditionExpressions`); set by the recipe
  /// reader, read by steps such as `remove_values` that mean nothing without one.
  public var hasConditions = false
  /// Where steps that need a secret (`cryptographic_hash`) find it: the process environment
  /// unless the caller injects another source (`Recipe.withSecrets`).
  public var secrets: SecretSource = .environment

  public init(reference: StepReference, location: RecipeLocation, folder: String, spelling: RecipeSpelling = .onboard) {
    self.reference = reference
    self.location = location
    self.folder = folder
    self.spelling = spelling
  }

  func error(_ code: String, _ message: String, at location: RecipeLocation? = nil, column: String? = nil, fix: String? = nil)
    -> RecipeError
  {
    RecipeError(code, message, at: location ?? self.location, step: reference, column: column, fix: fix)
  }

  /// Resolves a column name against a schema, or fails with "did you mean".
  func index(of name: String, in schema: Schema, at location: RecipeLocation? = nil) throws -> Int {
    guard let i = schema.index(of: name) else {
      throw RecipeError.unknownColumn(name, among: schema.names, at: location ?? self.location, step: reference)
    }
    return i
  }
}

/// The two ways to write a recipe.
public enum RecipeSpelling: String, Sendable {
  /// Our YAML: `- upper_case: {source_column: name}`, typed parameters.
  case onboard
  /// DataBrew's JSON or YAML export: `{"Action": {"Operation": "UPPER_CASE", "Parameters": {"sourceColumn": "name"}}}`.
  case databrew
}

/// Rows a step refused in one batch, with why, and rows it removed on purpose.
public struct StepRejections: Sendable {
  public struct Entry: Sendable, Equatable {
    public var row: Int
    public var code: String
    public var reason: String
    public var column: String
  }

  public private(set) var entries: [Entry] = []
  /// Rows the step removes by design (`remove_missing`, duplicates): not errors, so they are
  /// counted as filtered, never quarantined.
  public private(set) var dropped: [Int] = []
  public init() {}

  public mutating func reject(row: Int, code: String, reason: String, column: String) {
    entries.append(Entry(row: row, code: code, reason: reason, column: column))
  }

  public mutating func drop(row: Int) {
    dropped.append(row)
  }

  public var isEmpty: Bool { entries.isEmpty && dropped.isEmpty }
}

/// A step's example: a small input table, the step as written in a recipe, and either the output
/// table or the code of the expected recipe error.
public struct StepExample: Sendable {
  public var title: String
  /// The step's YAML, as it appears in a recipe's `steps:` list (without the leading `- `).
  public var yaml: String
  public var input: ExampleTable
  public var output: ExampleTable?
  /// Rows the step quarantines, by 0-based input row.
  public var rejectedRows: [Int]
  /// Rows the step removes on purpose (counted as filtered, not quarantined), by 0-based input row.
  public var droppedRows: [Int] = []
  public var errorCode: String?

  public init(_ title: String, yaml: String, input: ExampleTable, output: ExampleTable) {
    self.title = title
    self.yaml = yaml
    self.input = input
    self.output = output
    rejectedRows = []
  }

  public init(_ title: String, yaml: String, input: ExampleTable, output: ExampleTable, rejectedRows: [Int]) {
    self.init(title, yaml: yaml, input: input, output: output)
    self.rejectedRows = rejectedRows
  }

  public init(_ title: String, yaml: String, input: ExampleTable, output: ExampleTable, droppedRows: [Int]) {
    self.init(title, yaml: yaml, input: input, output: output)
    self.droppedRows = droppedRows
  }

  public init(_ title: String, yaml: String, input: ExampleTable, error code: String) {
    self.title = title
    self.yaml = yaml
    self.input = input
    rejectedRows = []
    errorCode = code
  }
}

/// A tiny table for examples: column names with types, and rows of text (nil for null).
public struct ExampleTable: Sendable, Equatable {
  public var fields: [Field]
  public var rows: [[String?]]

  public init(_ columns: [String], _ rows: [[String?]]) {
    fields = columns.map { Field(name: $0, type: .string) }
    self.rows = rows
  }

  public init(fields: [Field], _ rows: [[String?]]) {
    self.fields = fields
    self.rows = rows
  }
}
