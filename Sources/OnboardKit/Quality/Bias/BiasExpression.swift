import Foundation

/// The one-line spelling of a bias label or facet, as `onboard profile --bias-label/--facet` take it:
///
/// - `COLUMN=VALUE[,VALUE...]`: the listed values (a comma inside a value is written `\,`);
/// - `COLUMN>T`: above a threshold (Clarify's meaning of a threshold: facet d is `x > t`);
/// - `COLUMN<=T`: at or below it (a facet only: "age 25 and under" is `age_in_years<=25`).
///
/// The operator is the first `=`, `>` or `<=` in the text, so values may contain any of them
/// (`status=0 <= ... < 200 DM`).
public enum BiasExpression {
  public struct Invalid: Error, Equatable, CustomStringConvertible {
    public var expression: String
    public var problem: String
    public var fix: String
    public var description: String { "'\(expression)': \(problem)\n  fix: \(fix)" }
  }

  enum Operator { case equals, above, atOrBelow }

  /// A facet: values, or a threshold on either side.
  public static func facet(_ text: String) throws -> BiasFacet {
    let (column, op, rest) = try split(text, what: "facet")
    switch op {
    case .equals: return .values(column, try values(rest, text))
    case .above: return .threshold(column, try number(rest, text), side: .above)
    case .atOrBelow: return .threshold(column, try number(rest, text), side: .atOrBelow)
    }
  }

  /// A label: its positive values, or a threshold above which it is positive.
  public static func label(_ text: String) throws -> BiasLabel {
    let (column, op, rest) = try split(text, what: "label")
    switch op {
    case .equals: return .values(column, try values(rest, text))
    case .above: return BiasLabel(column: column, rule: .above(try number(rest, text)))
    case .atOrBelow:
      throw Invalid(
        expression: text, problem: "a label is positive above a threshold, not at or below it",
        fix: "write COLUMN>THRESHOLD, or list the positive values with COLUMN=VALUE")
    }
  }

  private static func split(_ text: String, what: String) throws -> (String, Operator, Substring) {
    let usage = "write COLUMN=VALUE[,VALUE], COLUMN>THRESHOLD" + (what == "facet" ? " or COLUMN<=THRESHOLD" : "")
    guard let i = text.firstIndex(where: { $0 == "=" || $0 == ">" || $0 == "<" }) else {
      throw Invalid(expression: text, problem: "no `=`, `>` or `<=` after the column name", fix: usage)
    }
    let column = text[..<i].trimmingCharacters(in: .whitespaces)
    guard !column.isEmpty else { throw Invalid(expression: text, problem: "no column name before the operator", fix: usage) }
    let after = text.index(after: i)
    switch text[i] {
    case "=": return (column, .equals, text[after...])
    case ">":
      if text[after...].hasPrefix("=") {
        throw Invalid(
          expression: text, problem: "`>=` is not a threshold Clarify knows",
          fix: "write COLUMN>THRESHOLD (facet d is x > t) or COLUMN<=THRESHOLD (x <= t); for whole numbers x >= 26 is x > 25")
      }
      return (column, .above, text[after...])
    default:
      guard text[after...].hasPrefix("=") else {
        throw Invalid(
          expression: text, problem: "`<` alone is not a threshold Clarify knows",
          fix: "write COLUMN<=THRESHOLD (facet d is x <= t); for whole numbers x < 26 is x <= 25")
      }
      return (column, .atOrBelow, text[text.index(after: after)...])
    }
  }

  /// Values split on commas; `\,` is a comma inside a value.
  private static func values(_ text: Substring, _ expression: String) throws -> Set<String> {
    var values: [String] = []
    var current = ""
    var escaped = false
    for c in text {
      if escaped {
        if c != "," { current.append("\\") }
        current.append(c)
        escaped = false
      } else if c == "\\" {
        escaped = true
      } else if c == "," {
        values.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    if escaped { current.append("\\") }
    values.append(current)
    guard !values.contains(where: \.isEmpty) else {
      throw Invalid(
        expression: expression, problem: "an empty value", fix: "list values separated by commas, e.g. COLUMN=yes or COLUMN=a,b")
    }
    return Set(values)
  }

  private static func number(_ text: Substring, _ expression: String) throws -> Double {
    guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
      throw Invalid(expression: expression, problem: "the threshold '\(text)' is not a number", fix: "write a number, e.g. age_in_years<=25")
    }
    return value
  }
}
