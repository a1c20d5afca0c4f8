/// Removes kinds of characters from a column in place, by flags:
/// `remove_combined: {source_column: name, remove_all_quotes: true, collapse_consecutive_whitespace: true}`.
///
/// The flags run in a fixed order, whatever order they are written in: first `custom_value` is
/// removed wherever it occurs, then every character of a removed kind, then runs of whitespace
/// become one space, then the ends are trimmed (of whitespace, punctuation and quotes together, so
/// ` "hi" ` loses both). DataBrew does not document an order; this one makes each flag see the
/// text as the earlier ones left it. A value can become empty (never null); nulls stay null.
///
/// The kinds: whitespace is Unicode White_Space (space, tab, newline, no-break space, ...);
/// punctuation is `. ! , ?` (DataBrew's list); quotes are `"` `'` `‘` `’` `“` `”`; special
/// characters are the 32 ASCII symbols `` !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~ `` (DataBrew's list);
/// letters are Unicode letters; numbers are decimal digits. The values work on Unicode scalars
/// decoded from the bytes, with ASCII answered without property lookups.
public struct RemoveCombined: Step {
  public static let kind = "remove_combined"
  public static let summary = "Remove whitespace, punctuation, quotes, letters, digits or custom text from a text column, by flags."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column to clean"),
    (name: "collapse_consecutive_whitespace", doc: "true: each run of whitespace becomes one space"),
    (name: "remove_all_punctuation", doc: "true: remove `. ! , ?`"),
    (name: "remove_all_quotes", doc: "true: remove `\"` `'` `‘` `’` `“` `”`"),
    (name: "remove_all_whitespace", doc: "true: remove all whitespace"),
    (name: "remove_leading_and_trailing_whitespace", doc: "true: trim whitespace at both ends"),
    (name: "remove_leading_and_trailing_punctuation", doc: "true: trim punctuation at both ends"),
    (name: "remove_leading_and_trailing_quotes", doc: "true: trim quotes at both ends"),
    (name: "remove_letters", doc: "true: remove letters (any script)"),
    (name: "remove_numbers", doc: "true: remove decimal digits"),
    (name: "remove_special_characters", doc: "true: remove the ASCII symbols ``!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~``"),
    (name: "remove_custom_characters", doc: "true: remove each character of `custom_characters`"),
    (name: "custom_characters", doc: "the characters to remove, written together (`#*`)"),
    (name: "remove_custom_value", doc: "true: remove every occurrence of `custom_value`"),
    (name: "custom_value", doc: "the text to remove"),
  ]
  public static let databrewOperation: String? = "REMOVE_COMBINED"

  static let flagNames = [
    "collapse_consecutive_whitespace", "remove_all_punctuation", "remove_all_quotes", "remove_all_whitespace",
    "remove_leading_and_trailing_whitespace", "remove_leading_and_trailing_punctuation",
    "remove_leading_and_trailing_quotes", "remove_letters", "remove_numbers", "remove_special_characters",
    "remove_custom_characters", "remove_custom_value",
  ]

  /// Kinds of characters, for what to remove everywhere and what to trim at the ends.
  struct Kinds: OptionSet, Sendable {
    let rawValue: Int
    static let whitespace = Kinds(rawValue: 1)
    static let punctuation = Kinds(rawValue: 2)
    static let quotes = Kinds(rawValue: 4)
    static let letters = Kinds(rawValue: 8)
    static let numbers = Kinds(rawValue: 16)
    static let special = Kinds(rawValue: 32)
  }

  private var source: ColumnParameter
  private var removed: Kinds = []
  private var trimmed: Kinds = []
  private var collapse = false
  private var customCharacters: Set<Unicode.Scalar> = []
  private var customValue: [UInt8] = []
  private var index = 0

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column"] + Self.flagNames + ["custom_characters", "custom_value"], required: ["source_column"],
      step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    // `bool()` reads YAML booleans and DataBrew's "true"/"false" strings alike.
    var set = Set<String>()
    for name in Self.flagNames where try f[name]?.bool() == true { set.insert(name) }
    guard !set.isEmpty else {
      throw context.error(
        "missing-parameter", "remove_combined has no flag set to true, so it would change nothing",
        fix: "set one of \(Self.flagNames.joined(separator: ", ")) to true")
    }
    collapse = set.contains("collapse_consecutive_whitespace")
    let everywhere: [(String, Kinds)] = [
      ("remove_all_whitespace", .whitespace), ("remove_all_punctuation", .punctuation), ("remove_all_quotes", .quotes),
      ("remove_letters", .letters), ("remove_numbers", .numbers), ("remove_special_characters", .special),
    ]
    for (name, kind) in everywhere where set.contains(name) { removed.insert(kind) }
    let ends: [(String, Kinds)] = [
      ("remove_leading_and_trailing_whitespace", .whitespace), ("remove_leading_and_trailing_punctuation", .punctuation),
      ("remove_leading_and_trailing_quotes", .quotes),
    ]
    for (name, kind) in ends where set.contains(name) { trimmed.insert(kind) }
    if set.contains("remove_custom_characters") {
      customCharacters = Set(try f.required("custom_characters", step: context.reference).string().unicodeScalars)
    }
    if set.contains("remove_custom_value") {
      let node = try f.required("custom_value", step: context.reference)
      customValue = Array(try node.string().utf8)
      guard !customValue.isEmpty else { throw context.error("invalid-parameter", "custom_value is empty", at: node.location) }
    }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    return input
  }

  static func kinds(of s: Unicode.Scalar) -> Kinds {
    if s.isASCII {
      let b = UInt8(s.value)
      if TextBytes.isWhitespace(b) { return .whitespace }
      if TextBytes.isLetter(b) { return .letters }
      if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") { return .numbers }
      guard b > 0x20 && b < 0x7F else { return [] }  // control characters
      var kinds: Kinds = .special  // every other printable ASCII character is a symbol
      if s == "." || s == "!" || s == "," || s == "?" { kinds.insert(.punctuation) }
      if s == "\"" || s == "'" { kinds.insert(.quotes) }
      return kinds
    }
    if s.properties.isWhitespace { return .whitespace }
    if s.properties.isAlphabetic { return .letters }
    if s.properties.generalCategory == .decimalNumber { return .numbers }
    if s == "\u{2018}" || s == "\u{2019}" || s == "\u{201C}" || s == "\u{201D}" { return .quotes }
    return []
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    var withoutValue: [UInt8] = []
    var scalars: [Unicode.Scalar] = []
    let onlyEnds = customValue.isEmpty && removed.isEmpty && customCharacters.isEmpty && !collapse
    return batch.replacingText(at: index) { value, out in
      if onlyEnds {
        // Only the ends can change: find them on the bytes and copy the middle as it is.
        let kept = TextBytes.trimmed(value) { !Self.kinds(of: $0).isDisjoint(with: trimmed) }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: value[kept]))
        return true
      }
      scalars.removeAll(keepingCapacity: true)
      if customValue.isEmpty {
        TextBytes.decode(value, into: &scalars)
      } else {
        withoutValue.removeAll(keepingCapacity: true)
        TextBytes.replaceAll(in: value, customValue, with: [], into: &withoutValue)
        withoutValue.withUnsafeBufferPointer { TextBytes.decode($0, into: &scalars) }
      }
      if !removed.isEmpty || !customCharacters.isEmpty {
        scalars.removeAll { !Self.kinds(of: $0).isDisjoint(with: removed) || customCharacters.contains($0) }
      }
      if collapse {
        var kept = 0
        var inRun = false
        for s in scalars {
          if TextBytes.isWhitespace(s) {
            if !inRun { scalars[kept] = " "; kept += 1 }
            inRun = true
          } else {
            scalars[kept] = s
            kept += 1
            inRun = false
          }
        }
        scalars.removeLast(scalars.count - kept)
      }
      var start = 0
      var end = scalars.count
      if !trimmed.isEmpty {
        while start < end && !Self.kinds(of: scalars[start]).isDisjoint(with: trimmed) { start += 1 }
        while end > start && !Self.kinds(of: scalars[end - 1]).isDisjoint(with: trimmed) { end -= 1 }
      }
      TextBytes.encode(scalars[start ..< end], into: &out)
      return true
    }
  }

  public static let examples = [
    StepExample(
      "Tidy names: trim, unquote, collapse spaces", yaml: """
        remove_combined: {source_column: name, remove_leading_and_trailing_whitespace: true, \
        remove_leading_and_trailing_quotes: true, collapse_consecutive_whitespace: true}
        """,
      input: ExampleTable(["name"], [[" \"Ada   Lovelace\" "], ["Grace\t Hopper"], [nil]]),
      output: ExampleTable(["name"], [["Ada Lovelace"], ["Grace Hopper"], [nil]])),
    StepExample(
      "Digits only, with DataBrew's string flags", yaml: "remove_combined: {source_column: phone, remove_letters: 'true', remove_special_characters: 'true', remove_all_whitespace: 'true'}",
      input: ExampleTable(["phone"], [["tel. +49 (30) 123-45"], ["n/a"]]),
      output: ExampleTable(["phone"], [["493012345"], [""]])),
    StepExample(
      "Custom characters and a custom value", yaml: "remove_combined: {source_column: amount, remove_custom_characters: true, custom_characters: '€$', remove_custom_value: true, custom_value: ' EUR', remove_leading_and_trailing_whitespace: true}",
      input: ExampleTable(["amount"], [["1169 EUR"], ["€ 5951"], ["$12"]]),
      output: ExampleTable(["amount"], [["1169"], ["5951"], ["12"]])),
    StepExample(
      "No flag set means nothing to do", yaml: "remove_combined: {source_column: name, remove_letters: 'false'}",
      input: ExampleTable(["name"], [["Ada"]]), error: "missing-parameter"),
    StepExample(
      "A custom-characters flag needs the characters", yaml: "remove_combined: {source_column: name, remove_custom_characters: true}",
      input: ExampleTable(["name"], [["Ada"]]), error: "missing-parameter"),
  ]
}
