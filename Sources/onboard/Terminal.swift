import ArgumentParser
import Foundation
import OnboardKit

/// The CLI's edges: JSON encoding and turning errors into messages and exit codes.
enum Terminal {
  static func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// Runs `body`; a library error is printed as `error: <what, where, how to fix>` with exit code 2.
  static func reportingErrors(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let error as ExitCode {
      throw error
    } catch let error as any CustomStringConvertible & Error {
      FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
      throw ExitCode(2)
    }
  }
}
