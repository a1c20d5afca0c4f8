import Foundation
import Testing

@testable import OnboardKit

/// The `onboard` executable as a user runs it: output, exit codes and help.
///
/// The binary is built next to the test bundle (`swift build --build-tests` builds every product
/// into one folder). swift-argument-parser's own test helpers find executables the same way: the
/// bundle's folder, or its parent when the bundle is an `.xctest` directory.
@Suite(.serialized) struct CLITests {
  static let executable: URL? = {
    var folders = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
    if let running = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      folders.append(URL(fileURLWithPath: running).deletingLastPathComponent())
    }
    if let first = CommandLine.arguments.first {
      folders.append(URL(fileURLWithPath: first).deletingLastPathComponent())
    }
    for folder in folders {
      let folder = folder.lastPathComponent.hasSuffix(".xctest") ? folder.deletingLastPathComponent() : folder
      let candidate = folder.appendingPathComponent("onboard")
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue,
        FileManager.default.isExecutableFile(atPath: candidate.path)
      {
        return candidate
      }
    }
    return nil
  }()

  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func onboard(_ arguments: [String]) throws -> Output {
    let binary = try #require(executable, "the onboard executable is not next to the test bundle; build with --build-tests")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = TestPaths.repo
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
  }

  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func inferGermanData() throws {
    let r = try Self.onboard(["infer", "samples/german-credit/german.data", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let report = try Self.json(r.stdout)
    #expect(report["rows"] as? Int == 1000)
    #expect(report["rejected_rows"] as? Int == 0)
    #expect(((report["dialect"] as? [String: Any])?["delimiter"] as? [String: String]) == ["value": "space", "source": "detected"])
    #expect(((report["dialect"] as? [String: Any])?["header"] as? [String: String]) == ["value": "no", "source": "detected"])
    let columns = try #require(report["columns"] as? [[String: Any]])
    #expect(columns.count == 21)
    #expect(columns.map { $0["name"] as? String } == (1 ... 21).map { "column_\($0)" })
    #expect(columns[4]["type"] as? String == "int")
    #expect(columns[0]["type"] as? String == "string")
    #expect(columns[4]["nullable"] as? Bool == false)
  }

  @Test func inferWithSettingsGiven() throws {
    let r = try Self.onboard(["infer", "samples/german-credit/german.data", "--json", "--delimiter", "space", "--no-header", "--threads", "1"])
    #expect(r.status == 0, "\(r.stderr)")
    let report = try Self.json(r.stdout)
    #expect(((report["dialect"] as? [String: Any])?["delimiter"] as? [String: String]) == ["value": "space", "source": "set"])
    #expect(((report["dialect"] as? [String: Any])?["header"] as? [String: String]) == ["value": "no", "source": "set"])
  }

  @Test func inferTable() throws {
    let r = try Self.onboard(["infer", "samples/german-credit/german.data"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("1000 rows, 21 columns"))
    #expect(r.stdout.contains("delimiter space (detected)"))
    #expect(r.stdout.contains("header no (detected)"))
    #expect(r.stdout.contains("line_ending lf (detected)"))
  }

  @Test func profileDecodedCSV() throws {
    let r = try Self.onboard(["profile", TestPaths.decodedCSV.path, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let report = try Self.json(r.stdout)
    #expect(report["rows"] as? Int == 1000)
    let columns = try #require(report["columns"] as? [[String: Any]])
    let amount = try #require(columns.first { $0["name"] as? String == "credit_amount" })
    #expect(amount["minimum"] as? Int == 250)
    #expect(amount["maximum"] as? Int == 18_424)
    #expect(amount["inferred_type"] as? String == "int")
  }

  @Test func profileHidesSensitiveColumnsAndWritesAFile() throws {
    let folder = try TemporaryFolder()
    let target = folder.file("profile.json").path
    let r = try Self.onboard(["profile", TestPaths.decodedCSV.path, "-o", target, "--sensitive", "age_in_years", "foreign_worker"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.isEmpty, "with -o and no --json nothing is printed")
    let report = try Self.json(try String(contentsOfFile: target, encoding: .utf8))
    let columns = try #require(report["columns"] as? [[String: Any]])
    for name in ["age_in_years", "foreign_worker"] {
      let c = try #require(columns.first { $0["name"] as? String == name })
      #expect(c["sensitive"] as? Bool == true)
      #expect(c["minimum"] == nil && c["maximum"] == nil && c["top_values"] == nil, "\(name)")
    }
  }

  @Test func runTheReferenceRecipe() throws {
    let folder = try TemporaryFolder()
    let r = try Self.onboard(["run", "recipes/german-credit.yaml", "-o", folder.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("german-credit: 1000 rows read, 1000 written, 0 quarantined"))
    #expect(r.stderr.isEmpty)
    #expect(FileManager.default.fileExists(atPath: folder.file("german-credit.csv").path))
    #expect(FileManager.default.fileExists(atPath: folder.file("manifest.json").path))
    let quiet = try Self.onboard(["run", "recipes/german-credit.yaml", "--output", folder.path, "--quiet"])
    #expect(quiet.status == 0)
    #expect(quiet.stdout.isEmpty)
  }

  @Test func badRecipeExitsWithTwo() throws {
    let folder = try TemporaryFolder()
    try folder.write("data.csv", "a,b\n1,2\n")
    let recipe = try folder.write("bad.yaml", """
      product: {name: t}
      source: {path: data.csv}
      steps:
        - rename: {a: x}
        - renam: {x: y}
      target: {path: out}

      """).path
    let r = try Self.onboard(["run", recipe])
    #expect(r.status == 2)
    #expect(r.stderr.hasPrefix("error: "))
    #expect(r.stderr.contains("bad.yaml:5:"))
    #expect(r.stderr.contains("step 2 (renam)"))
    #expect(r.stderr.contains("did you mean 'rename'"))
    #expect(r.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: folder.file("out").path))
  }

  @Test func missingInputExitsWithTwo() throws {
    let r = try Self.onboard(["profile", "no/such/file.csv"])
    #expect(r.status == 2)
    #expect(r.stderr.hasPrefix("error: cannot open no/such/file.csv"))
  }

  @Test func unknownOptionIsAUsageError() throws {
    let r = try Self.onboard(["infer", "samples/german-credit/german.data", "--jsn"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("--jsn"))
  }

  static let options: [(String, [String])] = [
    ("run", ["<recipe>", "-o", "--output", "-q", "--quiet"]),
    ("check", ["<file>", "--rules", "--junit", "--json", "--quarantine", "--threads", "--bias-label", "--facet"]),
    ("infer", ["<file>", "--delimiter", "--quote", "--header", "--no-header", "--columns", "--json", "--threads"]),
    ("profile", ["<file>", "--delimiter", "--quote", "--header", "--no-header", "--columns", "--json", "-o", "--output", "--sensitive", "--threads"]),
  ]

  @Test(arguments: options) func subcommandHelp(_ subcommand: String, _ expected: [String]) throws {
    let r = try Self.onboard([subcommand, "--help"])
    #expect(r.status == 0)
    for option in expected + ["-h, --help"] {
      #expect(r.stdout.contains(option), "\(subcommand) --help does not mention \(option)")
    }
  }

  @Test func topLevelHelpAndVersion() throws {
    let help = try Self.onboard(["--help"])
    #expect(help.status == 0)
    for subcommand in ["run", "infer", "profile"] {
      #expect(help.stdout.contains("  \(subcommand) "), "--help does not list \(subcommand)")
    }
    #expect(help.stdout.contains("Exit codes"))
    let version = try Self.onboard(["--version"])
    #expect(version.status == 0)
    #expect(version.stdout.hasPrefix(OnboardVersion.number))
  }
}
