import Foundation

/// Hashes the values of columns in place, as DataBrew's `CRYPTOGRAPHIC_HASH`:
/// `cryptographic_hash: {source_columns: [email], secret_id: 'databrew!default'}`.
///
/// The algorithm is DataBrew's: MD5, SHA1, SHA256, SHA512 or HMAC_MD5, HMAC_SHA1, HMAC_SHA256,
/// HMAC_SHA512 (the default, as in DataBrew). A value's UTF-8 bytes are hashed exactly as they
/// are (no trimming or case folding: normalise first if `A@x.com` and `a@x.com` must match); a
/// typed column is hashed as the text the CSV writer writes. The digest is written in standard
/// base64 with padding (DataBrew's page is silent; AWS Glue's `CryptographicHash` transform shows
/// base64). The column becomes text; nulls stay null; an empty text is a value and is hashed.
///
/// The HMAC secret is never read from the recipe: a parameter that looks like one (`secret`,
/// `key`, `secret_value`, ...) is refused before any row, and the secret is looked up in the
/// environment by `secret_id` (see `SecretSource`: no id or `databrew!default` is
/// `ONBOARD_SECRET` or `ONBOARD_SECRET_FILE`). A missing, unreadable or weak secret is a plan
/// error naming the variable to set. Unkeyed MD5/SHA* need no secret, but anyone can hash a
/// dictionary of likely values (names, birth dates, phone numbers) and match them: use them only
/// for values that cannot be guessed.
///
/// Of DataBrew's other parameters: `secret_version` is accepted and recorded (the variable must
/// hold that version); `create_secret_if_missing` is accepted but onboard never creates a secret
/// (an invented key would make hashes that nothing can reproduce); `secret_id` is not used by
/// unkeyed algorithms, as in DataBrew; `entity_type_filter` needs PII detection and is refused.
/// Conditions are refused too: rows left unhashed would keep clear values in a column the
/// manifest calls hashed. The manifest records the column as `hashed` with the algorithm and the
/// secret's id, never its value.
public struct CryptographicHash: Step {
  public static let kind = "cryptographic_hash"
  public static let summary = "Hash the values of columns in place (HMAC with a secret from the environment, or MD5/SHA)."
  public static let parameterDocs = [
    (name: "source_columns", doc: "the columns to hash (a name or a list; `source_column` also works); they become text"),
    (name: "algorithm", doc: "MD5, SHA1, SHA256, SHA512, HMAC_MD5, HMAC_SHA1, HMAC_SHA256 (default) or HMAC_SHA512"),
    (name: "secret_id", doc: "the HMAC secret's id: none or `databrew!default` reads `ONBOARD_SECRET`; an ARN or name ending in NAME reads `ONBOARD_SECRET_<NAME>` (or `..._FILE`)"),
    (name: "secret_version", doc: "the secret's version, recorded in the manifest; the variable must hold that version"),
    (name: "create_secret_if_missing", doc: "DataBrew's; accepted, but onboard never creates a secret"),
    (name: "entity_type_filter", doc: "DataBrew's PII detection filter; refused: list the columns to hash instead"),
  ]
  public static let databrewOperation: String? = "CRYPTOGRAPHIC_HASH"
  public static var conditionUse: ConditionUse { .none }

  static let allowed = [
    "source_columns", "source_column", "algorithm", "secret_id", "secret_version", "create_secret_if_missing",
    "entity_type_filter",
  ]

  private var sources: [ColumnParameter]
  private var algorithm: HashAlgorithm
  private var secretId: String?
  private var secretIdLocation: RecipeLocation?
  private var secretVersion: String?
  private var creatable: Bool
  private var indices: [Int] = []
  private var key: HashKey?

  public init(parameters: RecipeNode, context: StepContext) throws {
    try Self.refuseSecrets(parameters, context: context)
    let f = try parameters.fields(allowed: Self.allowed, step: context.reference)
    if context.hasConditions {
      throw context.error(
        "conditions-not-supported", "cryptographic_hash hashes every row: rows left out would keep clear values in a hashed column",
        fix: "remove the condition; to hash some rows only, split them into another product first")
    }
    if let node = f["entity_type_filter"] {
      throw context.error(
        "unsupported-parameter", "entity_type_filter needs PII entity detection, which onboard does not run", at: node.location,
        fix: "remove `entity_type_filter` and list the columns to hash in `source_columns`")
    }
    sources = try ColumnParameter.sourceList(f, context: context, distinct: "hash")
    algorithm = .databrewDefault
    if let node = f["algorithm"] {
      let text = try node.string()
      guard let parsed = HashAlgorithm(rawValue: text.uppercased()) else {
        let names = HashAlgorithm.allCases.map(\.rawValue)
        throw context.error(
          "unknown-algorithm", "unknown hash algorithm '\(text)'", at: node.location,
          fix: Suggestion.nearest(to: text.uppercased(), in: names).map { "did you mean '\($0)'?" }
            ?? "use one of \(names.joined(separator: ", "))")
      }
      algorithm = parsed
    }
    secretId = try f["secret_id"]?.string()
    secretIdLocation = f["secret_id"]?.location
    secretVersion = try f["secret_version"]?.string()
    creatable = try f["create_secret_if_missing"]?.bool() ?? false
  }

