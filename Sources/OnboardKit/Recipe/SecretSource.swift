import Foundation

/// Where steps find secrets (the HMAC key of `cryptographic_hash`): never in the recipe, always in
/// the environment of the run, looked up by the secret's id.
///
/// The rule, for a secret id as DataBrew writes it (`secretId`):
/// - no id, or `databrew!default`: the variable `ONBOARD_SECRET`, or `ONBOARD_SECRET_FILE` naming
///   a file that holds the secret;
/// - any other id (a Secrets Manager ARN or name): `ONBOARD_SECRET_<NAME>` or
///   `ONBOARD_SECRET_<NAME>_FILE`, where NAME is the id's last `:` or `/` component, uppercased,
///   with every character other than A–Z and 0–9 written `_`
///   (`arn:aws:secretsmanager:eu-west-1:1234:secret:crm/email-key` → `ONBOARD_SECRET_EMAIL_KEY`).
///
/// Setting both the value and the file variable is refused (which one wins would be a guess). The
/// value's trailing line breaks are removed (files usually end with one). The value is the secret
/// as Secrets Manager holds it for DataBrew, base64: DataBrew keys the HMAC with the base64-decoded
/// secret (its CRYPTOGRAPHIC_HASH page), so the same secret gives the same hashes in both tools.
/// A key shorter than 16 bytes (128 bits) is refused: a short key can be guessed together with
/// the values.
///
/// The CLI reads the process environment; tests and embedding apps inject variables instead
/// (`Recipe.withSecrets`), so no one has to `setenv` a process-wide secret.
public struct SecretSource: Sendable {
  private let variable: @Sendable (String) -> String?

  /// A source that reads variables through `variable`.
  public init(variables variable: @escaping @Sendable (String) -> String?) {
    self.variable = variable
  }

  /// The process environment: what `onboard run` uses.
  public static let environment = SecretSource { ProcessInfo.processInfo.environment[$0] }

  /// Fixed variables, for tests and embedding apps.
  public static func variables(_ values: [String: String]) -> SecretSource {
    SecretSource { values[$0] }
  }

  /// The smallest key accepted, in bytes.
  static let minimumKeyBytes = 16
  /// DataBrew's id for its default secret, which onboard maps to `ONBOARD_SECRET`.
  static let defaultId = "databrew!default"

  /// The variable that holds the secret `id` (`ONBOARD_SECRET_<NAME>`); the file variable adds `_FILE`.
  static func variableName(for id: String?) -> String? {
    guard let id, id != defaultId else { return "ONBOARD_SECRET" }
    let last = id.split(separator: ":", omittingEmptySubsequences: false).last
      .flatMap { $0.split(separator: "/", omittingEmptySubsequences: false).last } ?? ""
    let name = String(last.uppercased().unicodeScalars.map { ("A" ... "Z").contains($0) || ("0" ... "9").contains($0) ? Character($0) : "_" })
    // An empty name, or `FILE` (whose variable would be the default secret's file), names nothing usable.
    guard !name.isEmpty, name != "FILE" else { return nil }
    return "ONBOARD_SECRET_\(name)"
  }

  /// The key of secret `id`, or a recipe error that names the variables to set. Messages never
  /// contain the secret's value, only the variables' and files' names.
  func key(id: String?, context: StepContext, at location: RecipeLocation, creatable: Bool) throws -> HashKey {
    let shown = id ?? Self.defaultId
    guard let name = Self.variableName(for: id) else {
      throw context.error(
        "invalid-parameter", "secret_id '\(shown)' has no name to look its secret up by", at: location,
        fix: "end secret_id with the secret's name, as in `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME`")
    }
    let fileName = name + "_FILE"
    let value = variable(name)
    let file = variable(fileName)
    let text: String
    switch (value, file) {
    case (.some, .some):
      throw context.error(
        "secret-ambiguous", "both \(name) and \(fileName) are set for secret '\(shown)'", at: location,
        fix: "unset one of them")
    case (.some(let v), nil):
      text = v
    case (nil, .some(let path)):
      do {
        text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
      } catch {
        throw context.error(
          "secret-unreadable", "cannot read the secret file '\(path)' named by \(fileName)", at: location,
          fix: "check that \(fileName) names a readable file holding the secret")
      }
    case (nil, nil):
      let creation = creatable ? "; onboard never creates secrets (create_secret_if_missing works only in DataBrew)" : ""
      throw context.error(
        "secret-missing", "the HMAC secret '\(shown)' is not set\(creation)", at: location,
        fix: "set \(name) to the secret's base64 value, or \(fileName) to a file holding it (make one with `openssl rand -base64 32`)")
    }
    let trimmed = String(text.reversed().drop { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }.reversed())
    let source = value != nil ? name : "the file named by \(fileName)"
    guard !trimmed.isEmpty, let bytes = Data(base64Encoded: trimmed) else {
      throw context.error(
        "secret-invalid", "the secret in \(source) is \(trimmed.isEmpty ? "empty" : "not base64")", at: location,
        fix: "store the secret base64-encoded, as DataBrew reads it from Secrets Manager (`openssl rand -base64 32`)")
    }
    guard bytes.count >= Self.minimumKeyBytes else {
      throw context.error(
        "secret-weak", "the secret in \(source) is \(bytes.count) bytes; an HMAC key needs at least \(Self.minimumKeyBytes)",
        at: location, fix: "use a random key of 32 bytes: `openssl rand -base64 32`")
    }
    return HashKey(Array(bytes))
  }
}

extension Recipe {
  /// The recipe with its steps reading secrets from `secrets` instead of the process environment.
  public func withSecrets(_ secrets: SecretSource) -> Recipe {
    var copy = self
    for i in copy.steps.indices { copy.steps[i].context.secrets = secrets }
    return copy
  }
}
