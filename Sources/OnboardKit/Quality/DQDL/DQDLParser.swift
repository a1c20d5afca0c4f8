/// Parses a DQDL document after the public grammar (`awslabs/dqdl`,
/// `DataQualityDefinitionLanguage.g4`), with the checks its parser makes on top (parameter counts,
/// conditions that fit the rule's value, threshold and `where` only where allowed, label limits).
///
/// Precedence follows the grammar: `and` binds tighter than `or`; arithmetic is left to right.
/// `and` is also the word between a rule's parameters (`ColumnCorrelation "a" and "b"`) and
/// between `between`'s bounds; it joins two rules only when a rule (a rule type or a parenthesis)
/// follows it. Within a rule, the `where`, `with` and `labels` clauses may come in any order.
public struct DQDLParser {
  private let tokens: [DQDLToken]
  private let scalars: [Unicode.Scalar]
  private let file: String
  private var i = 0
  private var document = DQDLDocument()

  /// Labels per rule, `DefaultLabels` included, and their sizes (Glue's limits).
  static let maximumLabels = 10
  static let maximumLabelKey = 128
  static let maximumLabelValue = 256

  public static func parse(_ text: String, file: String = "rules") throws -> DQDLDocument {
    var parser = DQDLParser(tokens: try DQDLLexer.tokens(text, file: file), scalars: Array(text.unicodeScalars), file: file)
    return try parser.parseDocument()
  }

  private init(tokens: [DQDLToken], scalars: [Unicode.Scalar], file: String) {
    self.tokens = tokens
    self.scalars = scalars
    self.file = file
  }

  // MARK: Sections

  private enum Section: Int, Comparable {
    case metadata, dataSources, variables, defaultLabels, rules, analyzers
    static func < (a: Section, b: Section) -> Bool { a.rawValue < b.rawValue }
    var name: String {
      switch self {
      case .metadata: "Metadata"
      case .dataSources: "DataSources"
      case .variables: "variables"
      case .defaultLabels: "DefaultLabels"
      case .rules: "Rules"
      case .analyzers: "Analyzers"
      }
    }
  }

  private mutating func parseDocument() throws -> DQDLDocument {
    var last: Section?
    var sawRules = false
    var sawAnalyzers = false
    while peek.kind != .end {
      let start = peek
      guard case .word(let name) = start.kind, tokens[i + 1].kind == .symbol(.equal) else {
        throw expected("a section such as Rules = [ ... ]", fix: "a DQDL document is a list of sections: Rules = [ RowCount > 0 ]")
      }
      let section: Section =
        switch name {
        case "Metadata": .metadata
        case "DataSources": .dataSources
        case "DefaultLabels": .defaultLabels
        case "Rules": .rules
        case "Analyzers": .analyzers
        default: .variables
        }
      if let last, section < last || (section == last && section != .variables) {
        throw DQDLError(
          "section-order", section == last ? "a second \(name) section" : "\(section.name) must come before \(last.name)",
          at: location(start),
          fix: "sections go in this order, each at most once: Metadata, DataSources, variables, DefaultLabels, Rules, Analyzers")
      }
      last = section
      i += 2
      switch section {
      case .metadata: try parseMetadata()
      case .dataSources: try parseDataSources()
      case .variables: try parseVariable(name, at: start)
      case .defaultLabels: document.defaultLabels = try parseLabelList(at: start)
      case .rules:
        sawRules = true
        document.rules = try parseList { parser in try parser.parseOr() }
      case .analyzers:
        sawAnalyzers = true
        document.analyzers = try parseList { parser in try parser.parseRule(asAnalyzer: true) }
      }
    }
    guard sawRules || sawAnalyzers else {
      throw DQDLError(
        "no-rules", "the document has no Rules or Analyzers section", at: location(peek), fix: "add Rules = [ RowCount > 0 ]")
    }
    if document.rules.isEmpty && document.analyzers.isEmpty {
      throw DQDLError(
        "no-rules", "No rules or analyzers provided.", at: location(peek), fix: "write at least one rule: Rules = [ RowCount > 0 ]")
    }
    for node in document.rules { try checkLabelCount(node) }
    return document
  }

