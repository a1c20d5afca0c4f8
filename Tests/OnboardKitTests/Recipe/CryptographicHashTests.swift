import Foundation
import Testing

@testable import OnboardKit

/// `cryptographic_hash` (DataBrew `CRYPTOGRAPHIC_HASH`): known answers, Python as an oracle, the
/// DataBrew spelling, the secret-resolution rule, errors before data, and no leak of the secret or
/// the clear values into any output. Secrets are injected per recipe (`withSecrets`), never set in
/// the process environment, so these tests run in parallel.
struct CryptographicHashTests {
  /// RFC 4231 test case 1's key (20 bytes of 0x0b), base64 as a secret is stored.
  static let rfcKey = "CwsLCwsLCwsLCwsLCwsLCwsLCws="
  /// 32 bytes 0x00...0x1f.
  static let key32 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

  static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

  static func recipe(_ step: String, source: String = "d.csv", file: String = "r.yaml") throws -> Recipe {
    try Recipe.parse("product: {name: t}\nsource: {path: \(source)}\nsteps:\n  - \(step)\ntarget: {path: out}\n", file: file)
  }

  /// The step planned against text columns, with `secrets` as the environment.
  static func plan(_ step: String, columns: [String] = ["email", "age"], secrets: [String: String] = [:]) throws -> Plan {
    let recipe = try recipe(step).withSecrets(.variables(secrets))
    return try Plan(steps: recipe.steps, source: Schema(columns.map { Field(name: $0, type: .string) }))
  }

  /// The values of a one-column table after the step.
  static func hashed(_ values: [String?], _ step: String, secrets: [String: String] = [:]) throws -> [String?] {
    let plan = try Self.plan(step, columns: ["v"], secrets: secrets)
    let batch = Batch(
      schema: Schema([Field(name: "v", type: .string)]), columns: [.text(TextColumn(values))],
      origins: values.indices.map { RowOrigin(line: $0 + 2, byteOffset: $0 * 10) })
    let (out, refusals, _) = plan.apply(batch)
    #expect(refusals.isEmpty)
    #expect(out.schema[0].type == .string)
    return (0 ..< out.rowCount).map { out.columns[0].formatted($0) }
  }

  static func expectError(_ code: String, _ body: () throws -> Void, check: (RecipeError) -> Void = { _ in }) {
    do {
      try body()
      Issue.record("expected the recipe error \(code)")
    } catch let error as RecipeError {
      #expect(error.code == code, "\(error)")
      #expect(error.step == StepReference(index: 1, kind: "cryptographic_hash"))
      check(error)
    } catch {
      Issue.record("expected a RecipeError, got \(error)")
    }
  }

  // MARK: - Known answers

  @Test func unkeyedDigestsOfAbcAreTheStandardVectors() {
    let abc = Array("abc".utf8)
    #expect(Self.hex(HashAlgorithm.md5.digest(abc)) == "900150983cd24fb0d6963f7d28e17f72")  // RFC 1321
    #expect(Self.hex(HashAlgorithm.sha1.digest(abc)) == "a9993e364706816aba3e25717850c26c9cd0d89d")  // FIPS 180
    #expect(Self.hex(HashAlgorithm.sha256.digest(abc)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      Self.hex(HashAlgorithm.sha512.digest(abc))
        == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
  }

