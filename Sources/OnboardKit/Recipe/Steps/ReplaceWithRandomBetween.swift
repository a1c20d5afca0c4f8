/// Replaces the values of text columns with random numbers between two bounds:
/// `replace_with_random_between: {source_columns: [salary], lower_bound: 1000, upper_bound: 9999}`.
///
/// The numbers are reproducible: running the same recipe on the same file gives the same output.
/// Each value's generator (SplitMix64) is seeded from a hash of the value's bytes, the column's
/// name and the row's origin (source line and byte offset), so equal values on different rows get
/// different numbers (the output does not reveal which values repeat) while a rerun changes
/// nothing. The seed is not a secret: this hides values from a casual reader, not from someone who
/// has the input. When both bounds are integers the result is a whole number in
/// `lower_bound...upper_bound` (both included); otherwise a decimal in `lower_bound..<upper_bound`.
/// The result is text (a `cast` types it). Nulls stay null: there is no value to hide.
public struct ReplaceWithRandomBetween: Step {
  public static let kind = "replace_with_random_between"
  public static let summary = "Replace text values with reproducible random numbers between two bounds."
  public static let parameterDocs = [
    (name: "source_columns", doc: "the text columns to replace (a name or a list; `source_column` also works)"),
    (name: "lower_bound", doc: "the smallest number; with an integer `upper_bound`, both included"),
    (name: "upper_bound", doc: "the largest number (excluded for decimals)"),
  ]
  public static let databrewOperation: String? = "REPLACE_WITH_RANDOM_BETWEEN"

  private enum Bounds: Sendable {
    case integers(Int64, Int64)
    case decimals(Double, Double)
  }

  /// The SplitMix64 generator (Steele, Lea and Flood, 2014): tiny, fast and well mixed.
  private struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9e37_79b9_7f4a_7c15
      var z = state
      z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
      z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
      return z ^ (z >> 31)
    }
  }

  private var sources: [ColumnParameter]
  private var bounds: Bounds
  private var targets: [(index: Int, salt: UInt64)] = []

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_columns", "source_column", "lower_bound", "upper_bound"], required: ["lower_bound", "upper_bound"],
      step: context.reference)
    sources = try ColumnParameter.sourceList(f, context: context)
    let lowerNode = try f.required("lower_bound", step: context.reference)
    let upperNode = try f.required("upper_bound", step: context.reference)
    let lower = try lowerNode.string()
    let upper = try upperNode.string()
    if let l = Int64(lower), let u = Int64(upper) {
      guard l <= u else {
        throw context.error("invalid-parameter", "lower_bound \(l) is above upper_bound \(u)", at: lowerNode.location, fix: "swap the bounds")
      }
      bounds = .integers(l, u)
    } else {
      for (name, node, text) in [("lower_bound", lowerNode, lower), ("upper_bound", upperNode, upper)]
      where Double(text).map({ !$0.isFinite }) ?? true {
        throw context.error("invalid-parameter", "\(name) '\(text)' is not a number", at: node.location, fix: "write a number such as `10` or `2.5`")
      }
      let (l, u) = (Double(lower)!, Double(upper)!)
      guard l < u else {
        throw context.error("invalid-parameter", "lower_bound \(lower) is not below upper_bound \(upper)", at: lowerNode.location,
                            fix: "give a lower bound below the upper bound")
      }
      bounds = .decimals(l, u)
    }
  }

  public mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    targets = try sources.map { (try $0.textIndex(in: input, context: context), Array($0.name.utf8).withUnsafeBufferPointer(Hashing.stable)) }
    return input
  }

  public func apply(_ batch: Batch, rejects: inout StepRejections) -> Batch {
    var output = batch
    for target in targets {
      guard case .text(let column) = batch.columns[target.index] else { continue }
      var result = TextColumn()
      result.reserveCapacity(rows: column.count, bytes: column.count * 8)
      column.withValues { values in
        for row in 0 ..< column.count {
          if column.isNull(row) {
            result.appendNull()
            continue
          }
          let origin = batch.origins[row]
          let place = Hashing.finalize(UInt64(truncatingIfNeeded: origin.line) &* 0x9e37_79b9_7f4a_7c15
            ^ UInt64(truncatingIfNeeded: origin.byteOffset) ^ target.salt)
          var generator = SplitMix64(state: Hashing.stable(values[row]) ^ place)
          result.append(Array(number(&generator).utf8))
        }
      }
      output.columns[target.index] = .text(result)
    }
    return output
  }

  private func number(_ generator: inout SplitMix64) -> String {
    switch bounds {
    case .integers(let lower, let upper):
      // The width of the range as an unsigned count; 0 means all 2^64 values.
      let width = UInt64(bitPattern: upper &- lower) &+ 1
      let draw = generator.next()
      let offset = width == 0 ? draw : draw.multipliedFullWidth(by: width).high
      return String(lower &+ Int64(bitPattern: offset))
    case .decimals(let lower, let upper):
      let unit = Double(generator.next() >> 11) * 0x1p-53
      return String(min(lower + (upper - lower) * unit, upper.nextDown))
    }
  }

  public static let examples = [
    StepExample(
      "Whole numbers, the same on every run; equal values on other rows get other numbers",
      yaml: "replace_with_random_between: {source_columns: [salary], lower_bound: 1000, upper_bound: 9999}",
      input: ExampleTable(["salary"], [["52000"], ["52000"], [nil]]),
      output: ExampleTable(["salary"], [["9080"], ["5470"], [nil]])),
    StepExample(
      "Decimals when a bound is a decimal", yaml: "replace_with_random_between: {source_column: score, lower_bound: 0, upper_bound: 1.5}",
      input: ExampleTable(["score"], [["0.7"]]),
      output: ExampleTable(["score"], [["0.18354274217866035"]])),
    StepExample(
      "The lower bound must not be above the upper", yaml: "replace_with_random_between: {source_columns: [salary], lower_bound: 10, upper_bound: 1}",
      input: ExampleTable(["salary"], [["5"]]), error: "invalid-parameter"),
  ]
}

extension ReplaceWithRandomBetween: ProtectsColumns {
  static let protection = "randomized"
  var protectedColumns: [String] { sources.map(\.name) }
}