  /// `[ item, item, ... ]`, possibly empty; a comma after the last item is an error, as in Glue.
  private mutating func parseList<T>(_ item: (inout DQDLParser) throws -> T) throws -> [T] {
    try expect(.openBracket, "'[' to open the list")
    var items: [T] = []
    if take(.closeBracket) { return items }
    while true {
      items.append(try item(&self))
      if take(.closeBracket) { return items }
      guard take(.comma) else { throw expected("',' or ']'", fix: "separate the entries with commas and close the list with ]") }
      if peek.kind == .symbol(.closeBracket) {
        throw DQDLError(
          "trailing-comma", "a comma after the last entry", at: location(tokens[i - 1]), fix: "remove it: Glue rejects it too")
      }
    }
  }

  private mutating func parseMetadata() throws {
    try parseObject { parser, key, keyToken in
      guard key == "Version" else {
        throw DQDLError(
          "metadata-key", "Unsupported key provided in Metadata section: \"\(key)\"", at: parser.location(keyToken),
          fix: "Metadata holds only \"Version\", e.g. Metadata = { \"Version\": \"1.0\" }")
      }
      parser.document.version = try parser.string("the version, e.g. \"1.0\"")
    }
  }

  private mutating func parseDataSources() throws {
    try parseObject { parser, key, keyToken in
      switch key {
      case "Primary": parser.document.primarySource = try parser.string("the primary source's name")
      case "AdditionalDataSources":
        parser.document.additionalSources = try parser.parseList { p in try p.string("a source name") }
      default:
        throw DQDLError(
          "data-sources-key", "unsupported key \"\(key)\" in DataSources", at: parser.location(keyToken),
          fix: "DataSources holds \"Primary\" and \"AdditionalDataSources\"")
      }
    }
  }

  /// `{ "key": value, ... }`.
  private mutating func parseObject(_ entry: (inout DQDLParser, String, DQDLToken) throws -> Void) throws {
    try expect(.openBrace, "'{'")
    if take(.closeBrace) { return }
    while true {
      let keyToken = peek
      let key = try string("a quoted key")
      try expect(.colon, "':' after the key")
      try entry(&self, key, keyToken)
      if take(.closeBrace) { return }
      try expect(.comma, "',' or '}'")
    }
  }

  private mutating func parseVariable(_ name: String, at token: DQDLToken) throws {
    if name.hasPrefix(".") || name.hasPrefix("_") {
      throw DQDLError(
        "variable-name", "variable name '\(name)' starts with '\(name.first!)'", at: location(token),
        fix: "start the name with a letter or digit")
    }
    if document.variables[name] != nil {
      throw DQDLError("duplicate-variable", "variable '\(name)' is defined twice", at: location(token), fix: "keep one definition")
    }
    if peek.kind == .symbol(.openBracket) {
      document.variables[name] = .list(try parseList { p in try p.string("a quoted string (variables hold strings)") })
    } else if peek.kind == .symbol(.dollar) {
      throw DQDLError(
        "nested-variable", "a variable cannot be defined by another variable", at: location(peek), fix: "write the value itself")
    } else {
      document.variables[name] = .string(try string("a quoted string or a list of them"))
    }
  }

  // MARK: Labels

  private mutating func parseLabelList(at token: DQDLToken) throws -> [DQDLLabel] {
    let labels: [DQDLLabel] = try parseList { p in
      let keyToken = p.peek
      let key = try p.string("a label key in quotes")
      try p.expect(.equal, "'=' between a label's key and value")
      let value = try p.string("a label value in quotes")
      if key.isEmpty || value.isEmpty {
        throw DQDLError("label-empty", "a label's key and value must not be empty", at: p.location(keyToken), fix: "give both a value")
      }
      if key.count > Self.maximumLabelKey || value.count > Self.maximumLabelValue {
        throw DQDLError(
          "label-too-long", "a label key is at most \(Self.maximumLabelKey) characters, a value \(Self.maximumLabelValue)",
          at: p.location(keyToken), fix: "shorten the label")
      }
      return DQDLLabel(key, value)
    }
    if labels.isEmpty {
      throw DQDLError("labels-empty", "an empty list of labels", at: location(token), fix: "add a label, or remove the list")
    }
    var seen = Set<String>()
    for label in labels where !seen.insert(label.key).inserted {
      throw DQDLError("label-duplicate", "label '\(label.key)' is given twice", at: location(token), fix: "keep one of them")
    }
    return labels
  }

