import Foundation

/// A regular expression parameter (`pattern:`), compiled once when the recipe is read, so a bad
/// pattern is a recipe error with a line number rather than a failure on the first row.
///
/// Syntax is ICU's, through Foundation's `NSRegularExpression`, close to Java's, which DataBrew's
/// Spark runtime uses. Matching needs a `String` per value: regular expressions work on Unicode
/// text, not bytes.
struct RegexPattern: @unchecked Sendable {
  // NSRegularExpression is immutable and documented safe to share between threads.
  let expression: NSRegularExpression
  let source: String

  init(_ node: RecipeNode, context: StepContext) throws {
    source = try node.string()
    guard !source.isEmpty else {
      throw context.error("invalid-pattern", "the pattern is empty", at: node.location, fix: "write the text to look for in `pattern:`")
    }
    do {
      expression = try NSRegularExpression(pattern: source)
    } catch {
      throw context.error(
        "invalid-pattern", "'\(source)' is not a valid regular expression", at: node.location,
        fix: "escape special characters such as ( [ . * + ? with a backslash to match them literally")
    }
  }

  /// The first match in `value`, or nil.
  func firstMatch(_ value: UnsafeBufferPointer<UInt8>) -> Substring? {
    let text = String(decoding: value, as: UTF8.self)
    guard let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
      let range = Range(match.range, in: text)
    else { return nil }
    return text[range]
  }

  /// `value` with every match replaced by `template` (`$1` is the first group; `\$` a dollar sign).
  func replacingAll(_ value: UnsafeBufferPointer<UInt8>, with template: String) -> String {
    let text = String(decoding: value, as: UTF8.self)
    return expression.stringByReplacingMatches(
      in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
  }
}
