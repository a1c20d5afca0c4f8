/// Writes the characters between two positions of a column to a new column:
/// `extract_between_positions: {source_column: iban, target_column: country, start_position: 0, end_position: 2}`.
///
/// Positions are 0-based and the end is exclusive, as in Swift and Python slices: `start_position: 3,
/// end_position: 9` takes characters 3 to 8, six of them. DataBrew's page only says "character
/// position", and its example (`3`, `9`, `characters_3_to_9`) fits more than one reading, so we
/// chose the common programming convention. A character is a Unicode code point, as Spark counts
/// them, found on the bytes without building a `String`. A value shorter than the start gives empty
/// text; one shorter than the end gives what there is. Nulls stay null.
public struct ExtractBetweenPositions: Step {
  public static let kind = "extract_between_positions"
  public static let summary = "Write the characters between two positions (0-based, end exclusive) to a new column."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column to read"),
    (name: "target_column", doc: "the new column; must not exist yet"),
    (name: "start_position", doc: "the first character to take, counting from 0"),
    (name: "end_position", doc: "the character after the last one to take (exclusive); greater than start_position"),
  ]
  public static let databrewOperation: String? = "EXTRACT_BETWEEN_POSITIONS"

  private var source: ColumnParameter
  private var target: ColumnParameter
  private var start: Int
  private var end: Int
  private var index = 0
  private var field = Field(name: "", type: .string)

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "target_column", "start_position", "end_position"],
      required: ["source_column", "target_column", "start_position", "end_position"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    target = try ColumnParameter(f, "target_column", context: context)
    let startNode = try f.required("start_position", step: context.reference)
    let endNode = try f.required("end_position", step: context.reference)
    start = try startNode.int()
    end = try endNode.int()
    guard start >= 0 else {
      throw context.error("invalid-parameter", "start_position is \(start); positions count from 0", at: startNode.location)
    }
    guard end > start else {
      throw context.error(
        "invalid-parameter", "end_position \(end) is not after start_position \(start), so nothing would be extracted",
        at: endNode.location, fix: "end_position is exclusive: to take characters 3 to 8, write 3 and 9")
    }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    field = try target.newField(in: input, context: context)
    var output = input
    output.append(field)
    return output
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    batch.appendingText(field, from: index) { value, out in
      var character = 0
      var from = value.count
      var to = value.count
      for i in 0 ..< value.count where TextBytes.startsScalar(value[i]) {
        if character == start { from = i }
        if character == end {
          to = i
          break
        }
        character += 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: value[from ..< to]))
      return true
    }
  }

  public static let examples = [
    StepExample(
      "Country code from an IBAN", yaml: "extract_between_positions: {source_column: iban, target_column: country, start_position: 0, end_position: 2}",
      input: ExampleTable(["iban"], [["DE89370400440532013000"], [nil]]),
      output: ExampleTable(["iban", "country"], [["DE89370400440532013000", "DE"], [nil, nil]])),
    StepExample(
      "Characters, not bytes; short values give what there is",
      yaml: "extract_between_positions: {source_column: word, target_column: middle, start_position: 1, end_position: 4}",
      input: ExampleTable(["word"], [["Zürich"], ["ab"], ["a"]]),
      output: ExampleTable(["word", "middle"], [["Zürich", "üri"], ["ab", "b"], ["a", ""]])),
    StepExample(
      "DataBrew writes positions as strings", yaml: "extract_between_positions: {source_column: d, target_column: year, start_position: '6', end_position: '10'}",
      input: ExampleTable(["d"], [["31.12.2024"]]),
      output: ExampleTable(["d", "year"], [["31.12.2024", "2024"]])),
    StepExample(
      "The end must come after the start", yaml: "extract_between_positions: {source_column: iban, target_column: c, start_position: 2, end_position: 2}",
      input: ExampleTable(["iban"], [["DE89"]]), error: "invalid-parameter"),
  ]
}