  private func checkLabelCount(_ node: DQDLRuleNode) throws {
    let keys = Set(document.defaultLabels.map(\.key)).union(node.labels.map(\.key))
    if keys.count > Self.maximumLabels {
      throw DQDLError(
        "too-many-labels", "\(keys.count) labels on one rule, counting DefaultLabels; at most \(Self.maximumLabels)",
        at: node.location, fix: "drop some labels")
    }
    if case .all(let children) = node.kind { for c in children { try checkLabelCount(c) } }
    if case .any(let children) = node.kind { for c in children { try checkLabelCount(c) } }
  }

  // MARK: Rules

  private mutating func parseOr() throws -> DQDLRuleNode {
    try parseJoined(by: ["or", "OR"], as: DQDLRuleNode.Kind.any) { p in try p.parseAnd() }
  }

  private mutating func parseAnd() throws -> DQDLRuleNode {
    try parseJoined(by: ["and", "AND"], as: DQDLRuleNode.Kind.all) { p in try p.parsePrimary() }
  }

  private mutating func parseJoined(
    by words: [String], as make: ([DQDLRuleNode]) -> DQDLRuleNode.Kind, _ operand: (inout DQDLParser) throws -> DQDLRuleNode
  ) throws -> DQDLRuleNode {
    let first = i
    var nodes = [try operand(&self)]
    while words.contains(where: { isWord(peek, $0) }) {
      i += 1
      nodes.append(try operand(&self))
    }
    if nodes.count == 1 { return nodes[0] }
    return DQDLRuleNode(kind: make(nodes), labels: [], text: text(first, i), location: location(tokens[first]))
  }

  private mutating func parsePrimary() throws -> DQDLRuleNode {
    let first = i
    if take(.openParen) {
      var node = try parseOr()
      try expect(.closeParen, "')' to close the parenthesis")
      node.text = text(first, i)
      node.location = location(tokens[first])
      if isWord(peek, "labels") {
        let labelsToken = peek
        i += 1
        try expect(.equal, "'=' after labels")
        node.labels = try mergeLabels(node.labels, try parseLabelList(at: labelsToken), at: labelsToken)
      }
      return node
    }
    var labels: [DQDLLabel] = []
    let rule = try parseRule(asAnalyzer: false, labels: &labels)
    return DQDLRuleNode(kind: .rule(rule), labels: labels, text: rule.text, location: rule.location)
  }

  private func mergeLabels(_ inner: [DQDLLabel], _ outer: [DQDLLabel], at token: DQDLToken) throws -> [DQDLLabel] {
    guard !inner.isEmpty else { return outer }
    throw DQDLError(
      "labels-twice", "labels are given both inside and outside the parentheses", at: location(token), fix: "give them once")
  }

  private mutating func parseRule(asAnalyzer: Bool) throws -> DQDLRule {
    var labels: [DQDLLabel] = []
    let rule = try parseRule(asAnalyzer: asAnalyzer, labels: &labels)
    if !labels.isEmpty {
      throw DQDLError("analyzer-labels", "an analyzer takes no labels", at: rule.location, fix: "remove the labels")
    }
    return rule
  }

