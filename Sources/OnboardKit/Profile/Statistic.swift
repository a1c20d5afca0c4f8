/// A mergeable statistic: observe values, merge with a statistic of other values, read a result.
///
/// Each conformer holds sufficient state (counts, sums, sketches), never rows, and obeys the merge
/// law: observing A then B gives the same state as observing A and B apart and merging (exactly for
/// exact statistics; within the stated error for sketches). That is what lets batches be profiled
/// on all cores now and on a cluster later. Inputs differ by statistic, so `observe` is per type.
public protocol Statistic: Sendable {
  associatedtype Result
  init()
  mutating func merge(_ other: Self)
  var result: Result { get }
}
