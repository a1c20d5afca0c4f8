/// Renders `docs/steps.md` from the steps' own summaries, parameters and examples, so the docs
/// can never drift from what the tests run.
public enum StepDocs {
  public static func markdown() -> String {
    var out = """
      # Recipe steps

      Generated from the steps' examples by `StepDocs.markdown()`; a test fails when this file is stale.
      Each example is also run as a test. Write a step in a recipe's `steps:` list as `- kind: parameters`.

      """
    for step in StepRegistry.all {
      out += "\n## `\(step.kind)`\n\n\(step.summary)\n\n"
      out += "| parameter | meaning |\n|---|---|\n"
      for p in step.parameterDocs { out += "| `\(p.name)` | \(p.doc) |\n" }
      for example in step.examples {
        out += "\n### \(example.title)\n\n```yaml\n- \(example.yaml)\n```\n\n"
        out += table(example.input, title: "input")
        if let output = example.output {
          out += "\n" + table(output, title: "output")
          if !example.rejectedRows.isEmpty {
            out += "\nQuarantined: input rows \(example.rejectedRows.map { String($0 + 1) }.joined(separator: ", ")).\n"
          }
          if !example.droppedRows.isEmpty {
            out += "\nRemoved (filtered, not quarantined): input rows \(example.droppedRows.map { String($0 + 1) }.joined(separator: ", ")).\n"
          }
        } else if let code = example.errorCode {
          out += "\nRefused before any row is read: `\(code)`.\n"
        }
      }
    }
    return out
  }

  static func table(_ t: ExampleTable, title: String) -> String {
    let header = t.fields.map { $0.type == .string ? $0.name : "\($0.name) (\($0.type))" }
    var out = "| " + header.joined(separator: " | ") + " |\n"
    out += "|" + String(repeating: "---|", count: header.count) + "\n"
    for row in t.rows {
      out += "| " + row.map { $0.map { $0.isEmpty ? "\"\"" : "`\($0)`" } ?? "*null*" }.joined(separator: " | ") + " |\n"
    }
    return "\(title):\n\n" + out
  }
}