  private mutating func parseRule(asAnalyzer: Bool, labels: inout [DQDLLabel]) throws -> DQDLRule {
    let first = i
    let start = peek
    guard case .word(let name) = start.kind else {
      throw expected("a rule, such as RowCount > 0 or IsComplete \"id\"", fix: "start each entry with a rule type")
    }
    guard let type = DQDLRuleType.all[name] else {
      let fix = Suggestion.nearest(to: name, in: Array(DQDLRuleType.all.keys)).map { "did you mean \($0)?" }
        ?? "the rule types are listed in docs/quality-rules.md"
      throw DQDLError("unknown-rule-type", "unknown rule type '\(name)'", at: location(start), fix: fix)
    }
    i += 1
    var parameters: [String] = []
    while let parameter = try parseParameter() { parameters.append(parameter) }
    guard type.accepts(parameters: parameters.count) else {
      throw DQDLError(
        "parameter-count", "\(name) takes \(type.parametersShown), found \(parameters.count)", at: location(start),
        fix: "column names go in double quotes, one per parameter: \(name) \"column\"")
    }
    if asAnalyzer && type.value == .boolean {
      throw DQDLError(
        "analyzer-boolean", "\(name) passes or fails and computes no metric, so it cannot be an analyzer", at: location(start),
        fix: "move it to Rules")
    }
    if !asAnalyzer && type.isAnalyzerOnly {
      throw DQDLError(
        "analyzer-only", "\(name) only computes statistics, so it belongs in Analyzers", at: location(start),
        fix: "move it to Analyzers = [ \(name) ... ]")
    }
    let value = type.value(parameters: parameters.count)
    var condition: DQDLCondition?
    if startsCondition(peek) {
      if asAnalyzer {
        throw DQDLError("analyzer-condition", "an analyzer takes no condition", at: location(peek), fix: "remove the condition")
      }
      if value == .boolean {
        throw DQDLError(
          "unexpected-condition", "\(name) passes or fails by itself and takes no condition", at: location(peek),
          fix: "remove the condition after \(name)")
      }
      condition = try parseCondition(for: value, rule: name)
    } else if !asAnalyzer && value != .boolean && value != .numberOrBoolean {
      throw expected("a condition after \(name), such as \(Self.conditionExample(value))", fix: "add the condition the rule must meet")
    }
    var whereClause: String?
    var threshold: DQDLCondition?
    var tags: [String: String] = [:]
    while case .word(let word) = peek.kind, ["where", "with", "labels"].contains(word) {
      let clause = peek
      i += 1
      switch word {
      case "where":
        guard type.takesWhere else {
          throw DQDLError("where-unsupported", "\(name) takes no where clause", at: location(clause), fix: "remove the where clause")
        }
        guard whereClause == nil else {
          throw DQDLError("where-twice", "a second where clause", at: location(clause), fix: "join the predicates with AND")
        }
        let predicate = try string("the row filter in quotes, e.g. where \"age > 18\"")
        if predicate.trimmingCharacters(in: .whitespaces).isEmpty {
          throw DQDLError("where-empty", "an empty where clause", at: location(clause), fix: "write a predicate, or remove it")
        }
        whereClause = predicate
      case "with":
        let tagToken = peek
        guard case .word(let tag) = tagToken.kind else { throw expected("a tag name after with, e.g. with threshold > 0.9", fix: "") }
        i += 1
        if tag.lowercased() == "threshold" {
          guard type.takesThreshold else {
            throw DQDLError(
              "threshold-unsupported", "\(name) takes no threshold", at: location(tagToken),
              fix: "thresholds apply to ColumnValues, ColumnDataType, ColumnLength, CustomSql, FileFreshness and FileSize")
          }
          guard threshold == nil else {
            throw DQDLError("threshold-twice", "a second threshold", at: location(tagToken), fix: "keep one")
          }
          guard startsCondition(peek) else { throw expected("a condition after threshold, e.g. > 0.9", fix: "") }
          threshold = try parseCondition(for: .number, rule: "threshold")
        } else {
          guard take(.equal) else {
            throw DQDLError(
              "tag-operator", "String tags only support the equality operator.", at: location(peek),
              fix: "write with \(tag) = \"value\"")
          }
          switch peek.kind {
          case .string(let s): tags[tag] = s
          case .number(let n): tags[tag] = n
          default: throw expected("the tag's value", fix: "write with \(tag) = \"value\"")
          }
          i += 1
        }
      default:
        guard !asAnalyzer else {
          throw DQDLError("analyzer-labels", "an analyzer takes no labels", at: location(clause), fix: "remove the labels")
        }
        guard labels.isEmpty else { throw DQDLError("labels-twice", "a second list of labels", at: location(clause), fix: "join them") }
        try expect(.equal, "'=' after labels")
        labels = try parseLabelList(at: clause)
      }
    }
    return DQDLRule(
      type: type, parameters: parameters, condition: condition, whereClause: whereClause, threshold: threshold, tags: tags,
      text: text(first, i), location: location(start))
  }

