import Foundation
import Testing

@testable import OnboardKit

/// The DQDL examples of the AWS Glue documentation and of `awslabs/dqdl`'s own tests parse; the
/// ones that break the public grammar do not. Provenance is in each file's header and in
/// `Fixtures/dqdl/README.md`.
@Suite struct DQDLPublicExamplesTests {
  static let folder = TestPaths.fixtures.appendingPathComponent("dqdl")

  static func files(_ subfolder: String) throws -> [String] {
    let path = folder.appendingPathComponent(subfolder).path
    return try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".dqdl") }.sorted().map { "\(path)/\($0)" }
  }

  static func rules(in document: DQDLDocument) -> Int { document.rules.count + document.analyzers.count }

  @Test(arguments: try files("aws"))
  func validExampleParses(_ path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let document = try DQDLParser.parse(text, file: (path as NSString).lastPathComponent)
    #expect(Self.rules(in: document) > 0)
  }

  @Test(arguments: try files("aws-invalid"))
  func invalidExampleIsRejected(_ path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(throws: DQDLError.self) { try DQDLParser.parse(text, file: (path as NSString).lastPathComponent) }
  }
}