  /// Refuses, before anything else, a parameter that looks like it carries a secret value: the
  /// message names the key only, never the value.
  private static func refuseSecrets(_ parameters: RecipeNode, context: StepContext) throws {
    guard parameters.isMapping else { return }
    let entries = try parameters.entries()
    let id = try entries.first { $0.key == "secret_id" }.map { try $0.value.string() }
    let variable = SecretSource.variableName(for: id) ?? "ONBOARD_SECRET"
    for entry in entries where !allowed.contains(entry.key) {
      let key = entry.key.lowercased()
      guard ["secret", "key", "password", "passphrase", "salt", "pepper", "token"].contains(where: key.contains) else { continue }
      throw context.error(
        "secret-in-recipe", "'\(entry.key)' looks like a secret value, and onboard never reads secrets from a recipe",
        at: entry.keyNode.location,
        fix: "delete `\(entry.key)` and set \(variable) (or \(variable)_FILE) in the environment instead; "
          + "if the value was a real secret, rotate it: the recipe has exposed it")
    }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    indices = try sources.map { try context.index(of: $0.name, in: input, at: $0.location) }
    if algorithm.isKeyed {
      key = try context.secrets.key(
        id: secretId, context: context, at: secretIdLocation ?? context.location, creatable: creatable)
    }
    var output = input
    for i in indices {
      output[i].type = .string
      output[i].format = nil
    }
    return output
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    let hash = algorithm.hasher(key: key)
    var output = batch
    for index in indices {
      let column = batch.columns[index]
      var result = TextColumn()
      // 88 characters: a SHA-512 digest in base64, the longest output.
      result.reserveCapacity(rows: column.count, bytes: column.count * 88)
      var value: [UInt8] = []
      for row in 0 ..< column.count {
        value.removeAll(keepingCapacity: true)
        guard ValueFormatter.append(column, row: row, to: &value) else {
          result.appendNull()
          continue
        }
        let digest = value.withUnsafeBufferPointer(hash)
        result.append(Data(digest).base64EncodedData())
      }
      output.columns[index] = .text(result)
      output.schema[index].type = .string
      output.schema[index].format = nil
    }
    return output
  }

  public static let examples = [
    StepExample(
      "SHA-256 without a key: equal values get equal hashes, a null stays null",
      yaml: "cryptographic_hash: {source_columns: [email], algorithm: SHA256}",
      input: ExampleTable(["email"], [["ada@example.com"], ["ada@example.com"], [nil]]),
      output: ExampleTable(["email"], [
        ["tfyF5VdV+eDQMKEKtEKbaylEhV+aDWAHf+gyvsvEHXI="], ["tfyF5VdV+eDQMKEKtEKbaylEhV+aDWAHf+gyvsvEHXI="], [nil],
      ])),
    StepExample(
      "A typed column is hashed as its text and becomes text",
      yaml: "cryptographic_hash: {source_column: customer_id, algorithm: MD5}",
      input: ExampleTable(fields: [Field(name: "customer_id", type: .integer)], [["42"]]),
      output: ExampleTable(["customer_id"], [["odDG6D8CcyfYRhBj9KxYpg=="]])),
    StepExample(
      "An HMAC needs its secret in the environment (here ONBOARD_SECRET_CRM_EMAIL_KEY)",
      yaml: "cryptographic_hash: {source_columns: [email], secret_id: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:crm-email-key'}",
      input: ExampleTable(["email"], [["ada@example.com"]]), error: "secret-missing"),
    StepExample(
      "A secret is never written in the recipe", yaml: "cryptographic_hash: {source_columns: [email], secret: hunter2}",
      input: ExampleTable(["email"], [["ada@example.com"]]), error: "secret-in-recipe"),
    StepExample(
      "The algorithm is one of DataBrew's names", yaml: "cryptographic_hash: {source_columns: [email], algorithm: SHA-256}",
      input: ExampleTable(["email"], [["ada@example.com"]]), error: "unknown-algorithm"),
  ]
}

extension CryptographicHash: ProtectsColumns {
  static let protection = "hashed"
  var protectedColumns: [String] { sources.map(\.name) }

  func protectionRecord(step: String) -> ColumnProtection {
    ColumnProtection(
      kind: Self.protection, step: step, algorithm: algorithm.rawValue,
      secretId: algorithm.isKeyed ? (secretId ?? SecretSource.defaultId) : nil,
      secretVersion: algorithm.isKeyed ? secretVersion : nil)
  }
}