  private static let keywords: Set<String> = [
    "and", "AND", "or", "OR", "of", "OF", "between", "not", "in", "matches", "with", "where", "labels",
  ]

  /// The next parameter (after an optional `of` / `and`), or nil where the parameters end.
  private mutating func parseParameter() throws -> String? {
    let save = i
    var afterOf = false
    if isWord(peek, "of") || isWord(peek, "OF") {
      i += 1
      afterOf = true
    } else if isWord(peek, "and") || isWord(peek, "AND") {
      // `and` before a rule or a parenthesis joins rules; before a parameter, it is a connector.
      if case .word(let next) = tokens[i + 1].kind, DQDLRuleType.all[next] != nil || Self.keywords.contains(next) { return nil }
      guard [.symbol(.dollar)].contains(tokens[i + 1].kind) || tokens[i + 1].isParameterLike else { return nil }
      i += 1
    }
    switch peek.kind {
    case .string(let s):
      i += 1
      return s
    case .word(let w) where !Self.keywords.contains(w) && (afterOf || DQDLRuleType.all[w] == nil):
      i += 1
      return w
    case .number(let n):
      // A bare number where a parameter may stand (`DatasetMatch "ref" 1`) is a parameter only after a connector.
      if afterOf {
        i += 1
        return n
      }
    case .symbol(.dollar):
      let dollar = peek
      i += 1
      guard case .word(let name) = peek.kind else { throw expected("a variable name after $", fix: "write $name") }
      i += 1
      switch document.variables[name] {
      case .string(let value): return value
      case .list: throw DQDLError("variable-list", "$\(name) is a list, and a parameter takes one string", at: location(dollar), fix: "")
      case nil: throw undefined(name, at: dollar)
      }
    default: break
    }
    i = save
    return nil
  }

  // MARK: Conditions

  private func startsCondition(_ t: DQDLToken) -> Bool {
    switch t.kind {
    case .symbol(let s): [.equal, .notEqual, .greater, .greaterOrEqual, .less, .lessOrEqual].contains(s)
    case .word(let w): ["between", "not", "in", "matches"].contains(w)
    default: false
    }
  }

  static func conditionExample(_ value: DQDLRuleType.Value) -> String {
    switch value {
    case .number, .numberOrBoolean, .boolean: "> 0.9 or between 1 and 10"
    case .string: "= \"INTEGER\""
    case .rowValues: "in [\"a\", \"b\"], > 0 or matches \"[A-Z]+\""
    case .rowAges: "<= 24 hours"
    case .fileSizes: "< 5 MB"
    case .fileTimes: "> (now() - 1 days)"
    }
  }

  private mutating func parseCondition(for value: DQDLRuleType.Value, rule: String) throws -> DQDLCondition {
    let opToken = peek
    i += 1
    var op: DQDLCondition.Operator
    switch opToken.kind {
    case .symbol(.equal): op = .equal
    case .symbol(.notEqual): op = .notEqual
    case .symbol(.greater): op = .greater
    case .symbol(.greaterOrEqual): op = .greaterOrEqual
    case .symbol(.less): op = .less
    case .symbol(.lessOrEqual): op = .lessOrEqual
    case .word("between"): op = .between
    case .word("in"): op = .in
    case .word("matches"): op = .matches
    default:
      switch peek.kind {
      case .word("between"): op = .notBetween
      case .word("in"): op = .notIn
      case .word("matches"): op = .notMatches
      default: throw expected("between, in or matches after not", fix: "write not between, not in or not matches")
      }
      i += 1
    }
    var operands: [DQDLExpression]
    switch op {
    case .between, .notBetween:
      let low = try parseExpression()
      guard isWord(peek, "and") || isWord(peek, "AND") else {
        throw expected("and between the bounds", fix: "write between 1 and 10")
      }
      i += 1
      operands = [low, try parseExpression()]
    case .in, .notIn:
      if peek.kind == .symbol(.dollar) {
        let dollar = peek
        i += 1
        guard case .word(let name) = peek.kind else { throw expected("a variable name after $", fix: "write in $name") }
        i += 1
        switch document.variables[name] {
        case .list(let values): operands = values.map(Self.literal)
        case .string(let s): operands = [Self.literal(s)]
        case nil: throw undefined(name, at: dollar)
        }
      } else {
        operands = try parseList { p in try p.parseExpression() }
        if operands.isEmpty { throw DQDLError("empty-list", "an empty list after in", at: location(opToken), fix: "list the values") }
      }
    case .matches, .notMatches:
      operands = [.string(try string("a regular expression in quotes"))]
    default:
      operands = [try parseExpression()]
    }
    let condition = DQDLCondition(op, operands)
    try check(condition, for: value, rule: rule, at: opToken)
    return condition
  }

