import Foundation
import Testing

@testable import OnboardKit

/// Each fixture file, opened the way a user would (`Source.openCSV`: sniffed unless overridden),
/// with what it must read as.
struct FixtureTests {
  struct Expectation: Sendable, CustomStringConvertible {
    var file: String
    var delimiter: Character
    var header: Bool
    var columns: [String]
    var rows: [[String?]]
    /// Line numbers of quarantined records.
    var rejectedLines: [Int] = []
    var description: String { file }
  }

  static let expectations: [Expectation] = [
    Expectation(
      file: "crlf-quoted-newline.csv", delimiter: ",", header: true, columns: ["id", "note"],
      rows: [["1", "line one\r\nline two"], ["2", "plain"]]),
    Expectation(
      file: "bom-semicolon.csv", delimiter: ";", header: true, columns: ["name", "amount"],
      rows: [["Anna", "12,5"], ["Ben", "7"]]),
    Expectation(
      file: "ragged-rows.csv", delimiter: ",", header: true, columns: ["a", "b", "c"],
      rows: [["1", "2", "3"], ["10", "11", "12"]], rejectedLines: [3, 4]),
    Expectation(
      file: "space-no-header.txt", delimiter: " ", header: false, columns: ["column_1", "column_2", "column_3"],
      rows: [["A11", "6", "A34"], ["A12", "48", "A32"]]),
    Expectation(
      file: "doubled-quotes-and-empty.csv", delimiter: ",", header: true, columns: ["x", "y"],
      rows: [["say \"hi\"", "2"], ["", nil]]),
  ]

  @Test(arguments: expectations)
  func fixtureReadsAsExpected(_ e: Expectation) throws {
    let path = TestPaths.fixtures.appendingPathComponent("csv/\(e.file)").path
    let opened = try Source.openCSV(path: path)
    #expect(opened.sniffed.delimiter.value == e.delimiter.asciiValue)
    #expect(opened.sniffed.header.value == e.header)
    let read = try ReadAll(opened.reader)
    #expect(read.schema.names == e.columns)
    #expect(read.rows == e.rows)
    #expect(read.rejects.map(\.line) == e.rejectedLines)
  }

  /// Every file in the folder has an expectation, so no fixture sits untested.
  @Test func everyFixtureHasAnExpectation() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.fixtures.appendingPathComponent("csv").path)
    #expect(Set(files) == Set(Self.expectations.map(\.file)))
  }
}
