import Foundation
import Testing

@testable import OnboardKit

/// The recipe's `bias` section end to end: parsed with errors that name the line, checked against
/// the planned schema before any row is read, counted in the run's single pass, equal to
/// smclarify (scripts/oracle_bias.py) on the German credit product, carried by the manifest
/// without NaN, and the same from `onboard profile --bias-label/--facet/--group`.
@Suite struct BiasRecipeTests {
  static let tolerance = 1e-9
  static let femaleValues: Set<String> = ["female : divorced/separated/married"]

  /// The specs `recipes/german-credit.yaml` declares, in order.
  static let germanCreditSpecs: [BiasSpec] = {
    let label = BiasLabel.values("credit_risk", ["good"])
    return [
      BiasSpec(label: label, facet: .values("foreign_worker", ["yes"]), group: "purpose"),
      BiasSpec(label: label, facet: .values("personal_status_and_sex", femaleValues), group: "purpose"),
      BiasSpec(label: label, facet: .threshold("age_in_years", 25, side: .atOrBelow), group: "purpose"),
    ]
  }()

  struct GermanCreditRun {
    let folder: TemporaryFolder
    let result: Pipeline.Result
    var bias: [BiasResult] { result.manifest.profile.bias ?? [] }
  }

  static func runGermanCredit() throws -> GermanCreditRun {
    let folder = try TemporaryFolder()
    let recipe = try Recipe.load(path: TestPaths.germanCreditRecipe.path)
    return GermanCreditRun(folder: folder, result: try Pipeline.run(recipe: recipe, outputFolder: folder.path))
  }

  // MARK: German credit against smclarify

  @Test func germanCreditRecipeDeclaresThreeFacets() throws {
    let recipe = try Recipe.load(path: TestPaths.germanCreditRecipe.path)
    #expect(recipe.bias == Self.germanCreditSpecs)
  }

  /// Every facet's eight metrics, as the run's manifest carries them, against smclarify on the
  /// curated data file the same run wrote.
  @Test func germanCreditRunEqualsSmclarify() throws {
    let run = try Self.runGermanCredit()
    #expect(run.bias.count == 3)
    var worst = 0.0
    var compared = 0
    for (spec, result) in zip(Self.germanCreditSpecs, run.bias) {
      let context = result.facet.summary
      let arguments = BiasTests.oracleArguments(spec, path: run.result.dataFile)
      guard let oracle = try OraclePython.json(arguments) as? [String: [String: Any]] else { return }
      for metric in BiasMetric.allCases {
        let theirs = try #require(oracle[metric.rawValue], "\(context): the oracle has no \(metric.rawValue)")
        if let value = theirs["value"] as? Double {
          guard let mine = result[metric].value else {
            Issue.record("\(context) \(metric.rawValue): smclarify gives \(value), the manifest \(result[metric])")
            continue
          }
          worst = max(worst, abs(mine - value))
          compared += 1
          #expect(abs(mine - value) <= Self.tolerance, "\(context) \(metric.rawValue): ours \(mine), smclarify \(value)")
        } else {
          let message = theirs["error"] as? String ?? "\(theirs)"
          #expect(result[metric] == .error(message), "\(context) \(metric.rawValue): smclarify '\(message)', ours \(result[metric])")
        }
      }
    }
    // On German credit every metric of every facet has a value, CDD by purpose included.
    #expect(compared == 3 * BiasMetric.allCases.count)
    print("bias of the german-credit run vs smclarify: \(compared) metrics, largest |difference| \(worst)")
  }