  /// A string as a condition operand: dates and times keep their meaning, others stay strings.
  static func literal(_ s: String) -> DQDLExpression {
    if let days = DQDLDates.days(s) { return .date(days: days, text: s) }
    if let minutes = DQDLDates.minutes(s) { return .timeOfDay(minutes: minutes, text: s) }
    return .string(s)
  }

  /// Does the condition compare the kind of value the rule computes?
  private func check(_ c: DQDLCondition, for value: DQDLRuleType.Value, rule: String, at token: DQDLToken) throws {
    func fail(_ what: String) -> DQDLError {
      DQDLError(
        "condition-type", "\(rule) \(what)", at: location(token), fix: "for example: \(rule) \(Self.conditionExample(value))")
    }
    func kinds(_ e: DQDLExpression) -> Set<String> {
      switch e {
      case .number, .call: ["number"]
      case .null: ["null"]
      case .string, .empty, .whitespacesOnly: ["string"]
      case .date, .timeOfDay, .now: ["date"]
      case .duration: ["duration"]
      case .size: ["size"]
      case .negated(let a): kinds(a)
      case .arithmetic(_, let a, let b):
        // Dates move by durations: now() - 3 days.
        kinds(a) == ["date"] ? ["date"] : kinds(a).union(kinds(b))
      }
    }
    let found = c.operands.reduce(into: Set<String>()) { $0.formUnion(kinds($1)) }.subtracting(["null"])
    let ordering: Set<DQDLCondition.Operator> = [.greater, .greaterOrEqual, .less, .lessOrEqual, .between, .notBetween]
    switch value {
    case .number, .numberOrBoolean:
      if c.op == .matches || c.op == .notMatches { throw fail("computes a number, which cannot match a pattern") }
      if !found.isSubset(of: ["number"]) { throw fail("computes a number, and this compares \(found.sorted().joined(separator: " and "))") }
    case .string:
      if ordering.contains(c.op) { throw fail("compares a name, with =, !=, in or matches") }
    case .rowValues:
      if found.count > 1 { throw fail("compares \(found.sorted().joined(separator: " and ")) in one condition") }
      if found.contains("duration") || found.contains("size") { throw fail("compares values, not \(found.first!)s") }
      if found == ["string"] && ordering.contains(c.op) {
        throw fail("orders numbers and dates; text is compared with =, !=, in or matches")
      }
    case .rowAges:
      if !found.isSubset(of: ["duration"]) { throw fail("compares ages, written with a unit") }
    case .fileSizes:
      if !found.isSubset(of: ["size", "number"]) { throw fail("compares file sizes") }
    case .fileTimes:
      if !found.isSubset(of: ["date"]) { throw fail("compares file times") }
    case .boolean:
      break
    }
  }

  // MARK: Expressions

  private mutating func parseExpression() throws -> DQDLExpression {
    var value = try parseTerm()
    while case .symbol(let s) = peek.kind, let op = DQDLExpression.Operator(rawValue: s.rawValue) {
      i += 1
      value = .arithmetic(op, value, try parseTerm())
    }
    return value
  }

  private static let durationUnits: [String: Int] = ["days": 86_400, "hours": 3_600, "minutes": 60]
  private static let sizeUnits: [String: Int] = ["B": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30, "TB": 1 << 40]

