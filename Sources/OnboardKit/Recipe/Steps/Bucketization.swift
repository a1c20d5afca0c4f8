/// Puts numbers into named ranges, in a new column:
/// `bucketization: {source_column: age, target_column: age_group, splits: ["-Infinity", 25, 60, "Infinity"], bucket_names: [young, adult, senior]}`.
///
/// As Spark's `Bucketizer`, which DataBrew runs: `splits` are increasing bounds, bucket `i` holds
/// values in `[splits[i], splits[i+1])`, and the last bucket also holds its upper bound. Use
/// `"-Infinity"` and `"Infinity"` as the outer bounds to catch every number. A value outside all
/// buckets, and text that is not a number, is quarantined; nulls give null.
///
/// DataBrew's other form, `percentage: 25`, makes buckets of equal shares (quartiles here; one
/// bucket name per share, the last share smaller when 100 is not a multiple). Its bounds are
/// learnt in a pre-pass: bound `k` is the exact number at 0-based rank ⌊k·p/100·n⌋ of the `n`
/// sorted numbers, so a bucket holds its share of rows unless equal values straddle a bound (they
/// all go above it). The outer bounds are open. Memory: as `fill_with_median` (`RankSelection`).
public struct Bucketization: PrePassStep {
  public static let kind = "bucketization"
  public static let summary = "Write the name of the range each number falls in to a new column."
  public static let parameterDocs = [
    (name: "source_column", doc: "the text column of numbers"),
    (name: "target_column", doc: "the new column; must not exist yet"),
    (name: "splits", doc: "increasing bounds, at least 3, such as [\"-Infinity\", 25, 60, \"Infinity\"]; [lo, hi), the last bucket includes hi"),
    (name: "percentage", doc: "instead of splits: each bucket's share of the rows, in percent (bounds learnt in a pre-pass)"),
    (name: "bucket_names", doc: "one name per bucket: one fewer than the splits, or one per share"),
  ]
  public static let databrewOperation: String? = "BUCKETIZATION"

  private var source: ColumnParameter
  private var target: ColumnParameter
  private var splits: [StepNumber] = []
  /// Each bucket's share in percent, when the bounds are learnt rather than given.
  private var percentage: Double?
  private var names: [[UInt8]] = []
  private var index = 0
  private var field = Field(name: "", type: .string)

