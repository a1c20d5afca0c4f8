/// The rows a `where` clause keeps, profiled on their own in the same pass: the rules that carry
/// the clause are planned against this scope and read its profile and probes as if the kept rows
/// were the whole table. Rules with the same clause share one scope.
///
/// It costs a second profile of the kept rows (in the one pass): clauses are for the few rules
/// that need them.
struct WhereScope: Sendable {
  let clause: String
  let filter: RowFilter
  var profile: ProfileAccumulator

  mutating func observe(_ batch: Batch) {
    profile.observe(batch.filtered(filter.keep(batch)))
  }
}