  private mutating func parseTerm() throws -> DQDLExpression {
    let t = peek
    i += 1
    switch t.kind {
    case .number(let text):
      if case .word(let unit) = peek.kind, let scale = Self.durationUnits[unit] ?? Self.sizeUnits[unit] {
        guard let n = Int(text) else {
          throw DQDLError("whole-number", "\(text) \(unit): a duration or size is a whole number", at: location(t), fix: "")
        }
        i += 1
        let written = "\(text) \(unit)"
        return Self.durationUnits[unit] != nil ? .duration(seconds: n * scale, text: written) : .size(bytes: n * scale, text: written)
      }
      return .number(Double(text)!)
    case .symbol(.minus):
      let operand = try parseTerm()
      if case .number(let x) = operand { return .number(-x) }
      return .negated(operand)
    case .string(let s):
      return Self.literal(s)
    case .symbol(.dollar):
      guard case .word(let name) = peek.kind else { throw expected("a variable name after $", fix: "") }
      i += 1
      switch document.variables[name] {
      case .string(let s): return Self.literal(s)
      case .list: throw DQDLError("variable-list", "$\(name) is a list: use it with in", at: location(t), fix: "write in $\(name)")
      case nil: throw undefined(name, at: t)
      }
    case .symbol(.openParen):
      let inner = try parseExpression()
      try expect(.closeParen, "')'")
      return inner
    case .word(let w):
      switch w {
      case "NULL", "null": return .null
      case "EMPTY", "empty": return .empty
      case "WHITESPACES_ONLY", "whitespaces_only": return .whitespacesOnly
      default: break
      }
      guard take(.openParen) else {
        i -= 1
        throw expected("a value", fix: "strings go in double quotes; numbers are written plain, e.g. 0.95")
      }
      var arguments: [DQDLExpression] = []
      if !take(.closeParen) {
        repeat { arguments.append(try parseExpression()) } while take(.comma)
        try expect(.closeParen, "')' to close \(w)(")
      }
      if w == "now" {
        guard arguments.isEmpty else { throw DQDLError("now-arguments", "now() takes no arguments", at: location(t), fix: "write now()") }
        return .now
      }
      return .call(w, arguments)
    default:
      i -= 1
      throw expected("a value", fix: "a condition compares with a number, a quoted string, a date or a duration")
    }
  }

  // MARK: Tokens

  private var peek: DQDLToken { tokens[i] }

  private func isWord(_ t: DQDLToken, _ word: String) -> Bool { t.kind == .word(word) }

  private mutating func take(_ symbol: DQDLToken.Symbol) -> Bool {
    guard peek.kind == .symbol(symbol) else { return false }
    i += 1
    return true
  }

  private mutating func expect(_ symbol: DQDLToken.Symbol, _ what: String) throws {
    guard take(symbol) else { throw expected(what, fix: "insert \(symbol.rawValue) here") }
  }

  private mutating func string(_ what: String) throws -> String {
    guard case .string(let s) = peek.kind else {
      if case .word(let w) = peek.kind { throw expected(what, fix: "put it in double quotes: \"\(w)\"") }
      throw expected(what, fix: "write it in double quotes")
    }
    i += 1
    return s
  }

  private func expected(_ what: String, fix: String) -> DQDLError {
    DQDLError("syntax", "expected \(what), found \(peek.shown)", at: location(peek), fix: fix.isEmpty ? nil : fix)
  }

  private func undefined(_ name: String, at token: DQDLToken) -> DQDLError {
    let fix = Suggestion.nearest(to: name, in: Array(document.variables.keys)).map { "did you mean $\($0)?" }
      ?? "define it before Rules: \(name) = [\"a\", \"b\"]"
    return DQDLError("undefined-variable", "variable $\(name) is not defined", at: location(token), fix: fix)
  }

  private func location(_ t: DQDLToken) -> RecipeLocation { RecipeLocation(file: file, line: t.line, column: t.column) }

  /// The document's text from token `first` up to, not including, token `end`.
  private func text(_ first: Int, _ end: Int) -> String {
    guard end > first else { return "" }
    return String(String.UnicodeScalarView(scalars[tokens[first].span.lowerBound ..< tokens[end - 1].span.upperBound]))
  }
}

extension DQDLToken {
  /// A token that can stand as a rule parameter.
  var isParameterLike: Bool {
    switch kind {
    case .string, .word: true
    default: false
    }
  }
}
