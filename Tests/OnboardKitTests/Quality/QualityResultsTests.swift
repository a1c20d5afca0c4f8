import Foundation
import Testing

@testable import OnboardKit

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The three renderings of a quality report: Glue's result JSON, JUnit XML and the terminal summary.
@Suite struct QualityResultsTests {
  /// A pass, a failure with metrics and labels, an error, and analyzers (one with a NaN metric,
  /// one that could not run); text with XML's special characters, a control character (BEL),
  /// a line break and non-ASCII.
  static let report = QualityReport(
    ruleset: "orders", dataSource: "data/orders & returns.csv", rows: 3,
    rules: [
      RuleOutcome(name: "Rule_1", description: #"IsComplete "id""#, result: .pass, metrics: ["Column.id.Completeness": 1]),
      RuleOutcome(
        name: "Rule_2", description: #"ColumnValues "note" != "<a & 'b'>""#, result: .fail,
        message: "Value: 0.5 does not meet the constraint requirement!\u{7} café",
        metrics: ["Column.note.ColumnValues.Compliance": 0.5], labels: ["team": "données", "severity": "high"]),
      RuleOutcome(
        name: "Rule_3", description: #"ColumnExists "missing""#, result: .error, message: "Column \"missing\" does not exist\nin the data"),
    ],
    analyzers: [
      AnalyzerOutcome(
        name: "Analyzer_1", description: #"ColumnLength "name""#, metrics: ["Column.name.MaximumLength": 13, "Column.name.MinimumLength": 4]),
      AnalyzerOutcome(name: "Analyzer_2", description: #"StandardDeviation "score""#, metrics: ["Column.score.StandardDeviation": .nan]),
      AnalyzerOutcome(name: "Analyzer_3", description: #"Completeness "gone""#, message: #"Column "gone" does not exist"#),
    ],
    startedOn: Date(timeIntervalSince1970: 1_714_564_800.25), completedOn: Date(timeIntervalSince1970: 1_714_564_802.75))

  static var resultId: String { GlueResultDocument.resultId(report) }

  // MARK: Glue result document

  @Test func glueDocumentHasGluesFieldsAndWireFormat() throws {
    let json = String(decoding: try GlueResultDocument.data(Self.report), as: UTF8.self)
    // BEL is outside Glue's string pattern and becomes U+FFFD; the line break is allowed in a
    // message. Counts are doubles in Glue's model; the NaN metric is the protocol's "NaN".
    #expect(
      json == #"""
        {
          "AggregatedMetrics" : {
            "TotalRowsProcessed" : 3,
            "TotalRulesFailed" : 2,
            "TotalRulesPassed" : 1,
            "TotalRulesProcessed" : 3
          },
          "AnalyzerResults" : [
            {
              "Description" : "ColumnLength \"name\"",
              "EvaluatedMetrics" : {
                "Column.name.MaximumLength" : 13,
                "Column.name.MinimumLength" : 4
              },
              "Name" : "Analyzer_1"
            },
            {
              "Description" : "StandardDeviation \"score\"",
              "EvaluatedMetrics" : {
                "Column.score.StandardDeviation" : "NaN"
              },
              "Name" : "Analyzer_2"
            },
            {
              "Description" : "Completeness \"gone\"",
              "EvaluatedMetrics" : {},
              "EvaluationMessage" : "Column \"gone\" does not exist",
              "Name" : "Analyzer_3"
            }
          ],
          "CompletedOn" : 1714564802.75,
          "EvaluationContext" : "data/orders & returns.csv",
          "ResultId" : "\#(Self.resultId)",
          "RuleResults" : [
            {
              "Description" : "IsComplete \"id\"",
              "EvaluatedMetrics" : {
                "Column.id.Completeness" : 1
              },
              "Name" : "Rule_1",
              "Result" : "PASS"
            },
            {
              "Description" : "ColumnValues \"note\" != \"<a & 'b'>\"",
              "EvaluatedMetrics" : {
                "Column.note.ColumnValues.Compliance" : 0.5
              },
              "EvaluationMessage" : "Value: 0.5 does not meet the constraint requirement!\#u{FFFD} café",
              "Labels" : {
                "severity" : "high",
                "team" : "données"
              },
              "Name" : "Rule_2",
              "Result" : "FAIL"
            },
            {
              "Description" : "ColumnExists \"missing\"",
              "EvaluatedMetrics" : {},
              "EvaluationMessage" : "Column \"missing\" does not exist\nin the data",
              "Name" : "Rule_3",
              "Result" : "ERROR"
            }
          ],
          "RulesetName" : "orders",
          "Score" : 0.3333333333333333,
          "StartedOn" : 1714564800.25
        }

        """#)
  }

  @Test func resultIdLooksLikeGluesAndFollowsTheContentNotTheClock() throws {
    let id = Self.resultId
    #expect(id.wholeMatch(of: /dqresult-[0-9a-f]{40}/) != nil)
    // Pinned: a change here changes every stored result's id, so it must be deliberate.
    #expect(id == "dqresult-51c0aadd3a35b9ff260e138adfbc1c527218344e")
    var later = Self.report
    later.startedOn += 86_400
    later.completedOn += 86_400
    #expect(GlueResultDocument.resultId(later) == id)
    for change in [
      { (r: inout QualityReport) in r.rules[0].result = .fail }, { $0.rows = 4 }, { $0.dataSource = "other.csv" },
      { $0.ruleset = "returns" }, { $0.rules[1].metrics["Column.note.ColumnValues.Compliance"] = 0.25 },
      { $0.analyzers.removeLast() },
    ] {
      var changed = Self.report
      change(&changed)
      #expect(GlueResultDocument.resultId(changed) != id)
    }
  }

  @Test func renderingsAreByteDeterministic() throws {
    // The same content built in another order, so dictionaries may iterate differently.
    var shuffled = Self.report
    shuffled.rules[1].labels = Dictionary(uniqueKeysWithValues: Self.report.rules[1].labels.sorted { $0.key > $1.key })
    shuffled.rules[1].labels.reserveCapacity(64)
    shuffled.analyzers[0].metrics = Dictionary(
      uniqueKeysWithValues: Self.report.analyzers[0].metrics.sorted { $0.key > $1.key })
    shuffled.analyzers[0].metrics.reserveCapacity(64)
    #expect(try GlueResultDocument.data(shuffled) == GlueResultDocument.data(Self.report))
    #expect(JUnitReport.data(shuffled) == JUnitReport.data(Self.report))
    #expect(QualitySummary.render(shuffled) == QualitySummary.render(Self.report))
  }

  /// botocore's Glue model is the oracle: every key a member of its shape, every value of its
  /// type, bounds and pattern, and its own JSON parser reads the document as a response.
  @Test func glueDocumentMatchesBotocoresModel() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("glue-result-\(UUID().uuidString).json")
    try GlueResultDocument.data(Self.report).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    guard let answer = try OraclePython.json([OraclePython.script("oracle_glue_result.py"), file.path]) else { return }
    let oracle = try #require(answer as? [String: Any])
    #expect(oracle["problems"] as? [String] == [])
    let parsed = try #require(oracle["parsed"] as? [String: Any])
    #expect(parsed["StartedOn"] as? String == "2024-05-01T12:00:00.250000+00:00")
    #expect(parsed["CompletedOn"] as? String == "2024-05-01T12:00:02.750000+00:00")
    #expect(parsed["RuleResults"] as? Int == 3)
    #expect(parsed["AnalyzerResults"] as? Int == 3)
  }

  // MARK: JUnit XML

  @Test func junitHasOneTestCasePerRule() {
    let xml = String(decoding: JUnitReport.data(Self.report), as: UTF8.self)
    #expect(
      xml == #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="orders" tests="3" failures="1" errors="1" time="2.500">
          <testsuite name="orders" tests="3" failures="1" errors="1" skipped="0" time="2.500" timestamp="2024-05-01T12:00:00">
            <properties>
              <property name="data_source" value="data/orders &amp; returns.csv"/>
              <property name="rows" value="3"/>
              <property name="score" value="0.3333333333333333"/>
              <property name="glue_result_id" value="\#(Self.resultId)"/>
            </properties>
            <testcase name="IsComplete &quot;id&quot;" classname="orders" time="0">
              <system-out>Rule_1: IsComplete "id"
          Column.id.Completeness = 1</system-out>
            </testcase>
            <testcase name="ColumnValues &quot;note&quot; != &quot;&lt;a &amp; 'b'&gt;&quot;" classname="orders" time="0">
              <failure message="Value: 0.5 does not meet the constraint requirement!\#u{FFFD} café" type="FAIL">Rule_2: ColumnValues "note" != "&lt;a &amp; 'b'&gt;"
        Value: 0.5 does not meet the constraint requirement!\#u{FFFD} café</failure>
              <system-out>Rule_2: ColumnValues "note" != "&lt;a &amp; 'b'&gt;"
          Column.note.ColumnValues.Compliance = 0.5
          label severity = high
          label team = données</system-out>
            </testcase>
            <testcase name="ColumnExists &quot;missing&quot;" classname="orders" time="0">
              <error message="Column &quot;missing&quot; does not exist&#10;in the data" type="ERROR">Rule_3: ColumnExists "missing"
        Column "missing" does not exist
        in the data</error>
              <system-out>Rule_3: ColumnExists "missing"</system-out>
            </testcase>
            <system-out>Analyzer_1: ColumnLength "name"
          Column.name.MaximumLength = 13
          Column.name.MinimumLength = 4
        Analyzer_2: StandardDeviation "score"
          Column.score.StandardDeviation = NaN
        Analyzer_3: Completeness "gone"
          Column "gone" does not exist</system-out>
          </testsuite>
        </testsuites>

        """#)
  }

  @Test func escapingCoversMarkupQuotesLineBreaksAndCharactersXMLCannotCarry() {
    let text = "a<b>&\"'\t\n\r\u{1}\u{1B}[31m\u{FFFE}é😀]]>"
    #expect(JUnitReport.escaped(text) == "a&lt;b&gt;&amp;\"'\t\n&#13;\u{FFFD}\u{FFFD}[31m\u{FFFD}é😀]]&gt;")
    #expect(
      JUnitReport.escaped(text, inAttribute: true) == "a&lt;b&gt;&amp;&quot;'&#9;&#10;&#13;\u{FFFD}\u{FFFD}[31m\u{FFFD}é😀]]&gt;")
  }

  @Test func junitValidatesAgainstTheCommonSchema() throws {
    let schema = try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("junit/junit.xsd"))
    #expect(XMLSchemaValidation.problems(document: JUnitReport.data(Self.report), schema: schema) == [])
    let empty = QualityReport(ruleset: "empty", dataSource: "empty.csv", rows: 0, rules: [], startedOn: .init(), completedOn: .init())
    #expect(XMLSchemaValidation.problems(document: JUnitReport.data(empty), schema: schema) == [])
    // The schema has teeth: properties inside a test case (which Jenkins' schema forbids) and a
    // suite without its test count are refused.
    let xml = String(decoding: JUnitReport.data(Self.report), as: UTF8.self)
    let caseProperties = xml.replacingOccurrences(of: "classname=\"orders\" time=\"0\">", with: "classname=\"orders\" time=\"0\"><properties/>")
    #expect(!XMLSchemaValidation.problems(document: Data(caseProperties.utf8), schema: schema).isEmpty)
    let noCount = xml.replacingOccurrences(of: "<testsuite name=\"orders\" tests=\"3\"", with: "<testsuite name=\"orders\"")
    let problems = XMLSchemaValidation.problems(document: Data(noCount.utf8), schema: schema)
    #expect(problems.contains { $0.contains("tests") }, "\(problems)")
    #expect(!XMLSchemaValidation.problems(document: Data("<testsuites>".utf8), schema: schema).isEmpty)
  }

  @Test func junitReadsBackWithItsCountsAndText() throws {
    let read = try JUnitRead(JUnitReport.data(Self.report))
    #expect(read.attributes("testsuites").first?["tests"] == "3")
    let suite = try #require(read.attributes("testsuite").first)
    #expect([suite["tests"], suite["failures"], suite["errors"], suite["skipped"]] == ["3", "1", "1", "0"])
    #expect(read.attributes("testcase").map { $0["name"] } == Self.report.rules.map(\.description))
    #expect(read.attributes("failure").map { $0["message"] } == ["Value: 0.5 does not meet the constraint requirement!\u{FFFD} café"])
    #expect(read.attributes("error").map { $0["message"] } == ["Column \"missing\" does not exist\nin the data"])
    #expect(read.attributes("property").map { $0["value"] }.first == "data/orders & returns.csv")
  }

  // MARK: Terminal summary

  @Test func summaryShowsOneLinePerRule() {
    #expect(
      QualitySummary.render(Self.report) == """
        orders on data/orders & returns.csv: 3 rows, 3 rules
        score 0.33: 1 passed, 1 failed, 1 error

        result  rule                                message
        ------  ----------------------------------  ----------------------------------------------------------
        PASS    IsComplete "id"
        FAIL    ColumnValues "note" != "<a & 'b'>"  Value: 0.5 does not meet the constraint requirement!\u{FFFD} café
        ERROR   ColumnExists "missing"              Column "missing" does not exist in the data

        analyzer                   metric                          value
        -------------------------  ------------------------------  -----
        ColumnLength "name"        Column.name.MaximumLength          13
                                   Column.name.MinimumLength           4
        StandardDeviation "score"  Column.score.StandardDeviation    NaN
        Completeness "gone"        Column "gone" does not exist

        """)
  }

  @Test func summaryClipsLongRulesAndNeutralizesEscapes() {
    let long = "ColumnValues \"\u{1B}[2Jstatus\" in [" + (1 ... 30).map(String.init).joined(separator: ",") + "]"
    let report = QualityReport(
      ruleset: "r", dataSource: "d.csv", rows: 1, rules: [RuleOutcome(name: "Rule_1", description: long, result: .pass)],
      startedOn: .init(), completedOn: .init())
    let ruleLine = QualitySummary.render(report).split(separator: "\n").last.map(String.init)
    #expect(ruleLine == "PASS    ColumnValues \"\u{FFFD}[2Jstatus\" in [1,2,3,4,5,6,7,8,9,10,11,12,13…")
    #expect(QualitySummary.render(report).hasPrefix("r on d.csv: 1 row, 1 rule\nscore 1.00: 1 passed, 0 failed, 0 errors\n"))
  }
}

/// Element attributes of a JUnit document as Foundation's XML parser reads them.
private final class JUnitRead: NSObject, XMLParserDelegate {
  private var elements: [(name: String, attributes: [String: String])] = []

  init(_ data: Data) throws {
    super.init()
    let parser = XMLParser(data: data)
    parser.delegate = self
    guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
  }

  func attributes(_ element: String) -> [[String: String]] { elements.filter { $0.name == element }.map(\.attributes) }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes attributeDict: [String: String] = [:]
  ) {
    elements.append((elementName, attributeDict))
  }
}