  @Test func germanCreditCountsAndKnownFigures() throws {
    let run = try Self.runGermanCredit()
    let bias = run.bias
    try #require(bias.count == 3)
    for r in bias {
      #expect(r.label == BiasResult.Label(column: "credit_risk", positive: ["good"], positiveAbove: nil))
      #expect(r.group == "purpose")
      #expect(r.counts.rows == 1000)
      #expect(r.counts.facetA.rows + r.counts.facetD.rows == 1000)
      #expect(r.counts.facetA.positive + r.counts.facetD.positive == 700)
      #expect(r.counts.groups == 10)
      #expect(r.counts.ungroupedRows == 0 && r.counts.unreadableFacetRows == 0)
      #expect(r.metrics.map(\.code) == BiasMetric.allCases)
    }
    #expect(bias[0].facet == BiasResult.Facet(column: "foreign_worker", values: ["yes"], threshold: nil, sensitive: nil))
    #expect(bias[0].counts.facetD.rows == 963)
    #expect(bias[0][.ci] == .value(-0.926))
    #expect(bias[1].facet.values == Self.femaleValues.sorted())
    #expect(bias[1].counts.facetD.rows == 310)
    #expect(bias[2].facet == BiasResult.Facet(column: "age_in_years", values: nil, threshold: 25, sensitive: .atOrBelow))
    #expect(bias[2].facet.summary == "age_in_years <= 25")
    #expect(bias[2].counts.facetD.rows == 190)
    #expect(bias[2][.ci] == .value(0.62))
    // The same counts as the spec counted directly over the decoded file (one reader, no workers).
    for (spec, result) in zip(Self.germanCreditSpecs, bias) {
      var renamed = spec
      renamed.label.column = "creditability"
      let opened = try Source.openCSV(path: TestPaths.decodedCSV.path, batchSize: 101)
      let direct = try renamed.report(opened.reader)
      #expect(result == BiasResult(spec: spec, counts: direct.counts), "\(result.facet.summary)")
    }
  }

  // MARK: manifest

