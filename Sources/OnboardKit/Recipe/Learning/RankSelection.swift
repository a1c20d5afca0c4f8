/// Finds the numbers of a column at given ranks (0-based, in increasing order), exactly, in
/// bounded memory: the median of a column of any length.
///
/// A radix selection over passes. Each number maps to a 64-bit key that sorts as the number does
/// (its double's bits, sign-flipped), and a pass counts keys by their next 16 bits within the
/// prefix known to hold the rank. As soon as the values under a prefix number at most
/// `heldValues`, a pass keeps those values and sorts them exactly (as decimals, so two decimals
/// that round to the same double still order right). The first pass also keeps every value while
/// there are at most `heldValues`, so a column of up to a million numbers takes one pass. Memory:
/// `heldValues` numbers (24 MiB) and one 65,536-bucket histogram (512 KiB) per rank sought; at most
/// five passes, two for any column whose values are not crowded into one 16-bit key prefix.
struct RankSelection {
  static let heldValues = 1 << 20

  /// The count of numbers and the values at `ranks` (each `0 ..< count`; nil when there are none).
  static func select(
    ranks: (_ count: Int) -> [Int], of index: Int, in input: PrePass, held limit: Int = heldValues
  ) throws -> (count: Int, values: [StepNumber]?) {
    // Pass 1: count, histogram of the top 16 bits, and the values while they fit.
    var count = 0
    var histogram = [Int](repeating: 0, count: 1 << 16)
    var held: [StepNumber] = []
    var holding = true
    try input.forEachNumber(of: index) { n in
      count += 1
      histogram[Int(key(n) >> 48)] += 1
      if holding {
        if held.count < limit { held.append(n) } else { holding = false; held = [] }
      }
    }
    guard count > 0 else { return (0, nil) }
    let wanted = ranks(count)
    if holding {
      held.sort { StepNumber.compare($0, $1) < 0 }
      return (count, wanted.map { held[$0] })
    }

    // Each rank narrows its own prefix; ranks that land under the same prefix share passes.
    struct Search {
      var prefix: UInt64 = 0
      var bits = 0
      var rank: Int
      var counts: [Int]
      var found: StepNumber?
    }
    var searches = wanted.map { Search(rank: $0, counts: histogram) }
    while searches.contains(where: { $0.found == nil }) {
      // Descend one level: choose the bucket holding the rank.
      var collect: [Int] = []
      for i in searches.indices where searches[i].found == nil {
        var rank = searches[i].rank
        var bucket = 0
        while rank >= searches[i].counts[bucket] {
          rank -= searches[i].counts[bucket]
          bucket += 1
        }
        searches[i].bits += 16
        searches[i].prefix |= UInt64(bucket) << (64 - UInt64(searches[i].bits))
        searches[i].rank = rank
        if searches[i].counts[bucket] <= limit || searches[i].bits == 64 { collect.append(i) }
      }
      // One pass serves every unfinished rank: collect small prefixes, histogram the others.
      var gathered = [[StepNumber]](repeating: [], count: searches.count)
      var next = [[Int]](repeating: [], count: searches.count)
      for i in searches.indices where searches[i].found == nil && !collect.contains(i) {
        next[i] = [Int](repeating: 0, count: 1 << 16)
      }
      let active = searches.indices.filter { searches[$0].found == nil }
      try input.forEachNumber(of: index) { n in
        let k = key(n)
        for i in active {
          let shift = UInt64(64 - searches[i].bits)
          guard k >> shift == searches[i].prefix >> shift else { continue }
          if next[i].isEmpty {
            gathered[i].append(n)
          } else {
            next[i][Int((k >> (shift - 16)) & 0xFFFF)] += 1
          }
        }
      }
      for i in active {
        if next[i].isEmpty {
          gathered[i].sort { StepNumber.compare($0, $1) < 0 }
          searches[i].found = gathered[i][searches[i].rank]
        } else {
          searches[i].counts = next[i]
        }
      }
    }
    return (count, searches.map { $0.found! })
  }

  /// A key whose unsigned order is the numbers' order (-0 and +0 alike).
  static func key(_ n: StepNumber) -> UInt64 {
    let d = n.double
    let bits = (d == 0 ? 0.0 : d).bitPattern
    return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
  }
}
