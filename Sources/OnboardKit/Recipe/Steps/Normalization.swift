/// Scales a number column into a new column by its own range or spread:
/// `normalization: {source_column: income, strategy: Z_SCORE, target_column: income_z}`.
///
/// DataBrew documents this step as SCALE and exports it as `NORMALIZATION`; both names are read.
/// The strategies, with the column's min, max, mean and standard deviation over its numbers:
/// - `MIN_MAX`: `(x - min) / (max - min)`, into [0, 1];
/// - `SCALE_BETWEEN`: the same into [`lower_bound`, `upper_bound`] (DataBrew does not document
///   the names of its bounds; these are ours, default 0 and 1);
/// - `MEAN_NORMALIZATION`: `(x - mean) / (max - min)`;
/// - `Z_SCORE`: `(x - mean) / s`, with `s` the sample standard deviation (n - 1), as Spark's
///   `StandardScaler`, which DataBrew runs.
/// When every number is the same, MIN_MAX and SCALE_BETWEEN give the middle of the target range
/// (Spark's `MinMaxScaler`), and the others 0. Results are doubles written as the shortest text
/// that reads back the same. Text that is not a number is quarantined; nulls give null.
///
/// Memory: a pre-pass keeps an exact sum, the min and the max; `Z_SCORE` takes a second pass for
/// the sum of squared deviations from the mean, which is more accurate than one-pass formulas.
public struct Normalization: PrePassStep {
  public static let kind = "normalization"
  public static let summary = "Scale a number column into a new column: min-max, between bounds, mean normalization or z-score (a pre-pass)."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column of numbers"),
    (name: "strategy", doc: "MIN_MAX, SCALE_BETWEEN, MEAN_NORMALIZATION or Z_SCORE"),
    (name: "target_column", doc: "the new column; must not exist yet"),
    (name: "lower_bound", doc: "SCALE_BETWEEN only: the low end of the range (default 0)"),
    (name: "upper_bound", doc: "SCALE_BETWEEN only: the high end of the range (default 1)"),
  ]
  public static let databrewOperation: String? = "NORMALIZATION"
  public static let databrewAliases = ["SCALE"]

  enum Strategy: String, CaseIterable {
    case minMax = "MIN_MAX", scaleBetween = "SCALE_BETWEEN", meanNormalization = "MEAN_NORMALIZATION", zScore = "Z_SCORE"
  }

  private var source: ColumnParameter
  private var target: ColumnParameter
  private var strategy: Strategy
  private var bounds = (lower: 0.0, upper: 1.0)
  private var index = 0
  private var field = Field(name: "", type: .string)
  /// `x ↦ (x - shift) / divisor * scale + offset` (just `offset` when `divisor` is 0), learnt
  /// in the pre-pass. Dividing, rather than multiplying by a reciprocal, keeps `(6 - 3) / 5` at 0.6.
  private var shift = 0.0
  private var divisor = 0.0
  private var scale = 1.0
  private var offset = 0.0

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "strategy", "target_column", "lower_bound", "upper_bound"],
      required: ["source_column", "strategy", "target_column"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    target = try ColumnParameter(f, "target_column", context: context)
    let node = try f.required("strategy", step: context.reference)
    let text = try node.string()
    guard let s = Strategy(rawValue: text.uppercased()) else {
      let names = Strategy.allCases.map(\.rawValue)
      throw context.error(
        "invalid-parameter", "strategy must be one of \(names.joined(separator: ", ")), not '\(text)'", at: node.location,
        fix: Suggestion.nearest(to: text.uppercased(), in: names).map { "did you mean \($0)?" })
    }
    strategy = s
    let lower = try f.number("lower_bound", context: context)
    let upper = try f.number("upper_bound", context: context)
    if strategy != .scaleBetween, let given = f["lower_bound"] ?? f["upper_bound"] {
      throw context.error("invalid-parameter", "bounds apply to SCALE_BETWEEN only", at: given.location,
                          fix: "remove the bounds, or use strategy SCALE_BETWEEN")
    }
    bounds = (lower?.double ?? 0, upper?.double ?? 1)
    guard bounds.lower < bounds.upper, bounds.lower.isFinite, bounds.upper.isFinite else {
      throw context.error("invalid-parameter", "lower_bound \(bounds.lower) must be below upper_bound \(bounds.upper)",
                          at: (f["lower_bound"] ?? node).location)
    }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    field = try target.newField(in: input, context: context)
    var output = input
    output.append(field)
    return output
  }

  public mutating func learn(_ input: PrePass) throws {
    var sum = ExactSum()
    var low = Double.infinity
    var high = -Double.infinity
    try input.forEachNumber(of: index) { n in
      sum.add(n)
      let d = n.double
      low = min(low, d)
      high = max(high, d)
    }
    guard let mean = sum.mean else { return }
    let range = high - low
    switch strategy {
    case .minMax, .scaleBetween:
      shift = low
      divisor = range
      scale = bounds.upper - bounds.lower
      offset = range == 0 ? (bounds.upper + bounds.lower) / 2 : bounds.lower
    case .meanNormalization:
      shift = mean
      divisor = range
    case .zScore:
      var squares = 0.0
      try input.forEachNumber(of: index) { n in
        let d = n.double - mean
        squares += d * d
      }
      shift = mean
      divisor = sum.count > 1 ? (squares / Double(sum.count - 1)).squareRoot() : 0
    }
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    batch.computingText(from: index, appending: field, code: "not-a-number", rejects: &rejects) { parsed, raw, out in
      guard let n = StepNumber(parsed) else { return .refused(notANumber(raw, column: source.name)) }
      let scaled = divisor == 0 ? offset : (n.double - shift) / divisor * scale + offset
      out.append(contentsOf: ValueFormatter.formatDouble(scaled).utf8)
      return .written
    }
  }

  public static let examples = [
    StepExample(
      "Min-max into [0, 1]", yaml: "normalization: {source_column: votes, strategy: MIN_MAX, target_column: votes_scaled}",
      input: ExampleTable(["votes"], [["10"], ["20"], [nil], ["50"]]),
      output: ExampleTable(["votes", "votes_scaled"], [["10", "0"], ["20", "0.25"], [nil, nil], ["50", "1"]])),
    StepExample(
      "Between two bounds", yaml: "normalization: {source_column: votes, strategy: SCALE_BETWEEN, target_column: v, lower_bound: -1, upper_bound: 1}",
      input: ExampleTable(["votes"], [["10"], ["30"], ["50"]]),
      output: ExampleTable(["votes", "v"], [["10", "-1"], ["30", "0"], ["50", "1"]])),
    StepExample(
      "Mean normalization divides by the range", yaml: "normalization: {source_column: x, strategy: MEAN_NORMALIZATION, target_column: x_mean}",
      input: ExampleTable(["x"], [["1"], ["2"], ["3"], ["6"]]),
      output: ExampleTable(["x", "x_mean"], [["1", "-0.4"], ["2", "-0.2"], ["3", "0"], ["6", "0.6"]])),
    StepExample(
      "Z-score with the sample standard deviation", yaml: "normalization: {source_column: x, strategy: Z_SCORE, target_column: z}",
      input: ExampleTable(["x"], [["2"], ["4"], ["4"], ["4"], ["5"], ["5"], ["7"], ["9"]]),
      output: ExampleTable(["x", "z"], [
        ["2", "-1.403121520040228"], ["4", "-0.46770717334674267"], ["4", "-0.46770717334674267"], ["4", "-0.46770717334674267"],
        ["5", "0"], ["5", "0"], ["7", "0.9354143466934853"], ["9", "1.8708286933869707"],
      ])),
    StepExample(
      "Text that is not a number is quarantined", yaml: "normalization: {source_column: x, strategy: MIN_MAX, target_column: y}",
      input: ExampleTable(["x"], [["1"], ["many"], ["3"]]),
      output: ExampleTable(["x", "y"], [["1", "0"], ["3", "1"]]), rejectedRows: [1]),
    StepExample(
      "An unknown strategy names the nearest", yaml: "normalization: {source_column: x, strategy: ZSCORE, target_column: y}",
      input: ExampleTable(["x"], [["1"]]), error: "invalid-parameter"),
  ]
}
