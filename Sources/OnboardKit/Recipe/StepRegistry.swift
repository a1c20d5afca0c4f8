import Yams

/// Every step kind a recipe may use; adding a step is one file and one line here.
public enum StepRegistry {
  public static let all: [any Step.Type] = [
    // column structure
    Rename.self,
    Drop.self,
    // typing and values
    MapValues.self,
    Cast.self,
    // text (case, format, clean, extract)
    UpperCase.self,
    LowerCase.self,
    CapitalCase.self,
    SentenceCase.self,
    AddPrefix.self,
    AddSuffix.self,
    ReplaceText.self,
    ReplacePattern.self,
    RemoveCombined.self,
    Trim.self,
    Duplicate.self,
    Merge.self,
    ExtractBetweenPositions.self,
    ExtractPattern.self,
    // numbers, dates and column structure
    Round.self,
    Absolute.self,
    Binarization.self,
    Bucketization.self,
    Normalization.self,
    Add.self,
    Subtract.self,
    Multiply.self,
    Divide.self,
    DateFormat.self,
    Year.self,
    Month.self,
    Day.self,
    Hour.self,
    Minute.self,
    Second.self,
    WeekDay.self,
    SplitColumnSingleDelimiter.self,
    SplitColumnFromStart.self,
    SplitColumnFromEnd.self,
    MoveToStart.self,
    MoveToEnd.self,
    MoveToIndex.self,
    MoveAfter.self,
    MoveBefore.self,
    // categorical and personal data
    CategoricalMapping.self,
    OneHotEncoding.self,
    ReplaceValue.self,
    MaskCustom.self,
    MaskRange.self,
    MaskDelimiter.self,
    ReplaceWithRandomBetween.self,
    CryptographicHash.self,
    // missing, invalid and duplicate values; rows
    RemoveMissing.self,
    FillWithCustom.self,
    FillWithEmpty.self,
    FillWithNull.self,
    FillWithLastValid.self,
    FillWithAverage.self,
    FillWithMedian.self,
    FillWithSum.self,
    FillWithMode.self,
    FillWithMostFrequent.self,
    FlagColumnFromNull.self,
    FlagColumnFromPattern.self,
    RemoveDuplicates.self,
    DeleteDuplicateRows.self,
    RemoveValues.self,
    // whole-table steps (barriers)
    Sort.self,
    GroupBy.self,
  ]

  /// The step DataBrew calls `operation`.
  public static func type(databrewOperation operation: String) -> (any Step.Type)? {
    all.first { $0.databrewOperation == operation } ?? all.first { $0.databrewAliases.contains(operation) }
  }

  public static func type(named kind: String) -> (any Step.Type)? { all.first { $0.kind == kind } }

  static func parseSteps(_ node: RecipeNode, folder: String) throws -> [PlannableStep] {
    try node.items().enumerated().map { offset, item in
      let entries = try item.entries()
      guard entries.count == 1, let entry = entries.first else {
        throw RecipeError(
          "malformed-step", "step \(offset + 1) must be one `kind: parameters` entry, found \(entries.count) keys",
          at: item.location, fix: "write each step as `- rename: {old: new}`, one per list item")
      }
      let reference = StepReference(index: offset + 1, kind: entry.key)
      guard let type = StepRegistry.type(named: entry.key) else {
        let fix = Suggestion.nearest(to: entry.key, in: all.map { $0.kind }).map { "did you mean '\($0)'?" }
          ?? "the steps are: \(all.map { $0.kind }.joined(separator: ", "))"
        throw RecipeError("unknown-step", "unknown step '\(entry.key)'", at: entry.keyNode.location, step: reference, fix: fix)
      }
      var context = StepContext(reference: reference, location: entry.keyNode.location, folder: folder)
      let (parameters, conditions) = try splitConditions(entry.value, step: reference)
      context.hasConditions = !conditions.isEmpty
      return PlannableStep(step: try type.init(parameters: parameters, context: context), context: context, conditions: conditions)
    }
  }

  /// A step's `when:` conditions, taken out of its parameters.
  static func splitConditions(_ parameters: RecipeNode, step: StepReference) throws -> (RecipeNode, [Condition]) {
    guard parameters.isMapping, let entry = try parameters.entries().first(where: { $0.key == "when" }) else {
      return (parameters, [])
    }
    let items = entry.value.isSequence ? try entry.value.items() : [entry.value]
    let conditions = try items.map { try Condition.parse($0, step: step) }
    guard case .mapping(let mapping) = parameters.node else { return (parameters, conditions) }
    let rest = Node.Mapping(mapping.filter { $0.key.scalar?.string != "when" }, mapping.tag, mapping.style, mapping.mark)
    return (RecipeNode(.mapping(rest), file: parameters.file, path: parameters.path), conditions)
  }
}

/// A parsed step with its place in the recipe and the conditions that narrow it.
public struct PlannableStep: Sendable {
  public var step: any Step
  public var context: StepContext
  public var conditions: [Condition] = []
}
