/// An open-addressing set of 64-bit hashes (linear probing, load at most 1/2).
///
/// Hashes are already well mixed, so the low bits index the table directly. Zero marks an empty
/// slot, so a hash of zero is stored as one (a collision chance of 2^-64, far below any error we state).
struct HashSet64: Sendable, Equatable {
  private(set) var slots: [UInt64]
  private(set) var count = 0

  init(capacity: Int = 16) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [UInt64](repeating: 0, count: size)
  }

  /// Inserts `hash`; returns true when it was new.
  @discardableResult
  @inline(__always)
  mutating func insert(_ hash: UInt64) -> Bool {
    let key = hash == 0 ? 1 : hash
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: key) & mask
    while true {
      let s = slots[i]
      if s == key { return false }
      if s == 0 { break }
      i = (i + 1) & mask
    }
    slots[i] = key
    count += 1
    if count * 2 > slots.count { grow() }
    return true
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: old.count * 2)
    count = 0
    for key in old where key != 0 { insert(key) }
  }

  var elements: [UInt64] { slots.filter { $0 != 0 } }

  static func == (a: HashSet64, b: HashSet64) -> Bool { a.count == b.count && Set(a.elements) == Set(b.elements) }
}
