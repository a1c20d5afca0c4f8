import Foundation

/// A declared `pattern:` that a value must match as a whole, as DQDL's `matches` (Java's
/// `String.matches`) and DuckDB's `regexp_full_match` do: `[0-9]{3}` accepts `123` but not `1234`.
///
/// Syntax is ICU's through `NSRegularExpression`, as for the steps' `pattern:` (`RegexPattern`).
/// The pattern is compiled once, wrapped as `\A(?:pattern)\z` so that alternatives are tried
/// against the whole value (`a|ab` accepts `ab`).
///
/// - Complexity: the one costly domain check. Regular expressions work on Unicode text, so each
///   value becomes a `String` (and, inside Foundation, UTF-16) before matching: an allocation and
///   a copy per value, on the order of a microsecond, against nanoseconds for the other checks.
///   It runs last, only on values that passed every other check. A class, so that copying a
///   domain retains one reference for its pattern.
final class DomainPattern: @unchecked Sendable, Equatable {
  // NSRegularExpression is immutable and documented safe to share between threads.
  private let expression: NSRegularExpression
  /// As written in the recipe.
  let source: String

  /// Compiles `source`; nil when it is not a valid regular expression.
  init?(_ source: String) {
    guard !source.isEmpty, (try? NSRegularExpression(pattern: source)) != nil,
      let whole = try? NSRegularExpression(pattern: "\\A(?:\(source))\\z")
    else { return nil }
    self.source = source
    expression = whole
  }

  /// Whether the whole value matches (bytes that are not UTF-8 read as U+FFFD).
  func matches(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
    let text = String(decoding: value, as: UTF8.self)
    return expression.firstMatch(in: text, options: [.anchored], range: NSRange(text.startIndex..., in: text)) != nil
  }

  static func == (a: DomainPattern, b: DomainPattern) -> Bool { a.source == b.source }
}