  @Test func hmacsOfJefeAreTheRFCVectors() {
    let key = HashKey(Array("Jefe".utf8))
    let data = Array("what do ya want for nothing?".utf8)
    // RFC 4231 test case 2.
    #expect(Self.hex(HashAlgorithm.hmacSHA256.digest(data, key: key)) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    #expect(
      Self.hex(HashAlgorithm.hmacSHA512.digest(data, key: key))
        == "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")
    // RFC 2202 test case 2.
    #expect(Self.hex(HashAlgorithm.hmacMD5.digest(data, key: key)) == "750c783e6ab0b503eaa86e310a5db738")
    #expect(Self.hex(HashAlgorithm.hmacSHA1.digest(data, key: key)) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
  }

  @Test func theStepWritesBase64OfTheRFCVectorsWithTheSecretFromTheEnvironment() throws {
    let secrets = ["ONBOARD_SECRET": Self.rfcKey]
    // RFC 4231 test case 1 ("Hi There"), through the step: the key read and base64-decoded, the
    // same prepared HMAC reused across values, the digest written in base64.
    #expect(
      try Self.hashed(["Hi There", nil, "Hi There"], "cryptographic_hash: {source_columns: [v]}", secrets: secrets)
        == ["sDRMYdjbOFNcqK/OrwvxK4gdwgDJgz2nJuk3bC4yz/c=", nil, "sDRMYdjbOFNcqK/OrwvxK4gdwgDJgz2nJuk3bC4yz/c="])
    #expect(
      try Self.hashed(["Hi There"], "cryptographic_hash: {source_columns: [v], algorithm: hmac_sha512}", secrets: secrets)
        == ["h6p83qXvYZ1P8LQkGh1ssCN59OLOTsJ4etCzBUXhfN7aqDO31rinAgOLJ06uo/Tkvp2RTuth8XAuaWwgOhJoVA=="])
    // SHA-256 of "abc" (FIPS 180) in base64; an unkeyed hash needs no secret.
    #expect(try Self.hashed(["abc"], "cryptographic_hash: {source_columns: [v], algorithm: SHA256}") == ["ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="])
  }

  // MARK: - Oracle

  @Test func hashesOfGermanCreditColumnsMatchPythonForEveryAlgorithm() throws {
    var generator = SystemRandomNumberGenerator()
    let key = Data((0 ..< 32).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }).base64EncodedString()
    guard let answer = try OraclePython.json(
      [OraclePython.script("oracle_hash.py"), TestPaths.germanData.path, "0", "4", "12"], environment: ["ONBOARD_ORACLE_KEY": key])
    else { return }
    let oracle = try #require(answer as? [String: [String: [String]]])
    #expect(Set(oracle.keys) == Set(HashAlgorithm.allCases.map(\.rawValue)))

    let folder = try TemporaryFolder()
    let columns = (0 ..< 21).map { "c\($0)" }.joined(separator: ", ")
    for algorithm in HashAlgorithm.allCases {
      let yaml = """
        product: {name: german}
        source: {path: '\(TestPaths.germanData.path)', delimiter: space, header: false, columns: [\(columns)]}
        steps:
          - cryptographic_hash: {source_columns: [c0, c4, c12], algorithm: \(algorithm.rawValue)}
        target: {path: out-\(algorithm.rawValue)}
        """
      let recipe = try Recipe.parse(yaml, file: folder.file("r.yaml").path).withSecrets(.variables(["ONBOARD_SECRET": key]))
      let result = try Pipeline.run(recipe: recipe)
      let rows = SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8)).dropFirst()
      #expect(rows.count == 1000)
      for column in [0, 4, 12] {
        let expected = try #require(oracle[algorithm.rawValue]?[String(column)])
        let ours = rows.map { $0[column] ?? "" }
        #expect(ours == expected, "\(algorithm.rawValue) column \(column)")
      }
      #expect(result.manifest.target.schema[4].type == .string, "a hashed column is text")
    }
  }

  // MARK: - DataBrew

  /// The form of `aws-samples/automating-pii-data-detection-and-data-masking-tasks-with-aws-glue-databrew-and-aws-step-functions`.
  static let awsSample = """
    [
      {"Action": {"Operation": "CRYPTOGRAPHIC_HASH",
                  "Parameters": {"secretId": "arn:aws:secretsmanager:us-east-1:012345678901:secret:pii-hash-key",
                                 "sourceColumns": "[\\"email\\"]"}}}
    ]
    """

  @Test func databrewRecipeRunsWithTheSecretFromItsVariable() throws {
    let folder = try TemporaryFolder()
    let data = try folder.write("people.csv", "email,name\nada@example.com,Ada\ngrace@example.org,Grace\n,Nobody\n").path
    let path = try folder.write("pii.json", Self.awsSample).path
    let recipe = try Recipe.load(path: path, source: data, target: folder.file("out").path)
      .withSecrets(.variables(["ONBOARD_SECRET_PII_HASH_KEY": Self.key32]))
    #expect(recipe.steps.map(\.context.reference.kind) == ["cryptographic_hash"])
    let result = try Pipeline.run(recipe: recipe)
    // Python: base64(hmac.new(bytes(range(32)), email, "sha256").digest()).
    #expect(
      SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8)) == [
        ["email", "name"], ["XIILSlqsjzHrZ0GCW/7LjpfwBIjV7a7RrikIwp0Lfjg=", "Ada"], ["bHjh1lVlUA6CDT5e9tc27whwBPVnVJQYqRfBNY1PS+Y=", "Grace"],
        [nil, "Nobody"],
      ])
    let email = try #require(result.manifest.target.schema.first { $0.name == "email" })
    #expect(
      email.protection
        == ColumnProtection(
          kind: "hashed", step: "1:cryptographic_hash", algorithm: "HMAC_SHA256",
          secretId: "arn:aws:secretsmanager:us-east-1:012345678901:secret:pii-hash-key"))
    let manifest = try String(contentsOfFile: result.manifestFile, encoding: .utf8)
    #expect(manifest.contains("\"secret_id\" : \"arn:aws:secretsmanager:us-east-1:012345678901:secret:pii-hash-key\""))
  }

  @Test func databrewDocumentedFormWithARawArrayAndEveryParameterRuns() throws {
    let text = """
      [{"Action": {"Operation": "CRYPTOGRAPHIC_HASH", "Parameters": {
        "sourceColumns": ["email"], "algorithm": "HMAC_SHA256", "secretId": "databrew!default",
        "secretVersion": "v7", "createSecretIfMissing": "true"}}}]
      """
    let folder = try TemporaryFolder()
    let data = try folder.write("people.csv", "email\nada@example.com\n").path
    let recipe = try Recipe.parseDataBrew(text, file: folder.file("r.json").path, source: data, target: folder.file("out").path)
      .withSecrets(.variables(["ONBOARD_SECRET": Self.key32]))
    let result = try Pipeline.run(recipe: recipe)
    #expect(
      SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8))
        == [["email"], ["XIILSlqsjzHrZ0GCW/7LjpfwBIjV7a7RrikIwp0Lfjg="]])
    #expect(result.manifest.target.schema[0].protection?.secretId == "databrew!default")
    #expect(result.manifest.target.schema[0].protection?.secretVersion == "v7")
  }

  @Test func convertRoundTripsTheStep() throws {
    let yaml = """
      product: {name: t}
      source: {path: data.csv}
      steps:
        - cryptographic_hash: {source_columns: [email, phone], algorithm: HMAC_SHA512, secret_id: 'databrew!default', create_secret_if_missing: true}
      target: {path: out}
      """
    let folder = try TemporaryFolder()
    try folder.write("data.csv", "email,phone\nada@example.com,+44 20 7946 0000\n")
    let yamlPath = try folder.write("recipe.yaml", yaml).path
    let converted = try RecipeConversion.toDataBrew(yaml, file: yamlPath)
    let steps = try #require(try JSONSerialization.jsonObject(with: Data(converted.text.utf8)) as? [[String: Any]])
    let action = try #require(steps.first?["Action"] as? [String: Any])
    #expect(action["Operation"] as? String == "CRYPTOGRAPHIC_HASH")
    #expect(
      action["Parameters"] as? [String: String] == [
        "sourceColumns": "[\"email\",\"phone\"]", "algorithm": "HMAC_SHA512", "secretId": "databrew!default",
        "createSecretIfMissing": "true",
      ])
    let jsonPath = try folder.write("recipe.json", converted.text).path
    let back = try RecipeConversion.fromDataBrew(converted.text, file: jsonPath, source: "data.csv")
    let backPath = try folder.write("back.yaml", back.text).path

    let secrets = SecretSource.variables(["ONBOARD_SECRET": Self.key32])
    func curated(_ recipe: Recipe) throws -> String {
      let out = try TemporaryFolder()
      let result = try Pipeline.run(recipe: recipe.withSecrets(secrets), outputFolder: out.path)
      return try String(contentsOfFile: result.dataFile, encoding: .utf8)
    }
    let original = try curated(try Recipe.load(path: yamlPath))
    #expect(try curated(try Recipe.load(path: jsonPath, source: folder.file("data.csv").path)) == original)
    #expect(try curated(try Recipe.load(path: backPath)) == original)
    #expect(!original.contains("ada@example.com"))
  }

  // MARK: - Secret resolution

  @Test(arguments: [
    (nil, "ONBOARD_SECRET"), ("databrew!default", "ONBOARD_SECRET"),
    ("arn:aws:secretsmanager:us-east-1:012345678901:secret:mysecret", "ONBOARD_SECRET_MYSECRET"),
    ("arn:aws:secretsmanager:eu-west-1:1234:secret:crm/email-key", "ONBOARD_SECRET_EMAIL_KEY"),
    ("prod/pii/hmac-key-Ab12Cd", "ONBOARD_SECRET_HMAC_KEY_AB12CD"), ("clé", "ONBOARD_SECRET_CL_"),
    ("arn:aws:secretsmanager:eu-west-1:1234:secret:", nil), ("file", nil),
  ] as [(String?, String?)])
  func secretIdsMapToVariables(_ id: String?, _ variable: String?) {
    #expect(SecretSource.variableName(for: id) == variable)
  }

  @Test func aSecretFileWithATrailingNewlineGivesTheSameHashes() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("key", Self.key32 + "\n").path
    let step = "cryptographic_hash: {source_columns: [v], secret_id: 'arn:aws:secretsmanager:eu-west-1:1:secret:crm-key'}"
    let fromFile = try Self.hashed(["ada@example.com"], step, secrets: ["ONBOARD_SECRET_CRM_KEY_FILE": file])
    let fromValue = try Self.hashed(["ada@example.com"], step, secrets: ["ONBOARD_SECRET_CRM_KEY": Self.key32])
    #expect(fromFile == fromValue)
    #expect(fromFile == ["XIILSlqsjzHrZ0GCW/7LjpfwBIjV7a7RrikIwp0Lfjg="])
  }

  // MARK: - Errors before data

  @Test func aMissingSecretIsRefusedBeforeDataNamingTheVariables() throws {
    let folder = try TemporaryFolder()
    try folder.write("d.csv", "email\nada@example.com\n")
    let yaml = """
      product: {name: t}
      source: {path: d.csv}
      steps:
        - cryptographic_hash:
            source_columns: [email]
            secret_id: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:crm/email-key'
            create_secret_if_missing: true
      target: {path: out}
      """
    let recipe = try Recipe.parse(yaml, file: folder.file("r.yaml").path).withSecrets(.variables([:]))
    Self.expectError("secret-missing", { _ = try Pipeline.run(recipe: recipe) }) { error in
      #expect(error.location.line == 6, "the line of secret_id")
      #expect(error.fix?.contains("set ONBOARD_SECRET_EMAIL_KEY to") == true)
      #expect(error.fix?.contains("ONBOARD_SECRET_EMAIL_KEY_FILE") == true)
      #expect(error.message.contains("never creates secrets"))
      #expect(error.description.contains("step 1 (cryptographic_hash)"))
    }
    #expect(!FileManager.default.fileExists(atPath: folder.file("out").path), "nothing is written")
    // No id (and the default id) read ONBOARD_SECRET.
    Self.expectError("secret-missing", { _ = try Self.plan("cryptographic_hash: {source_columns: [email]}") }) { error in
      #expect(error.fix?.hasPrefix("set ONBOARD_SECRET to the secret's base64 value, or ONBOARD_SECRET_FILE") == true)
      #expect(error.location.line == 4)
    }
  }

  @Test(arguments: ["secret: hunter2-canary", "key: hunter2-canary", "secret_value: hunter2-canary", "hmac_key: hunter2-canary"])
  func aSecretInTheRecipeIsRefused(_ parameter: String) throws {
    Self.expectError("secret-in-recipe", { _ = try Self.recipe("cryptographic_hash: {source_columns: [email], \(parameter)}") }) { error in
      #expect(!error.description.contains("hunter2-canary"), "the error does not repeat the secret")
      #expect(error.fix?.contains("ONBOARD_SECRET") == true)
      #expect(error.location.line == 4)
    }
  }

  @Test func aSecretInADataBrewRecipeIsRefused() throws {
    let text = #"[{"Action": {"Operation": "CRYPTOGRAPHIC_HASH", "Parameters": {"sourceColumns": "[\"email\"]", "secretString": "hunter2-canary"}}}]"#
    Self.expectError("secret-in-recipe", { _ = try Recipe.parseDataBrew(text, file: "r.json", source: "d.csv", target: nil) }) { error in
      #expect(!error.description.contains("hunter2-canary"))
      #expect(error.message.contains("secret_string"))
    }
  }

  @Test func anUnknownAlgorithmNamesTheNearest() throws {
    Self.expectError("unknown-algorithm", { _ = try Self.recipe("cryptographic_hash: {source_columns: [email], algorithm: HMAC-SHA256}") }) {
      #expect($0.fix == "did you mean 'HMAC_SHA256'?")
    }
    Self.expectError("unknown-algorithm", { _ = try Self.recipe("cryptographic_hash: {source_columns: [email], algorithm: BLAKE3}") }) {
      #expect($0.fix?.hasPrefix("use one of MD5, SHA1, SHA256, SHA512, HMAC_MD5") == true)
    }
  }

  @Test func anUnknownColumnNamesTheNearest() throws {
    Self.expectError("unknown-column", {
      _ = try Self.plan("cryptographic_hash: {source_columns: [emial]}", secrets: ["ONBOARD_SECRET": Self.key32])
    }) { #expect($0.fix == "did you mean 'email'?") }
  }

  @Test func unusableSecretsAreRefusedWithoutShowingThem() throws {
    let step = "cryptographic_hash: {source_columns: [email]}"
    Self.expectError("secret-invalid", { _ = try Self.plan(step, secrets: ["ONBOARD_SECRET": "not base64 canary!"]) }) {
      #expect(!$0.description.contains("canary"))
    }
    Self.expectError("secret-weak", { _ = try Self.plan(step, secrets: ["ONBOARD_SECRET": "c2hvcnQ="]) }) {
      #expect(!$0.description.contains("c2hvcnQ="))
      #expect($0.message.contains("5 bytes"))
    }
    Self.expectError("secret-ambiguous", {
      _ = try Self.plan(step, secrets: ["ONBOARD_SECRET": Self.key32, "ONBOARD_SECRET_FILE": "/tmp/k"])
    })
    Self.expectError("secret-unreadable", { _ = try Self.plan(step, secrets: ["ONBOARD_SECRET_FILE": "/nonexistent/onboard-key"]) }) {
      #expect($0.message.contains("/nonexistent/onboard-key"))
    }
  }

  @Test func whatCannotWorkLocallyIsRefused() throws {
    Self.expectError("unsupported-parameter", {
      _ = try Self.recipe("cryptographic_hash: {source_columns: [email], entity_type_filter: [USA_ALL]}")
    })
    Self.expectError("conditions-not-supported", {
      _ = try Self.recipe("cryptographic_hash: {source_columns: [email], when: [{condition: is_missing, target_column: age}]}")
    })
    Self.expectError("duplicate-column", { _ = try Self.recipe("cryptographic_hash: {source_columns: [email, email]}") })
  }

  // MARK: - No leak

  static let canary = "onboard-leak-canary-7f3e9a"
  static let people = ["ada@example.com", "grace@example.org", "linus@example.net"]

  /// Every file under `folder`, as text.
  static func outputs(_ folder: String) throws -> [String: String] {
    var out: [String: String] = [:]
    for name in try FileManager.default.subpathsOfDirectory(atPath: folder) {
      let path = (folder as NSString).appendingPathComponent(name)
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
      out[name] = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }
    return out
  }

  static func leakRecipe(_ folder: TemporaryFolder, data: String) throws -> Recipe {
    try folder.write("people.csv", data)
    let yaml = """
      product: {name: people}
      source: {path: people.csv}
      steps:
        - cryptographic_hash: {source_columns: [email], secret_id: 'arn:aws:secretsmanager:eu-west-1:1234:secret:crm/email-key'}
        - cast: {columns: {age: integer}}
      columns:
        email: {description: Pseudonymised e-mail address, sensitive: true}
      target: {path: out}
      """
    let secret = Data(canary.utf8).base64EncodedString()
    return try Recipe.parse(yaml, file: folder.file("r.yaml").path).withSecrets(.variables(["ONBOARD_SECRET_EMAIL_KEY": secret]))
  }

  @Test func neitherTheSecretNorTheClearValuesReachAnyOutput() throws {
    let folder = try TemporaryFolder()
    // Grace's age does not cast: her row is quarantined after the hash, with the hashed e-mail.
    let recipe = try Self.leakRecipe(folder, data: "email,age\nada@example.com,36\ngrace@example.org,abc\nlinus@example.net,54\n")
    let result = try Pipeline.run(recipe: recipe)
    let files = try Self.outputs(result.folder)
    #expect(Set(files.keys) == ["people.csv", "manifest.json", "quarantine.jsonl"], "no temporary file is left behind")
    let secret = Data(Self.canary.utf8).base64EncodedString()
    for (name, text) in files {
      #expect(!text.contains(secret) && !text.contains(Self.canary), "\(name) holds the secret")
      for person in Self.people {
        #expect(!text.contains(person), "\(name) holds the clear value \(person)")
        #expect(!text.contains(person.split(separator: "@")[0] + "@"), "\(name) holds part of \(person)")
      }
    }
    #expect(files["quarantine.jsonl"]?.contains("\"raw\"") == true)
    #expect(result.manifest.accounting.rowsQuarantined == 1)
    #expect(result.manifest.target.schema.first { $0.name == "email" }?.protection?.kind == "hashed")
    // The step itself, printed or mirrored for debugging, does not show its key.
    let plan = try Plan(steps: recipe.steps, source: Schema([Field(name: "email", type: .string), Field(name: "age", type: .string)]))
    var dumped = ""
    dump(plan.steps[0].step, to: &dumped)
    for text in [String(describing: plan.steps[0].step), String(reflecting: plan.steps[0].step), dumped] {
      #expect(!text.contains(secret) && !text.contains(Self.canary))
    }
    #expect(dumped.contains("redacted"), "the key was reached and printed redacted")
  }

  /// A row the reader cannot parse, or a step refuses before the hash, would carry the column's
  /// clear value in its raw text; a recipe that protects columns has its quarantine keep only
  /// where the row is (file, line, offset) and why.
  @Test func quarantinedRowsOfAProtectingRecipeWithholdTheirRawText() throws {
    let folder = try TemporaryFolder()
    let recipe = try Self.leakRecipe(folder, data: "email,age\nada@example.com,36\nmallory@example.com,41,extra\n")
    let result = try Pipeline.run(recipe: recipe)
    let quarantine = try #require(try Self.outputs(result.folder)["quarantine.jsonl"])
    #expect(result.manifest.accounting.rowsQuarantined == 1)
    #expect(!quarantine.contains(Data(Self.canary.utf8).base64EncodedString()))
    #expect(!quarantine.contains("mallory@example.com"))
    #expect(quarantine.contains("\"line\":3"))
    #expect(quarantine.contains("withheld"))
  }
}
