import Testing

@testable import OnboardKit

/// `replace_text` reads `pattern` literally in our recipes, and as a regular expression when the
/// step came from a DataBrew recipe, as DataBrew documents it (its example pattern is `[0-9]`).
@Test(arguments: [(RecipeSpelling.onboard, ["a12b", "a!b"]), (RecipeSpelling.databrew, ["a!!b", "a[!-!]b"])])
func replaceTextPatternDependsOnSpelling(spelling: RecipeSpelling, expected: [String]) throws {
  let node = try RecipeNode.parse("{source_column: c, pattern: '[0-9]', value: '!'}", file: "t")
  let context = StepContext(
    reference: StepReference(index: 1, kind: "replace_text"), location: node.location, folder: "", spelling: spelling)
  var step = try ReplaceText(parameters: node, context: context)
  let schema = try step.plan(Schema([Field(name: "c", type: .string)]), context: context)
  let input = Batch(
    schema: schema, columns: [.text(TextColumn(["a12b", "a[0-9]b"]))],
    origins: [RowOrigin(line: 1, byteOffset: 0), RowOrigin(line: 2, byteOffset: 5)])
  var rejects = StepRejections()
  let output = step.apply(input, rejects: &rejects)
  #expect([output.columns[0].formatted(0), output.columns[0].formatted(1)] == expected)
}
