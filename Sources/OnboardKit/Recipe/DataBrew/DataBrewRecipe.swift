/// Reads a recipe as AWS Glue DataBrew exports it: a list of steps, each
/// `{"Action": {"Operation": "UPPER_CASE", "Parameters": {...}}, "ConditionExpressions": [...]}`,
/// in JSON or YAML, with camelCase (API) or PascalCase (CloudFormation) parameter names.
///
/// Each operation runs on the step that declares it as its `databrewOperation`; parameters are
/// normalised (`DataBrewParameters`) so the step reads them exactly as in our YAML.
enum DataBrewRecipe {
  static func parseSteps(_ root: RecipeNode, folder: String) throws -> [PlannableStep] {
    try root.items().enumerated().map { offset, item in
      let step = try item.fields(allowed: ["Action", "ConditionExpressions"], required: ["Action"])
      let action = try step["Action"]!.fields(allowed: ["Operation", "Parameters"], required: ["Operation"])
      let operation = try action["Operation"]!.string()
      let kind = StepRegistry.type(databrewOperation: operation)?.kind ?? operation
      let reference = StepReference(index: offset + 1, kind: kind)
      guard let type = StepRegistry.type(databrewOperation: operation) else {
        let known = StepRegistry.all.compactMap { $0.databrewOperation }
        throw RecipeError(
          "unknown-operation", "DataBrew operation '\(operation)' is not supported", at: action["Operation"]!.location, step: reference,
          fix: Suggestion.nearest(to: operation, in: known).map { "did you mean '\($0)'?" }
            ?? "the operations onboard runs are: \(known.sorted().joined(separator: ", "))")
      }
      var conditions: [Condition] = []
      for expression in try step["ConditionExpressions"]?.items() ?? [] {
        conditions.append(try Condition.parse(DataBrewParameters.normalize(expression), step: reference))
      }
      var context = StepContext(reference: reference, location: action["Operation"]!.location, folder: folder, spelling: .databrew)
      context.hasConditions = !conditions.isEmpty
      let parameters = try action["Parameters"].map(DataBrewParameters.normalize)
        ?? RecipeNode.parse("{}", file: item.file)
      return PlannableStep(step: try type.init(parameters: parameters, context: context), context: context, conditions: conditions)
    }
  }
}
