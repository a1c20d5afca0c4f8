/// Sorts 64-bit keys by their bytes, least significant digit first: four passes of 16-bit digits,
/// each a counting sort into a second buffer. Linear in the number of keys, where a comparison
/// sort of millions of hashes costs several times more; used to add up exact count tables.
enum RadixSort {
  static func sort(_ keys: inout [UInt64]) {
    let n = keys.count
    guard n > 1 << 10 else {
      keys.sort()
      return
    }
    var other = [UInt64](repeating: 0, count: n)
    var counts = [Int](repeating: 0, count: 1 << 16)
    for pass in 0 ..< 4 {
      let shift = UInt64(pass * 16)
      keys.withUnsafeBufferPointer { from in
        other.withUnsafeMutableBufferPointer { to in
          counts.withUnsafeMutableBufferPointer { counts in
            for i in 0 ..< counts.count { counts[i] = 0 }
            for k in from { counts[Int(truncatingIfNeeded: (k >> shift) & 0xFFFF)] += 1 }
            // Counts become each digit's first place.
            var total = 0
            for i in 0 ..< counts.count {
              let c = counts[i]
              counts[i] = total
              total += c
            }
            for k in from {
              let digit = Int(truncatingIfNeeded: (k >> shift) & 0xFFFF)
              to[counts[digit]] = k
              counts[digit] += 1
            }
          }
        }
      }
      swap(&keys, &other)
    }
  }
}
