import Foundation
import Testing

@testable import OnboardKit

/// A column classified sensitive shows aggregates only: its values must not reach the profile, the
/// JSON report or the terminal table, in any figure (top values, minimum, maximum, quantiles,
/// histogram edges, shapes). A secret is planted often enough to be the top value, the maximum and
/// the median; then every output is searched for it and for its parts.
@Suite(.serialized) struct SensitiveValuesNeverLeakTests {
  static let secret = "SECRET-4711-XYZ"
  /// The secret's parts, searched for on their own ("4711" also as a number: a PIN column).
  static let secretWords = ["SECRET", "XYZ"]
  static let secretNumber = 4711.0
  static let sensitive: Set<String> = ["access_code", "pin"]

  /// 6,000 rows: `region` and `amount` are ordinary; `access_code` is the secret in 40% of rows
  /// (so it is the top value and, after "PUB-…", the maximum); `pin` is 4711 in 60% of rows (so it
  /// is the top value and every middle quantile). `amount` stays below 1,000 so that no ordinary
  /// figure is 4711 by chance.
  static func write(in folder: TemporaryFolder) throws -> String {
    var rng = SplitMix64(seed: 4_711)
    let regions = ["north", "south", "east", "west"]
    let letters = Array("abcdefgh")
    var text = "region,amount,access_code,pin\n"
    for _ in 0 ..< 6_000 {
      let region = regions[Int(rng.next() % 4)]
      let amount = rng.next() % 1_000
      let code = rng.next() % 10 < 4 ? secret : "PUB-" + String((0 ..< 4).map { _ in letters[Int(rng.next() % 8)] })
      let pin = rng.next() % 10 < 6 ? 4_711 : 1_000 + rng.next() % 9_000
      text += "\(region),\(amount),\(code),\(pin)\n"
    }
    return try folder.write("accounts.csv", text).path
  }

  static func profile(_ path: String, sensitive: Set<String>) throws -> TableProfile {
    let reader = try CSVReader(source: FileSource(path: path), dialect: CSVDialect(), batchSize: 1_024)
    return try Profiler(threads: 2).profile(reader).result(sensitive: sensitive)
  }

  static func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// Where the secret shows in `text`: the whole value, a part of it, or 4711 as a number of its
  /// own (not inside a longer number such as 14711 or 0.4711). `path` (the file's name, which
  /// holds a random folder name) is taken out first.
  static func leaks(in text: String, path: String) -> [String] {
    let text = text.replacingOccurrences(of: path, with: "<file>")
    var found: [String] = []
    if text.contains(secret) { found.append(secret) }
    for word in secretWords where text.range(of: word, options: .caseInsensitive) != nil { found.append(word) }
    let number = try! NSRegularExpression(pattern: "(?<![0-9.])4711(?![0-9])")
    if number.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { found.append("4711") }
    return found
  }

  /// Every number in a parsed JSON value that equals the secret number, with its key path.
  static func secretNumbers(in value: Any, at path: String = "") -> [String] {
    switch value {
    case let d as [String: Any]: return d.keys.sorted().flatMap { secretNumbers(in: d[$0]!, at: path + "." + $0) }
    case let a as [Any]: return a.enumerated().flatMap { secretNumbers(in: $1, at: path + "[\($0)]") }
    case let s as String: return s.contains("4711") ? [path] : []
    case is Bool: return []
    case let n as NSNumber: return n.doubleValue == secretNumber ? [path] : []
    default: return []
    }
  }

  /// The keys that hold values (not aggregates) must be absent from a sensitive column's JSON.
  static let valueKeys = ["top_values", "minimum", "maximum", "quantiles", "histogram", "shapes"]

  static func expectNoLeak(json text: String, path: String, source: String) throws {
    #expect(leaks(in: text, path: path).isEmpty, "\(source): \(leaks(in: text, path: path)) in the JSON")
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(secretNumbers(in: parsed).filter { !$0.hasSuffix(".file") }.isEmpty, "\(source): 4711 at \(secretNumbers(in: parsed))")
    let columns = try #require(parsed["columns"] as? [[String: Any]])
    for column in columns where sensitive.contains(column["name"] as? String ?? "") {
      #expect(column["sensitive"] as? Bool == true, "\(source): \(column["name"] ?? "?") is sensitive")
      let shown = valueKeys.filter { column[$0] != nil }
      #expect(shown.isEmpty, "\(source): \(column["name"] ?? "?") shows \(shown)")
    }
  }

  /// The control: without the classification the same file does show the secret everywhere the
  /// test looks, so the searches below can find a leak.
  @Test func unclassifiedSecretIsVisibleSoTheSearchWorks() throws {
    let folder = try TemporaryFolder()
    let path = try Self.write(in: folder)
    let profile = try Self.profile(path, sensitive: [])
    #expect(profile["access_code"]?.topValues?.first?.value == Self.secret)
    #expect(profile["access_code"]?.maximum == .string(Self.secret))
    #expect(profile["pin"]?.inferredType == .integer)
    #expect(profile["pin"]?.quantiles?.p50 == Self.secretNumber)
    let json = try Self.json(ProfileReport(file: path, profile: profile, rejectedRows: 0))
    #expect(Set(Self.leaks(in: json, path: path)) == [Self.secret, "SECRET", "XYZ", "4711"])
    let table = ProfileReport(file: path, profile: profile, rejectedRows: 0).table
    #expect(Self.leaks(in: table, path: path).contains(Self.secret), "the table shows the top value when not sensitive")
  }

