import Foundation
import Testing

@testable import OnboardKit

/// `Source.openCSV`: sniff what the caller did not set, then read with it.
@Suite struct SourceTests {
  @Test func germanDataIsSniffed() throws {
    let opened = try Source.openCSV(path: TestPaths.germanData.path)
    #expect(opened.sniffed!.delimiter == CSVSniffer.Setting(value: UInt8(ascii: " "), detected: true))
    #expect(opened.sniffed!.header == CSVSniffer.Setting(value: false, detected: true))
    #expect(opened.reader.schema.names == (1 ... 21).map { "column_\($0)" })
    let all = try ReadAll(opened.reader)
    #expect(all.rows.count == 1000)
    #expect(all.rows.first == ["A11", "6", "A34", "A43", "1169", "A65", "A75", "4", "A93", "A101", "4", "A121", "67", "A143", "A152", "2", "A173", "1", "A192", "A201", "1"])
    #expect(all.origins.last?.line == 1000)
  }

  @Test func decodedFileIsSniffed() throws {
    let opened = try Source.openCSV(path: TestPaths.decodedCSV.path, batchSize: 100)
    #expect(opened.sniffed!.delimiter.value == UInt8(ascii: ","))
    #expect(opened.sniffed!.header.value == true)
    #expect(opened.reader.schema.count == 21)
    #expect(opened.reader.schema.names.last == "creditability")
    let all = try ReadAll(opened.reader)
    #expect(all.batchSizes == Array(repeating: 100, count: 10))
    #expect(all.rejects.isEmpty)
  }

  @Test func emptyAndMissingFiles() throws {
    let folder = try TemporaryFolder()
    let empty = try folder.write("empty.csv", "").path
    #expect(throws: InputError.empty(path: empty)) { try Source.openCSV(path: empty) }
    #expect(throws: InputError.self) { try Source.openCSV(path: folder.file("missing.csv").path) }
  }
}
