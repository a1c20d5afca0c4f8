import Foundation
import Yams

extension RecipeConversion {
  /// A DataBrew recipe as one of ours: the same steps in YAML with typed parameters, inside a
  /// recipe whose product is named after the file and whose source is `source` (or a placeholder
  /// to fill in).
  public static func fromDataBrew(_ text: String, file: String, source: String?) throws -> Output {
    let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    let recipe = try Recipe.parseDataBrew(text, file: file, source: source ?? "data.csv", target: nil)  // checked first
    let root = try RecipeNode.parse(text, file: file)
    var warnings: [String] = []
    if source == nil { warnings.append("the source path is a placeholder (data.csv): set source.path") }
    var steps: [Node] = []
    for (item, planned) in zip(try root.items(), recipe.steps) {
      let action = try item.fields(allowed: ["Action", "ConditionExpressions"])["Action"]!
      let fields = try action.fields(allowed: ["Operation", "Parameters"])
      let parameters = try fields["Parameters"].map(DataBrewParameters.normalize)
      let p = try parameters?.fields(allowed: try parameters?.entries().map(\.key) ?? []) 
      var body: [(Node, Node)]
      var kind = planned.context.reference.kind
      switch kind {
      case Rename.kind:
        body = [(Node(try p!["source_column"]!.string()), Node(try p!["target_column"]!.string()))]
      case Drop.kind:
        let columns = try p!.sourceColumns(step: planned.context.reference).map { Node($0.name) }
        steps.append(Node([(Node(kind), Node(columns, .implicit, .flow))], .implicit, .block))
        continue
      case Cast.kind:
        let column = try p!["source_column"]!.string()
        let type = Cast.databrewTypes[try p!["column_data_type"]!.string().lowercased()] ?? .string
        body = [
          (Node("columns"), Node([(Node(column), Node(type.glueName))], .implicit, .flow)),
          (Node("on_error"), Node("null", .implicit, .singleQuoted)),
        ]
      case ReplaceText.kind:
        // DataBrew's REPLACE_TEXT pattern is a regular expression: ours is `replace_pattern`.
        kind = ReplacePattern.kind
        body = try plainPairs(parameters)
      default:
        body = try plainPairs(parameters)
      }
      let conditions = planned.conditions.map { c -> Node in
        var pairs: [(Node, Node)] = [(Node("condition"), Node(c.kind.rawValue.lowercased())), (Node("target_column"), Node(c.column))]
        if !c.values.isEmpty {
          pairs.append((Node("value"), c.values.count == 1 && c.kind != .is && c.kind != .isNot ? Node(c.values[0]) : Node(c.values.map { Node($0) }, .implicit, .flow)))
        }
        return Node(pairs, .implicit, .flow)
      }
      if !conditions.isEmpty { body.append((Node("when"), Node(conditions))) }
      steps.append(Node([(Node(kind), Node(body, .implicit, body.count > 3 ? .block : .flow))], .implicit, .block))
    }
    let document = Node([
      (Node("product"), Node([(Node("name"), Node(name))], .implicit, .flow)),
      (Node("source"), Node([(Node("path"), Node(source ?? "data.csv"))], .implicit, .flow)),
      (Node("steps"), Node(steps)),
      (Node("target"), Node([(Node("path"), Node("out/\(name)"))], .implicit, .flow)),
    ])
    let yaml = "# Converted from the DataBrew recipe \((file as NSString).lastPathComponent) by `onboard convert`.\n"
      + (try Yams.serialize(node: document, width: 120))
    return Output(text: yaml, warnings: warnings)
  }

  /// Normalised parameters as YAML pairs; DataBrew's strings stay strings (steps read `"2"` as 2).
  static func plainPairs(_ parameters: RecipeNode?) throws -> [(Node, Node)] {
    guard let parameters else { return [] }
    return try parameters.entries().map { (Node($0.key), $0.value.node) }
  }
}