  @Test func sensitiveColumnsKeepOnlyAggregatesInTheProfile() throws {
    let folder = try TemporaryFolder()
    let path = try Self.write(in: folder)
    let profile = try Self.profile(path, sensitive: Self.sensitive)
    for name in Self.sensitive.sorted() {
      let c = try #require(profile[name])
      #expect(c.sensitive)
      #expect(c.topValues == nil && c.topValuesMaximumError == nil, "\(name): top values")
      #expect(c.minimum == nil && c.maximum == nil, "\(name): range")
      #expect(c.quantiles == nil && c.histogram == nil, "\(name): distribution")
      #expect(c.shapes == nil && c.shapesMaximumError == nil, "\(name): shapes")
      // The longest length would be the planted secret's length.
      #expect(c.lengths?.minimum == nil && c.lengths?.maximum == nil, "\(name): length range")
      // Aggregates stay: they describe the column without showing a value.
      #expect(c.rows == 6_000 && c.distinct > 1 && c.entropy != nil, "\(name): aggregates")
    }
    #expect(profile["pin"]?.mean != nil && profile["pin"]?.outliers != nil, "numeric aggregates stay")
    #expect(profile["region"]?.topValues?.count == 4, "ordinary columns keep their values")

    let json = try Self.json(ProfileReport(file: path, profile: profile, rejectedRows: 0))
    try Self.expectNoLeak(json: json, path: path, source: "JSONEncoder")
    let table = ProfileReport(file: path, profile: profile, rejectedRows: 0).table
    #expect(Self.leaks(in: table, path: path).isEmpty, "table: \(Self.leaks(in: table, path: path))\n\(table)")
  }

  /// A column found to hold personal data (here e-mail addresses) is hidden like a named one even
  /// when nobody names it, in the library's profile and in the CLI's.
  @Test func detectedPersonalDataIsHiddenWithoutBeingNamed() throws {
    let folder = try TemporaryFolder()
    var rng = SplitMix64(seed: 42)
    var text = "id,contact\n"
    for i in 0 ..< 2_000 {
      text += "\(i)," + (rng.next() % 2 == 0 ? "hidden.person@private.example" : "user\(rng.next() % 500)@mail.example") + "\n"
    }
    let path = try folder.write("contacts.csv", text).path
    let parts = ["hidden.person", "private.example", "mail.example", "@"]
    func shown(_ text: String) -> [String] {
      let text = text.replacingOccurrences(of: path, with: "<file>")
      return parts.filter { text.contains($0) }
    }
    let profile = try Self.profile(path, sensitive: [])
    let contact = try #require(profile["contact"])
    #expect(contact.personalData?.kind == PIIKind.email.rawValue && contact.personalData?.decidedBy == "detected")
    #expect(contact.sensitive && contact.topValues == nil && contact.minimum == nil && contact.maximum == nil && contact.shapes == nil)
    let report = ProfileReport(file: path, profile: profile, rejectedRows: 0)
    let json = try Self.json(report)
    #expect(shown(json).isEmpty, "JSON: \(shown(json))")
    #expect(shown(report.table).isEmpty, "table: \(shown(report.table))\n\(report.table)")

    let cli = try CLITests.onboard(["profile", path, "--json", "--threads", "2"])
    #expect(cli.status == 0, "\(cli.stderr)")
    #expect(shown(cli.stdout + cli.stderr).isEmpty, "onboard profile --json: \(shown(cli.stdout))")
    let cliTable = try CLITests.onboard(["profile", path, "--threads", "2"])
    #expect(cliTable.status == 0 && cliTable.stdout.contains("contact"), "\(cliTable.stderr)")
    #expect(shown(cliTable.stdout + cliTable.stderr).isEmpty, "onboard profile: \(shown(cliTable.stdout))\n\(cliTable.stdout)")
  }

  @Test func sensitiveColumnsLeakNothingThroughTheCLI() throws {
    let folder = try TemporaryFolder()
    let path = try Self.write(in: folder)
    let json = try CLITests.onboard(["profile", path, "--json", "--threads", "2", "--sensitive", "access_code", "pin"])
    #expect(json.status == 0, "\(json.stderr)")
    try Self.expectNoLeak(json: json.stdout, path: path, source: "onboard profile --json")
    #expect(Self.leaks(in: json.stderr, path: path).isEmpty, "stderr: \(json.stderr)")

    let table = try CLITests.onboard(["profile", path, "--threads", "2", "--sensitive", "access_code", "pin"])
    #expect(table.status == 0, "\(table.stderr)")
    #expect(table.stdout.contains("access_code") && table.stdout.contains("pin"), "the table lists the columns")
    #expect(Self.leaks(in: table.stdout + table.stderr, path: path).isEmpty, "table: \(Self.leaks(in: table.stdout, path: path))\n\(table.stdout)")
  }
}