  @Test func manifestCarriesTheBiasSectionWithoutNaN() throws {
    let run = try Self.runGermanCredit()
    let data = try Data(contentsOf: URL(fileURLWithPath: run.result.manifestFile))
    let text = String(decoding: data, as: UTF8.self)
    // No bare NaN or infinity as a value anywhere (JSON has none; some encoders write them anyway).
    let nonFinite = try Regex(#":\s*-?(NaN|nan|Infinity|inf)\b"#)
    #expect(text.firstMatch(of: nonFinite) == nil, "manifest.json holds a non-finite number")
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let bias = try #require((json["profile"] as? [String: Any])?["bias"] as? [[String: Any]])
    #expect(bias.count == 3)
    let foreign = bias[0]
    #expect((foreign["label"] as? [String: Any])?["column"] as? String == "credit_risk")
    #expect((foreign["label"] as? [String: Any])?["positive"] as? [String] == ["good"])
    #expect((foreign["facet"] as? [String: Any])?["values"] as? [String] == ["yes"])
    #expect(foreign["group"] as? String == "purpose")
    let counts = try #require(foreign["counts"] as? [String: Any])
    #expect((counts["facet_d"] as? [String: Any])?["rows"] as? Int == 963)
    #expect((counts["facet_a"] as? [String: Any])?["rows"] as? Int == 37)
    #expect(counts["groups"] as? Int == 10)
    let metrics = try #require(foreign["metrics"] as? [[String: Any]])
    #expect(metrics.compactMap { $0["code"] as? String } == BiasMetric.allCases.map(\.rawValue))
    #expect(metrics.allSatisfy { $0["value"] is Double && $0["error"] is NSNull })
    #expect(metrics.first?["name"] as? String == "Class Imbalance")
    let age = try #require(bias[2]["facet"] as? [String: Any])
    #expect(age["threshold"] as? Double == 25)
    #expect(age["sensitive"] as? String == "at_or_below")
    // Aggregates only: no group value (a purpose) is listed in the bias section.
    let biasText = String(decoding: try JSONSerialization.data(withJSONObject: bias), as: UTF8.self)
    #expect(!biasText.contains("radio/television"))
    // The manifest reads back to the same reports.
    let decoded = try Manifest.decode(data)
    #expect(decoded.profile.bias == run.bias)
  }

  /// A facet that no row falls in: the metrics Clarify has no value for are `null` with Clarify's
  /// message, never NaN, and the terminal shows them as "—" with the reason underneath.
  @Test func emptyFacetEncodesErrorsAsNull() throws {
    let folder = try TemporaryFolder()
    try folder.write("data.csv", "age,sex,risk,purpose\n30,m,good,car\n41,m,bad,tv\n52,m,good,tv\n")
    let recipe = try Self.tinyRecipe(folder, facets: "    - {column: sex, values: [f]}\n    - {column: age, threshold: 25}\n")
    let result = try Pipeline.run(recipe: recipe, outputFolder: folder.file("out").path)
    let bias = try #require(result.manifest.profile.bias)
    #expect(bias[0].counts.facetD.rows == 0)
    #expect(bias[0][.ci].error?.contains("facet set is empty") == true)
    #expect(bias[0][.kl] == BiasReport.noCommonValue)
    #expect(bias[1].counts.facetD.rows == 3)  // Clarify's side: age > 25 is facet d, facet a is empty
    #expect(bias[1][.dpl] == .error("Negative facet set is empty."))
    let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: result.manifestFile))) as? [String: Any])
    let metrics = try #require((((json["profile"] as? [String: Any])?["bias"] as? [[String: Any]])?.first)?["metrics"] as? [[String: Any]])
    let ci = try #require(metrics.first)
    #expect(ci["value"] is NSNull)
    #expect((ci["error"] as? String)?.contains("facet set is empty") == true)

    let table = BiasTable.render(bias)
    #expect(table.contains("bias of risk = good, CDD by purpose"))
    #expect(table.contains("sex in {f}"))
    #expect(table.contains("age > 25"))
    #expect(table.contains("—"))
    #expect(table.contains("— sex in {f}: no value for CI (CI: facet set is empty"))
    #expect(table.contains("— sex in {f}: no value for KL, JS, LP, TVD, KS (No instance of common facet found"))
    #expect(table.contains("— age > 25: no value for CI (CI: negated facet set is empty"))
  }

  // MARK: recipe errors

  /// A recipe over `data.csv` of `folder` (columns age, sex, risk, purpose) with `age` cast to an
  /// integer, and a bias section with `facets` (YAML lines under `facets:`).
  static func tinyRecipe(_ folder: TemporaryFolder, facets: String, bias: String? = nil, steps: String? = nil) throws -> Recipe {
    try Recipe.parse(tinyRecipeText(facets: facets, bias: bias, steps: steps), file: folder.file("r.yaml").path)
  }

  static func tinyRecipeText(facets: String, bias: String? = nil, steps: String? = nil) -> String {
    """
    product: {name: tiny}
    source: {path: data.csv}
    steps:
    \(steps ?? "  - cast: {columns: {age: integer}}")
    bias:
    \(bias ?? "  label: risk\n  positive: good\n  group: purpose")
      facets:
    \(facets)target: {path: out}

    """
  }

  static func parseError(_ yaml: String) -> RecipeError? {
    do {
      _ = try Recipe.parse(yaml, file: "r.yaml")
      Issue.record("expected a recipe error")
    } catch let error as RecipeError {
      return error
    } catch {
      Issue.record("expected a RecipeError, got \(error)")
    }
    return nil
  }

  /// Runs the tiny recipe and expects a planning error; nothing may be written.
  static func runError(facets: String, bias: String? = nil, steps: String? = nil) throws -> RecipeError? {
    let folder = try TemporaryFolder()
    try folder.write("data.csv", "age,sex,risk,purpose\n30,f,good,car\n22,m,bad,tv\n")
    let recipe = try tinyRecipe(folder, facets: facets, bias: bias, steps: steps)
    do {
      _ = try Pipeline.run(recipe: recipe, outputFolder: folder.file("out").path)
      Issue.record("expected a planning error")
    } catch let error as RecipeError {
      #expect(!FileManager.default.fileExists(atPath: folder.file("out").path), "a refused recipe wrote output")
      return error
    } catch {
      Issue.record("expected a RecipeError, got \(error)")
    }
    return nil
  }

  // The tiny recipe's lines: 1 product, 2 source, 3 steps, 4 cast, 5 bias, 6 label, 7 positive,
  // 8 group, 9 facets, 10 the first facet.

  @Test func unknownFacetColumnNamesTheLineAndTheNearestName() throws {
    let error = try #require(try Self.runError(facets: "    - {column: age, threshold: 25}\n    - {column: sexx, values: [f]}\n"))
    #expect(error.code == "unknown-column")
    #expect(error.location.line == 11)
    #expect(error.column == "sexx")
    #expect(error.fix == "did you mean 'sex'?")
    #expect(error.description.contains("bias"))
    #expect(error.description.contains("r.yaml:11:"))
  }

  @Test func unknownLabelAndGroupColumns() throws {
    let label = try #require(try Self.runError(facets: "    - {column: sex, values: [f]}\n", bias: "  label: rsik\n  positive: good"))
    #expect(label.code == "unknown-column")
    #expect(label.location.line == 6)
    #expect(label.fix == "did you mean 'risk'?")
    #expect(label.message.contains("`bias` (the label)"))
    let group = try #require(try Self.runError(facets: "    - {column: sex, values: [f]}\n", bias: "  label: risk\n  positive: good\n  group: purpos"))
    #expect(group.location.line == 8)
    #expect(group.fix == "did you mean 'purpose'?")
  }

  /// The check runs on the schema after the steps: a renamed column is known by its new name.
  @Test func columnsAreCheckedAfterTheSteps() throws {
    let renamed = "  - cast: {columns: {age: integer}}\n  - rename: {sex: gender}"
    let error = try #require(try Self.runError(facets: "    - {column: sex, values: [f]}\n", steps: renamed))
    #expect(error.code == "unknown-column")
    #expect(error.column == "sex")
    let folder = try TemporaryFolder()
    try folder.write("data.csv", "age,sex,risk,purpose\n30,f,good,car\n")
    let recipe = try Self.tinyRecipe(folder, facets: "    - {column: gender, values: [f]}\n", steps: renamed)
    let result = try Pipeline.run(recipe: recipe, outputFolder: folder.file("out").path)
    #expect(result.manifest.profile.bias?.first?.counts.facetD.rows == 1)
  }

  @Test func thresholdOnATextColumnIsRefused() throws {
    let error = try #require(try Self.runError(facets: "    - {column: sex, values: [f]}\n    - {column: purpose, threshold: 3}\n"))
    #expect(error.code == "type-mismatch")
    #expect(error.location.line == 11)
    #expect(error.message.contains("'purpose' has a threshold"))
    #expect(error.message.contains("string"))
    #expect(error.fix?.contains("cast") == true)
    // Without the cast, age is text too.
    let uncast = try #require(try Self.runError(facets: "    - {column: age, threshold: 25}\n", steps: "  - rename: {purpose: goal}"))
    #expect(uncast.code == "type-mismatch")
    #expect(uncast.location.line == 10)
  }

  struct ShapeCase: CustomStringConvertible, Sendable {
    var name: String
    var facets: String
    var bias: String?
    var code: String
    var line: Int
    var says: String
    var description: String { name }
  }

  static let shapeCases: [ShapeCase] = [
    ShapeCase(name: "unknown facet key", facets: "    - {column: sex, value: [f]}\n", code: "unknown-key", line: 10, says: "did you mean 'values'?"),
    ShapeCase(
      name: "unknown bias key", facets: "    - {column: sex, values: [f]}\n", bias: "  label: risk\n  positives: good",
      code: "unknown-key", line: 7, says: "did you mean 'positive'?"),
    ShapeCase(name: "values and threshold", facets: "    - {column: age, values: [1], threshold: 25}\n", code: "invalid-option", line: 10, says: "not both"),
    ShapeCase(name: "neither values nor threshold", facets: "    - {column: age}\n", code: "missing-parameter", line: 10, says: "needs `values` or `threshold`"),
    ShapeCase(name: "empty values", facets: "    - {column: sex, values: []}\n", code: "invalid-option", line: 10, says: "empty list"),
    ShapeCase(
      name: "empty positive", facets: "    - {column: sex, values: [f]}\n", bias: "  label: risk\n  positive: []", code: "invalid-option", line: 7,
      says: "'bias.positive' is an empty list"),
    ShapeCase(
      name: "no positive", facets: "    - {column: sex, values: [f]}\n", bias: "  label: risk", code: "missing-parameter", line: 6,
      says: "`positive` or `positive_above`"),
    ShapeCase(name: "threshold not a number", facets: "    - {column: age, threshold: young}\n", code: "wrong-type", line: 10, says: "must be a number"),
    ShapeCase(
      name: "unknown side", facets: "    - {column: age, threshold: 25, sensitive: below}\n", code: "invalid-option", line: 10,
      says: "unknown side 'below'"),
    ShapeCase(
      name: "side with values", facets: "    - {column: sex, values: [f], sensitive: above}\n", code: "invalid-option", line: 10,
      says: "chooses a side of a threshold"),
    ShapeCase(name: "facet on the label", facets: "    - {column: risk, values: [bad]}\n", code: "invalid-option", line: 10, says: "is the label column"),
    ShapeCase(
      name: "facet twice", facets: "    - {column: sex, values: [f]}\n    - {column: sex, values: [f]}\n", code: "invalid-option", line: 11,
      says: "declared twice"),
    ShapeCase(name: "no facets", facets: "    []\n", code: "missing-parameter", line: 10, says: "at least one facet"),
  ]

  @Test(arguments: shapeCases) func badShapesNameTheLine(_ c: ShapeCase) throws {
    let error = try #require(Self.parseError(Self.tinyRecipeText(facets: c.facets, bias: c.bias)))
    #expect(error.code == c.code)
    #expect(error.location.line == c.line, "\(error)")
    #expect(error.description.contains(c.says), "\(error)")
  }

  @Test func aListInsteadOfAMappingIsExplained() throws {
    let yaml = "product: {name: p}\nsource: {path: d.csv}\nbias:\n  - label: risk\ntarget: {path: out}\n"
    let error = try #require(Self.parseError(yaml))
    #expect(error.location.line == 4)
    #expect(error.fix?.contains("docs/bias.md") == true)
  }

  @Test func recipeSyntaxVariants() throws {
    let folder = try TemporaryFolder()
    // A list of positive values, an explicit side, a single value for a list, block style.
    let recipe = try Self.tinyRecipe(
      folder, facets: "    - {column: age, threshold: 25.5, sensitive: above}\n    - column: sex\n      values: f\n",
      bias: "  label: risk\n  positive: [good, fine]")
    let label = BiasLabel.values("risk", ["good", "fine"])
    #expect(recipe.bias == [
      BiasSpec(label: label, facet: .threshold("age", 25.5)),
      BiasSpec(label: label, facet: .values("sex", ["f"])),
    ])
    // A numeric label: positive is label > 40.
    let numeric = try Self.tinyRecipe(folder, facets: "    - {column: sex, values: [f]}\n", bias: "  label: age\n  positive_above: 40")
    #expect(numeric.bias == [BiasSpec(label: BiasLabel(column: "age", rule: .above(40)), facet: .values("sex", ["f"]))])
    #expect(Self.parseError(Self.tinyRecipeText(facets: "    - {column: sex, values: [f]}\n", bias: "  label: risk\n  positive: a\n  positive_above: 1"))?
      .message.contains("not both") == true)
    // No bias section: no reports, and the profile has no `bias` key.
    let plain = try Recipe.parse("product: {name: p}\nsource: {path: d.csv}\ntarget: {path: out}\n", file: "r.yaml")
    #expect(plain.bias.isEmpty)
  }

  // MARK: the one-line spelling of onboard profile

  @Test func expressions() throws {
    #expect(try BiasExpression.facet("foreign_worker=yes") == .values("foreign_worker", ["yes"]))
    #expect(try BiasExpression.facet("age_in_years>25") == .threshold("age_in_years", 25))
    #expect(try BiasExpression.facet("age_in_years<=25") == .threshold("age_in_years", 25, side: .atOrBelow))
    #expect(try BiasExpression.facet("p=a,b") == .values("p", ["a", "b"]))
    #expect(try BiasExpression.facet(#"telephone=yes\, registered under the customers name,none"#)
      == .values("telephone", ["yes, registered under the customers name", "none"]))
    // The first operator splits: values may hold `<=` and `<`.
    #expect(try BiasExpression.facet("status=0 <= ... < 200 DM") == .values("status", ["0 <= ... < 200 DM"]))
    #expect(try BiasExpression.label("credit_risk=good") == .values("credit_risk", ["good"]))
    #expect(try BiasExpression.label("score>0.5") == BiasLabel(column: "score", rule: .above(0.5)))
    for bad in ["age", "=yes", "age>=25", "age<25", "age<=young", "p=a,,b", "p="] {
      #expect(throws: BiasExpression.Invalid.self, "\(bad)") { try BiasExpression.facet(bad) }
    }
    #expect(throws: BiasExpression.Invalid.self) { try BiasExpression.label("score<=1") }
  }

  // MARK: onboard profile

  static let cliArguments = [
    "--bias-label", "creditability=good",
    "--facet", "foreign_worker=yes",
    "--facet", "personal_status_and_sex=female : divorced/separated/married",
    "--facet", "age_in_years<=25",
    "--group", "purpose",
  ]

  /// `onboard profile` on the decoded file gives the numbers of the recipe run on the raw file.
  @Test func cliOptionsGiveTheRecipeNumbers() throws {
    let r = try CLITests.onboard(["profile", TestPaths.decodedCSV.path, "--json"] + Self.cliArguments)
    #expect(r.status == 0, "\(r.stderr)")
    // Decoded as the library decodes it: the doubles come back bit for bit.
    struct BiasOnly: Decodable { var bias: [BiasResult] }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    let cli = try decoder.decode(BiasOnly.self, from: Data(r.stdout.utf8)).bias
    let run = try Self.runGermanCredit()
    try #require(cli.count == run.bias.count)
    for (theirs, ours) in zip(cli, run.bias) {
      // Same facets, counts and metrics; only the label's name differs (creditability in the
      // decoded file, credit_risk after the recipe's rename).
      var renamed = theirs
      renamed.label.column = "credit_risk"
      #expect(renamed == ours, "\(ours.facet.summary)")
    }
  }

  @Test func cliOptionMistakes() throws {
    let path = TestPaths.decodedCSV.path
    let noLabel = try CLITests.onboard(["profile", path, "--facet", "foreign_worker=yes"])
    #expect(noLabel.status == 64)
    #expect(noLabel.stderr.contains("--bias-label"))
    let badFacet = try CLITests.onboard(["profile", path, "--bias-label", "creditability=good", "--facet", "age_in_years>=26"])
    #expect(badFacet.status == 64)
    #expect(badFacet.stderr.contains("age_in_years>=26"))
    let unknown = try CLITests.onboard(["profile", path, "--bias-label", "creditability=good", "--facet", "foreign_workers=yes"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("did you mean 'foreign_worker'?"), "\(unknown.stderr)")
    let help = try CLITests.onboard(["profile", "--help"])
    for option in ["--bias-label", "--facet", "--group"] { #expect(help.stdout.contains(option)) }
  }

  @Test func runSummaryShowsTheBiasTable() throws {
    let folder = try TemporaryFolder()
    let r = try CLITests.onboard(["run", "recipes/german-credit.yaml", "-o", folder.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("bias of credit_risk = good, CDD by purpose"))
    #expect(r.stdout.contains("foreign_worker in {yes}"))
    #expect(r.stdout.contains("age_in_years <= 25"))
    #expect(r.stdout.contains("-0.9260"))
  }
}
