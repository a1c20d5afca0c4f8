/// Fills missing values of a number column with its mode, the most frequent number:
/// `fill_with_mode: {source_column: rooms, mode_type: MINIMUM}`.
///
/// Numbers count by value, not by spelling (`2`, `2.0` and `2.00` are one number). When several
/// numbers are equally frequent, `mode_type` decides, as DataBrew documents: `MINIMUM` (the
/// default) takes the smallest, `MAXIMUM` the largest, `AVERAGE` their mean (`1 2 2 3 3 4` gives
/// 2, 3 or 2.5), and `NONE` fills nothing unless one number is the mode. Text that is not a number
/// is neither counted nor changed.
///
/// Memory: as `fill_with_most_frequent` (`FrequentValues`): a sketch of 1,024 values, and a 64-bit
/// hash count per distinct number only when no number stands out.
public struct FillWithMode: FillFromData {
  public static let kind = "fill_with_mode"
  public static let summary = "Replace missing values of a number column with its mode; mode_type breaks ties (pre-passes)."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column of numbers to fill"),
    (name: "mode_type", doc: "how a tie is broken: MINIMUM (default), MAXIMUM, AVERAGE, or NONE (no fill on a tie)"),
    (name: "column_data_type", doc: "DataBrew's type of the column; accepted and ignored, since the column is text"),
  ]
  public static let databrewOperation: String? = "FILL_WITH_MODE"

  enum TieBreak: String, CaseIterable { case minimum = "MINIMUM", maximum = "MAXIMUM", average = "AVERAGE", none = "NONE" }

  var column: ColumnParameter
  var index = -1
  var fill: [UInt8]?
  private var tieBreak = TieBreak.minimum

  init(column: ColumnParameter) { self.column = column }

  public init(parameters: RecipeNode, context: StepContext) throws {
    let (column, f) = try Self.fillParameters(parameters, context: context, extra: ["mode_type"])
    self.column = column
    if let node = f["mode_type"] {
      let text = try node.string()
      guard let t = TieBreak(rawValue: text.uppercased()) else {
        throw context.error(
          "invalid-parameter", "mode_type must be one of \(TieBreak.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'",
          at: node.location, fix: Suggestion.nearest(to: text.uppercased(), in: TieBreak.allCases.map(\.rawValue)).map { "did you mean \($0)?" })
      }
      tieBreak = t
    }
  }

  func fillValue(from input: PrePass) throws -> [UInt8]? {
    let modes = try FrequentValues.mostFrequent(of: index, in: input) { value, format, key in
      guard let n = StepNumber(ValueParser.parse(value, format: format)) else { return false }
      n.write(to: &key)
      return true
    }.values.compactMap { StepNumber(parameter: String(decoding: $0, as: UTF8.self)) }
      .sorted { StepNumber.compare($0, $1) < 0 }
    guard let smallest = modes.first, let largest = modes.last else { return nil }
    switch tieBreak {
    case .minimum: return smallest.text
    case .maximum: return largest.text
    case .none: return modes.count == 1 ? smallest.text : nil
    case .average:
      var sum = ExactSum()
      for n in modes { sum.add(n) }
      return modes.count == 1 ? smallest.text : Array(ValueFormatter.formatDouble(sum.mean!).utf8)
    }
  }

  public static let examples = [
    StepExample(
      "The most frequent number; 2 and 2.0 are one number", yaml: "fill_with_mode: {source_column: rooms}",
      input: ExampleTable(["rooms"], [["2"], ["3"], [nil], ["2.0"], ["4"]]),
      output: ExampleTable(["rooms"], [["2"], ["3"], ["2"], ["2.0"], ["4"]])),
    StepExample(
      "A tie broken by AVERAGE: 1 2 2 3 3 4 gives 2.5", yaml: "fill_with_mode: {source_column: n, mode_type: AVERAGE}",
      input: ExampleTable(["n"], [["1"], ["2"], ["2"], ["3"], ["3"], ["4"], [nil]]),
      output: ExampleTable(["n"], [["1"], ["2"], ["2"], ["3"], ["3"], ["4"], ["2.5"]])),
    StepExample(
      "MAXIMUM takes the largest of the tied numbers", yaml: "fill_with_mode: {source_column: n, mode_type: MAXIMUM}",
      input: ExampleTable(["n"], [["1"], ["2"], ["2"], ["3"], ["3"], ["4"], [""]]),
      output: ExampleTable(["n"], [["1"], ["2"], ["2"], ["3"], ["3"], ["4"], ["3"]])),
    StepExample(
      "NONE fills nothing when numbers tie", yaml: "fill_with_mode: {source_column: n, mode_type: NONE}",
      input: ExampleTable(["n"], [["1"], ["2"], ["2"], ["3"], ["3"], [nil]]),
      output: ExampleTable(["n"], [["1"], ["2"], ["2"], ["3"], ["3"], [nil]])),
    StepExample(
      "An unknown mode_type names the nearest", yaml: "fill_with_mode: {source_column: n, mode_type: MAXIMAL}",
      input: ExampleTable(["n"], [["1"]]), error: "invalid-parameter"),
  ]
}
