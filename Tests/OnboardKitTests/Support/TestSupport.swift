import Foundation
import Testing

@testable import OnboardKit

/// Paths of the repository and the shared reference data, found from this file's location so that
/// no test names a path of one machine.
enum TestPaths {
  /// The package root: the first folder above this file that holds `Package.swift`.
  static let repo: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
      url = url.deletingLastPathComponent()
    }
    fatalError("no Package.swift above \(#filePath)")
  }()

  static let fixtures = repo.appendingPathComponent("Tests/OnboardKitTests/Fixtures")
  static let sharedGermanCredit = repo.appendingPathComponent("../shared/data/german-credit").standardized
  static let decodedCSV = sharedGermanCredit.appendingPathComponent("germancredit_uci_decoded.csv")
  static let germanData = repo.appendingPathComponent("samples/german-credit/german.data")
  static let germanCreditFolder = repo.appendingPathComponent("samples/german-credit")
  static let germanCreditRecipe = repo.appendingPathComponent("recipes/german-credit.yaml")
}

/// A fresh, empty temporary folder, removed when the value is released.
final class TemporaryFolder {
  let url: URL
  var path: String { url.path }

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("onboard-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  func file(_ name: String) -> URL { url.appendingPathComponent(name) }

  @discardableResult
  func write(_ name: String, _ text: String) throws -> URL {
    let target = file(name)
    try Data(text.utf8).write(to: target)
    return target
  }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator, so "random" test data is the
/// same on every run and every machine.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}

/// A small, independent RFC 4180 parser for checking outputs (so that the reader under test is not
/// also the judge). Returns rows of fields; an unquoted empty field is `nil`, a quoted one `""`.
enum SimpleCSV {
  static func parse(_ text: String, delimiter: Character = ",") -> [[String?]] {
    var rows: [[String?]] = []
    var row: [String?] = []
    var field = ""
    var quoted = false
    var inQuotes = false
    var fieldStarted = false
    var chars = Array(text)
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    var i = 0
    func endField() {
      row.append(field.isEmpty && !quoted ? nil : field)
      field = ""
      quoted = false
      fieldStarted = false
    }
    while i < chars.count {
      let c = chars[i]
      if inQuotes {
        if c == "\"" {
          if i + 1 < chars.count && chars[i + 1] == "\"" {
            field.append("\"")
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          field.append(c)
        }
      } else if c == "\"" && !fieldStarted {
        inQuotes = true
        quoted = true
        fieldStarted = true
      } else if c == delimiter {
        endField()
      } else if c == "\n" || c == "\r\n" || c == "\r" {
        endField()
        rows.append(row)
        row = []
      } else {
        field.append(c)
        fieldStarted = true
      }
      i += 1
    }
    if fieldStarted || !row.isEmpty { endField(); rows.append(row) }
    return rows
  }
}

/// Everything a reader produces, gathered: rows as text (nil for null), origins, rejects, batch sizes.
struct ReadAll {
  var schema: Schema
  var rows: [[String?]] = []
  var origins: [RowOrigin] = []
  var rejects: [RejectedRow] = []
  var batchSizes: [Int] = []

  init(_ reader: any BatchReader) throws {
    schema = reader.schema
    while let result = try reader.next() {
      let batch = result.batch
      #expect(batch.schema == schema)
      #expect(batch.columns.allSatisfy { $0.count == batch.rowCount })
      batchSizes.append(batch.rowCount)
      for row in 0 ..< batch.rowCount { rows.append(batch.columns.map { $0.formatted(row) }) }
      origins += batch.origins
      rejects += result.rejects
    }
    #expect(try reader.next() == nil, "a finished reader keeps returning nil")
  }
}

/// Relative difference, with an absolute floor for values near zero.
func relativeError(_ a: Double, _ b: Double) -> Double {
  if a == b { return 0 }
  return abs(a - b) / max(abs(a), abs(b), 1e-300)
}
