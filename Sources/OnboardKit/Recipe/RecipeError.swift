/// Where in a recipe file something is.
public struct RecipeLocation: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }
}

/// A step as errors name it: its 1-based position and its kind, e.g. "step 2 (map_values)".
public struct StepReference: Sendable, Equatable, Codable, CustomStringConvertible {
  public var index: Int
  public var kind: String

  public var description: String { "step \(index) (\(kind))" }
}

/// A mistake in a recipe, found before any row is read.
///
/// Every error says what is wrong, where (file, line, column; the step and column name when there
/// is one) and how to fix it. `code` is stable, for tests and tools.
public struct RecipeError: Error, Equatable, CustomStringConvertible {
  public var code: String
  public var message: String
  public var location: RecipeLocation
  public var step: StepReference?
  public var column: String?
  /// How to fix it, e.g. "did you mean 'purpose'?".
  public var fix: String?

  public init(
    _ code: String, _ message: String, at location: RecipeLocation, step: StepReference? = nil,
    column: String? = nil, fix: String? = nil
  ) {
    self.code = code
    self.message = message
    self.location = location
    self.step = step
    self.column = column
    self.fix = fix
  }

  public var description: String {
    var text = "\(location): "
    if let step { text += "\(step): " }
    text += message
    if let fix { text += "\n  fix: \(fix)" }
    return text
  }

  /// "unknown column 'purpse'" with the nearest name as the fix.
  static func unknownColumn(
    _ name: String, among names: [String], at location: RecipeLocation, step: StepReference?
  ) -> RecipeError {
    let fix = Suggestion.nearest(to: name, in: names).map { "did you mean '\($0)'?" }
      ?? "the columns here are: \(names.joined(separator: ", "))"
    return RecipeError(
      "unknown-column", "unknown column '\(name)'", at: location, step: step, column: name, fix: fix)
  }
}

/// "Did you mean" by edit distance.
enum Suggestion {
  static func nearest(to word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, word.count / 3) ? best.0 : nil
  }

  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    var previous = Array(0 ... b.count)
    for i in 1 ... max(a.count, 1) where !a.isEmpty {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1 ... max(b.count, 1) where !b.isEmpty {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
  }
}
