import Foundation
import Testing

/// The Python that runs the test oracles (DuckDB, pandas, hashlib), from `ONBOARD_ORACLE_PYTHON`,
/// which `scripts/test.sh` sets after `scripts/setup-oracles.sh` has made the virtual environment.
enum OraclePython {
  static let path = ProcessInfo.processInfo.environment["ONBOARD_ORACLE_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }

  /// The script under `scripts/`, as an argument.
  static func script(_ name: String) -> String { TestPaths.repo.appendingPathComponent("scripts/\(name)").path }

  /// Runs the oracle with `arguments` and returns what it printed, parsed as JSON; nil, with an
  /// issue recorded, when no oracle is configured. A failing oracle fails the test with its stderr.
  static func json(_ arguments: [String], environment: [String: String] = [:]) throws -> Any? {
    guard let path else {
      Issue.record("the Python oracle is missing: set ONBOARD_ORACLE_PYTHON (scripts/test.sh does, after scripts/setup-oracles.sh)")
      return nil
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    // stderr goes to a file, so a chatty oracle cannot fill a pipe while stdout is being read.
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-\(UUID().uuidString).err")
    try #require(FileManager.default.createFile(atPath: errorFile.path, contents: nil))
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errorText = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
    try #require(process.terminationStatus == 0, "oracle failed: \(errorText)")
    return try JSONSerialization.jsonObject(with: data)
  }
}
