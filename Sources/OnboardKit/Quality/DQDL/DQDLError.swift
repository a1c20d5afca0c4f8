/// A mistake in a DQDL document: what is wrong, where (file, line, column), what was expected and
/// how to fix it. `code` is stable, for tests and tools.
public struct DQDLError: Error, Equatable, CustomStringConvertible {
  public var code: String
  public var message: String
  public var location: RecipeLocation
  public var fix: String?

  public init(_ code: String, _ message: String, at location: RecipeLocation, fix: String? = nil) {
    self.code = code
    self.message = message
    self.location = location
    self.fix = fix
  }

  public var description: String {
    "\(location): error: \(message) [\(code)]" + (fix.map { "\n  fix: \($0)" } ?? "")
  }
}
