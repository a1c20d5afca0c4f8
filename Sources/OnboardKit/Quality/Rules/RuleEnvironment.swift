import Foundation

/// What rules may look at besides the rows: the files the data was read from (for the file
/// rules), the folder their own paths are relative to, and the second sources that
/// comparison rules name by alias (`ReferentialIntegrity "id" "customers.id"`).
public struct RuleEnvironment: Sendable {
  /// The files read, as found on disk.
  public var files: [String]
  /// Paths in rules (`FileSize "data/"`) are relative to this folder: the working folder for
  /// `onboard check`, the recipe's folder for `onboard run`.
  public var folder: String
  /// Second sources by alias: `--reference alias=path` or the recipe's `quality.references`.
  public var references: [String: Reference]

  public struct Reference: Sendable {
    public var path: String
    public var options: Source.Options

    public init(path: String, options: Source.Options = .init()) {
      self.path = path
      self.options = options
    }
  }

  public init(files: [String] = [], folder: String = FileManager.default.currentDirectoryPath, references: [String: Reference] = [:]) {
    self.files = files
    self.folder = folder
    self.references = references
  }

  /// A path of a rule, resolved against `folder`.
  public func resolve(_ path: String) -> String {
    path.hasPrefix("/") ? path : URL(fileURLWithPath: folder).appendingPathComponent(path).standardized.path
  }
}
