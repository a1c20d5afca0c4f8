/// Rounds a number column in place: `round: {source_column: amount, decimal_places: 2}`.
///
/// Rounding is half away from zero (`2.5` → `3`, `-2.5` → `-3`, as Spark's `round`, which
/// DataBrew runs), and is done on the exact decimal that was written, not on a binary double, so
/// `1.005` rounds to `1.01`. Values with no more places than asked stay as they are; a negative
/// `decimal_places` rounds to tens, hundreds… (`1250` with -2 → `1300`). Only numbers written with
/// an exponent or more than 18 digits are rounded as doubles. Text that is not a number is
/// quarantined; nulls stay null. The result is canonical text (`1234.5`, not `1.234,5`).
public struct Round: Step {
  public static let kind = "round"
  public static let summary = "Round a number column in place, half away from zero, on exact decimals."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column of numbers to round"),
    (name: "decimal_places", doc: "places to keep (default 0; -18…18, negative rounds to tens, hundreds…)"),
  ]
  public static let databrewOperation: String? = "ROUND"

  private var source: ColumnParameter
  private var places = 0
  private var index = 0

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(allowed: ["source_column", "decimal_places"], required: ["source_column"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    if let node = f["decimal_places"] {
      places = try node.int()
      guard (-18 ... 18).contains(places) else {
        throw context.error("invalid-parameter", "decimal_places must be between -18 and 18, not \(places)", at: node.location)
      }
    }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    var output = input
    output[index].format = nil
    return output
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    var output = batch.computingText(from: index, appending: nil, code: "not-a-number", rejects: &rejects) { parsed, raw, out in
      guard let n = StepNumber(parsed) else { return .refused(notANumber(raw, column: source.name)) }
      Round.rounded(n, places: places).write(to: &out)
      return .written
    }
    output.schema[index].format = nil
    return output
  }

  /// `n` rounded half away from zero to `places` decimal places.
  static func rounded(_ n: StepNumber, places: Int) -> StepNumber {
    switch n {
    case .exact(let u, let s):
      guard s > places, let divisor = StepNumber.power(s - places) else {
        return s > places ? .exact(0, scale: max(places, 0)) : n
      }
      var q = u / divisor
      let r = u % divisor
      if r.magnitude >= (divisor.magnitude + 1) / 2 { q += u < 0 ? -1 : 1 }
      if places >= 0 { return .exact(q, scale: places) }
      guard let back = StepNumber.power(-places) else { return .exact(0, scale: 0) }
      let (v, overflow) = q.multipliedReportingOverflow(by: back)
      return overflow ? .double(Double(q) * Double(back)) : .exact(v, scale: 0)
    case .double(let d):
      guard d.isFinite else { return n }
      let p = ValueParser.powersOfTen[abs(places)]
      return .double(places >= 0 ? (d * p).rounded(.toNearestOrAwayFromZero) / p : (d / p).rounded(.toNearestOrAwayFromZero) * p)
    }
  }

  public static let examples = [
    StepExample(
      "Two places, half away from zero, on the decimal as written", yaml: "round: {source_column: amount, decimal_places: 2}",
      input: ExampleTable(["amount"], [["1.005"], ["-2.675"], ["3.1"], ["7"], [nil]]),
      output: ExampleTable(["amount"], [["1.01"], ["-2.68"], ["3.1"], ["7"], [nil]])),
    StepExample(
      "Whole numbers by default; a value that is no number is quarantined", yaml: "round: {source_column: score}",
      input: ExampleTable(["score"], [["2.5"], ["-2.5"], ["n/a"], ["0.49"]]),
      output: ExampleTable(["score"], [["3"], ["-3"], ["0"]]), rejectedRows: [2]),
    StepExample(
      "Negative places round to hundreds", yaml: "round: {source_column: income, decimal_places: -2}",
      input: ExampleTable(["income"], [["1250"], ["1249.99"]]),
      output: ExampleTable(["income"], [["1300"], ["1200"]])),
    StepExample(
      "A typed column is refused: round before the cast", yaml: "round: {source_column: age}",
      input: ExampleTable(fields: [Field(name: "age", type: .integer)], [["67"]]), error: "wrong-type"),
  ]
}
