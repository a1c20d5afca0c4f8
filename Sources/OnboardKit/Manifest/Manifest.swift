/// The catalog registration manifest: everything the central catalog needs to know about the
/// product, and nothing it must not know (no row values of sensitive columns).
///
/// One internal model; `manifest.json` is its JSON form (keys sorted, so two runs diff cleanly),
/// and later exports (Glue, Lake Formation, ODCS, OpenLineage) are projections of it.
public struct Manifest: Sendable, Codable {
  public static let formatVersion = "1"

  public var manifestVersion = Manifest.formatVersion
  public var product: Recipe.Product
  public var run: RunInfo
  public var source: SourceInfo
  /// The schema after every step: the product's tracking metadata.
  public var steps: [StepInfo]
  public var target: TargetInfo
  /// Which source columns each target column comes from, through which steps, and which source
  /// columns decide the rows (absent from manifests written before it existed).
  public var lineage: Lineage?
  /// The profile of the curated data.
  public var profile: TableProfile
  public var accounting: Accounting
  public var quarantine: QuarantineInfo?
  /// The quality gate's outcome, when the recipe has rules.
  public var quality: QualityInfo?

  /// What the recipe's quality rules came to; the full results are in `quality.json` (Glue's
  /// fields) and `quality.junit.xml` beside the manifest.
  public struct QualityInfo: Sendable, Codable {
    public var ruleset: String
    /// Rules passed ÷ rules.
    public var score: Double
    public var passed: Int
    public var failed: Int
    public var errored: Int
    /// False when a blocking rule failed: the curated data was not written, and the data file
    /// from an earlier run (if any) was left as it was.
    public var published: Bool
    public var rules: [Rule]
    public var resultFiles: [String]

    public struct Rule: Sendable, Codable {
      public var name: String
      public var rule: String
      public var result: RuleOutcome.Result
      public var message: String?
      public var metrics: [String: Double]
      /// A failure of this rule keeps the data unpublished.
      public var blocking: Bool
    }

    public init(_ report: QualityReport, policy: RecipeQuality, published: Bool, resultFiles: [String]) {
      ruleset = report.ruleset
      score = report.score
      passed = report.passed
      failed = report.failed
      errored = report.errored
      self.published = published
      self.resultFiles = resultFiles
      rules = report.rules.map { r in
        Rule(name: r.name, rule: r.description, result: r.result, message: r.message, metrics: r.metrics, blocking: policy.isBlocking(r))
      }
    }
  }

  public struct RunInfo: Sendable, Codable {
    public var tool: String
    public var recipe: String
    /// ISO 8601, UTC; pinned by `SOURCE_DATE_EPOCH` for reproducible manifests.
    public var startedAt: String
  }

  public struct SourceInfo: Sendable, Codable {
    public var path: String
    public var format: String
    /// The files read (more than one for a folder or a glob).
    public var files: [String]
    /// Every reading setting, each marked `detected` or `set` (by the recipe).
    public var dialect: [String: InferReport.DialectSetting]
    /// The raw columns with the types inferred over all rows.
    public var schema: [Field]
  }

  public struct StepInfo: Sendable, Codable {
    public var index: Int
    public var kind: String
    public var summary: String
    public var schemaAfter: [Field]
  }

  public struct TargetColumn: Sendable, Codable {
    public var name: String
    public var type: DataType
    public var nullable: Bool
    public var description: String?
    public var sensitive: Bool
    public var classification: String?
    /// `recipe` when the recipe states the sensitivity, `detected` when personal data was found in
    /// an undeclared column (then `sensitive` and `classification` are the suggestion; evidence in
    /// the profile's `personal_data`).
    public var classifiedBy: String?
    /// How a step protected the column's values (masked, randomized), if one did.
    public var protection: ColumnProtection?
  }

  public struct TargetInfo: Sendable, Codable {
    public var path: String
    public var format: String
    public var dataFile: String
    public var schema: [TargetColumn]
  }

  /// Every row read is written, refused by a step, or quarantined by the reader.
  public struct Accounting: Sendable, Codable, Equatable {
    public var rowsRead: Int
    public var rowsWritten: Int
    /// Rows steps removed on purpose (`remove_missing`, duplicates): not errors, not quarantined.
    public var rowsFiltered: Int
    public var rowsQuarantined: Int
    public var quarantinedByReader: Int
    public var quarantinedBySteps: Int
    public var balanced: Bool { rowsRead == rowsWritten + rowsFiltered + rowsQuarantined }

    enum CodingKeys: String, CodingKey {
      case rowsRead, rowsWritten, rowsFiltered, rowsQuarantined, quarantinedByReader, quarantinedBySteps, balanced
    }

    public init(
      rowsRead: Int, rowsWritten: Int, rowsFiltered: Int = 0, rowsQuarantined: Int, quarantinedByReader: Int, quarantinedBySteps: Int
    ) {
      self.rowsRead = rowsRead
      self.rowsWritten = rowsWritten
      self.rowsFiltered = rowsFiltered
      self.rowsQuarantined = rowsQuarantined
      self.quarantinedByReader = quarantinedByReader
      self.quarantinedBySteps = quarantinedBySteps
    }

    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      rowsRead = try c.decode(Int.self, forKey: .rowsRead)
      rowsWritten = try c.decode(Int.self, forKey: .rowsWritten)
      // Manifests written before steps could filter rows have no such key.
      rowsFiltered = try c.decodeIfPresent(Int.self, forKey: .rowsFiltered) ?? 0
      rowsQuarantined = try c.decode(Int.self, forKey: .rowsQuarantined)
      quarantinedByReader = try c.decode(Int.self, forKey: .quarantinedByReader)
      quarantinedBySteps = try c.decode(Int.self, forKey: .quarantinedBySteps)
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(rowsRead, forKey: .rowsRead)
      try c.encode(rowsWritten, forKey: .rowsWritten)
      try c.encode(rowsFiltered, forKey: .rowsFiltered)
      try c.encode(rowsQuarantined, forKey: .rowsQuarantined)
      try c.encode(quarantinedByReader, forKey: .quarantinedByReader)
      try c.encode(quarantinedBySteps, forKey: .quarantinedBySteps)
      try c.encode(balanced, forKey: .balanced)
    }
  }

  public struct QuarantineInfo: Sendable, Codable {
    public var file: String
    public var rows: Int
    /// Rejected rows per reason code.
    public var byReason: [String: Int]
  }
}
