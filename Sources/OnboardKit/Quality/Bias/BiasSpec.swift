/// One bias report to compute: a label, a facet and an optional group variable (for CDD). It
/// counts the rows of batches into a `BiasCounts`, whose `result` is the report.
public struct BiasSpec: Sendable, Equatable {
  public var label: BiasLabel
  public var facet: BiasFacet
  public var group: String?

  public init(label: BiasLabel, facet: BiasFacet, group: String? = nil) {
    self.label = label
    self.facet = facet
    self.group = group
  }

  /// A column this spec names that `schema` lacks.
  public struct MissingColumn: Error, Equatable, CustomStringConvertible {
    public var column: String
    public var role: String
    public var description: String { "the bias \(role) column '\(column)' is not in the data" }
  }

  /// Counts the rows of `batch` into `counts`.
  public func observe(_ batch: Batch, into counts: inout BiasCounts) throws {
    func column(_ name: String, _ role: String) throws -> Column {
      guard let i = batch.schema.index(of: name) else { throw MissingColumn(column: name, role: role) }
      return batch.columns[i]
    }
    let isPositive = label.classifier(for: try column(label.column, "label"))
    let classify = facet.classifier(for: try column(facet.column, "facet"))
    let groupColumn = try group.map { try column($0, "group") }
    for row in 0 ..< batch.rowCount {
      let (sensitive, unreadable) = classify(row)
      let key: String?? = groupColumn.map { BiasColumnValue.text($0, row) }
      counts.observe(sensitive: sensitive, positive: isPositive(row), group: key, facetUnreadable: unreadable)
    }
  }

  /// The report over every batch of `reader`.
  public func report(_ reader: any BatchReader) throws -> (counts: BiasCounts, report: BiasReport) {
    var counts = BiasCounts()
    while let result = try reader.next() { try observe(result.batch, into: &counts) }
    return (counts, counts.result)
  }
}