  public init(parameters: RecipeNode, context: StepContext) throws {
    let f = try parameters.fields(
      allowed: ["source_column", "target_column", "splits", "bucket_names", "percentage"],
      required: ["source_column", "target_column"], step: context.reference)
    source = try ColumnParameter(f, "source_column", context: context)
    target = try ColumnParameter(f, "target_column", context: context)
    let namesNode = try f.required("bucket_names", step: context.reference)
    names = try namesNode.strings().map { Array($0.utf8) }
    if let node = f["percentage"] {
      guard f["splits"] == nil else {
        throw context.error("invalid-parameter", "give either splits or percentage, not both", at: node.location)
      }
      guard let p = try f.number("percentage", context: context)?.double, p > 0, p <= 50 else {
        throw context.error("invalid-parameter", "percentage must be above 0 and at most 50 (two buckets)", at: node.location,
                            fix: "write each bucket's share, such as 25 for quartiles")
      }
      let shares = Int((100 / p).rounded(.up))
      guard names.count == shares else {
        throw context.error("invalid-parameter", "shares of \(ValueFormatter.formatDouble(p))% make \(shares) buckets, but \(names.count) bucket names are given",
                            at: namesNode.location, fix: "give one name per bucket")
      }
      percentage = p
      return
    }
    let splitsNode = try f.required("splits", step: context.reference)
    for item in try splitsNode.items() {
      let text = try item.string()
      guard let n = StepNumber(parameter: text) else {
        throw context.error("invalid-parameter", "split '\(text)' is not a number", at: item.location,
                            fix: "write numbers, or \"-Infinity\" and \"Infinity\" for open ends")
      }
      if let last = splits.last, StepNumber.compare(last, n) >= 0 {
        throw context.error("invalid-parameter", "splits must increase, but \(text) follows a value not smaller", at: item.location)
      }
      splits.append(n)
    }
    guard splits.count >= 3 else {
      throw context.error("invalid-parameter", "bucketization needs at least 3 splits (2 buckets), got \(splits.count)",
                          at: splitsNode.location, fix: "add bounds, such as [\"-Infinity\", 0, \"Infinity\"]")
    }
    guard names.count == splits.count - 1 else {
      throw context.error("invalid-parameter", "\(splits.count) splits make \(splits.count - 1) buckets, but \(names.count) bucket names are given",
                          at: namesNode.location, fix: "give one name per bucket: one fewer than the splits")
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
    batch.computingText(from: index, appending: field, code: "no-bucket", rejects: &rejects) { parsed, raw, out in
      guard let n = StepNumber(parsed) else { return .refused(notANumber(raw, column: source.name)) }
      guard let bucket = bucket(of: n) else {
        return .refused("value '\(String(decoding: raw, as: UTF8.self))' of column '\(source.name)' is outside every bucket")
      }
      out.append(contentsOf: names[bucket])
      return .written
    }
  }

  public var needsPrePass: Bool { percentage != nil }

  public mutating func learn(_ input: PrePass) throws {
    guard let percentage else { return }
    let inner = names.count - 1
    let (_, bounds) = try RankSelection.select(
      ranks: { n in (1 ... inner).map { k in min(n - 1, Int((Double(k) * percentage / 100 * Double(n)).rounded(.down))) } },
      of: index, in: input)
    // Equal bounds (one value filling more than a share) leave a bucket empty; the search still
    // puts each number above the last bound not greater than it.
    splits = [.double(-.infinity)] + (bounds ?? []) + [.double(.infinity)]
  }

  /// The bucket of `n` by binary search over the bounds, or nil outside them.
  private func bucket(of n: StepNumber) -> Int? {
    let last = splits.count - 1
    guard StepNumber.compare(n, splits[0]) >= 0, StepNumber.compare(n, splits[last]) <= 0 else { return nil }
    if StepNumber.compare(n, splits[last]) == 0 { return last - 1 }
    var (lo, hi) = (0, last)  // splits[lo] <= n < splits[hi]
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if StepNumber.compare(n, splits[mid]) >= 0 { lo = mid } else { hi = mid }
    }
    return lo
  }

  public static let examples = [
    StepExample(
      "Age groups; a bound belongs to the bucket above it",
      yaml: "bucketization: {source_column: age, target_column: group, splits: ['-Infinity', 25, 60, 'Infinity'], bucket_names: [young, adult, senior]}",
      input: ExampleTable(["age"], [["19"], ["25"], ["59.9"], ["60"], [nil]]),
      output: ExampleTable(["age", "group"], [["19", "young"], ["25", "adult"], ["59.9", "adult"], ["60", "senior"], [nil, nil]])),
    StepExample(
      "The last bucket includes its upper bound; values outside are quarantined",
      yaml: "bucketization: {source_column: score, target_column: grade, splits: [0, 50, 100], bucket_names: [fail, pass]}",
      input: ExampleTable(["score"], [["100"], ["0"], ["100.5"], ["-1"], ["ten"]]),
      output: ExampleTable(["score", "grade"], [["100", "pass"], ["0", "fail"]]), rejectedRows: [2, 3, 4]),
    StepExample(
      "Quartiles: bounds learnt from the data, a quarter of the rows each",
      yaml: "bucketization: {source_column: income, target_column: quartile, percentage: 25, bucket_names: [q1, q2, q3, q4]}",
      input: ExampleTable(["income"], [["10"], ["80"], ["30"], ["20"], ["70"], ["40"], ["60"], ["50"]]),
      output: ExampleTable(["income", "quartile"], [
        ["10", "q1"], ["80", "q4"], ["30", "q2"], ["20", "q1"], ["70", "q4"], ["40", "q2"], ["60", "q3"], ["50", "q3"],
      ])),
    StepExample(
      "Shares of 50% make two buckets, so two names",
      yaml: "bucketization: {source_column: level, target_column: bin, percentage: 50, bucket_names: [low, middle, high]}",
      input: ExampleTable(["level"], [["1"]]), error: "invalid-parameter"),
    StepExample(
      "One name per bucket",
      yaml: "bucketization: {source_column: score, target_column: grade, splits: [0, 50, 100], bucket_names: [fail, pass, merit]}",
      input: ExampleTable(["score"], [["1"]]), error: "invalid-parameter"),
  ]
}
