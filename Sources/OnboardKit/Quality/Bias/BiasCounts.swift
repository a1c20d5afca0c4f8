/// The mergeable facet × label (× group) count table behind the bias report (DESIGN.md invariant 4):
/// one counting pass gives every pre-training metric, and tables of batches merge by addition.
///
/// `overall` counts every row; `groups` the rows by value of the group variable (for CDD), keyed by
/// the value as text. Rows whose group value is null are in `overall` and in `ungroupedRows`, not
/// in `groups`: CDD leaves them out of its weighted mean, as Clarify does for a missing (NaN) group.
public struct BiasCounts: Statistic, Equatable {
  public private(set) var overall = FacetLabelCounts()
  public private(set) var groups: [String: FacetLabelCounts] = [:]
  public private(set) var ungroupedRows = 0
  /// Rows of a threshold facet whose value is not a number (counted in facet a).
  public private(set) var unreadableFacetRows = 0

  public init() {}

  /// Counts one row. `group` is nil when no group variable is declared; `.some(nil)` when the
  /// row's group value is null.
  public mutating func observe(sensitive: Bool, positive: Bool, group: String?? = nil, facetUnreadable: Bool = false) {
    overall.observe(sensitive: sensitive, positive: positive)
    if facetUnreadable { unreadableFacetRows += 1 }
    switch group {
    case .none: break
    case .some(.none): ungroupedRows += 1
    case .some(.some(let key)): groups[key, default: FacetLabelCounts()].observe(sensitive: sensitive, positive: positive)
    }
  }

  public mutating func merge(_ other: BiasCounts) {
    overall.merge(other.overall)
    for (key, counts) in other.groups { groups[key, default: FacetLabelCounts()].merge(counts) }
    ungroupedRows += other.ungroupedRows
    unreadableFacetRows += other.unreadableFacetRows
  }

  /// Whether a group variable was seen: CDD is not computed without one.
  public var hasGroupVariable: Bool { !groups.isEmpty || ungroupedRows > 0 }

  /// Every metric, as Clarify computes it from the same rows.
  public var result: BiasReport { BiasReport(self) }
}
