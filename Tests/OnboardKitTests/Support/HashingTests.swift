import Testing

@testable import OnboardKit

/// The value hash reads short values in overlapping words: every byte of every length must count.
@Suite struct HashingTests {
  @Test func everyByteCounts() {
    var seen: Set<UInt64> = []
    var total = 0
    for length in 0 ... 40 {
      let base = (0 ..< length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
      seen.insert(Hashing.hash(base))
      total += 1
      for position in 0 ..< length {
        for delta: UInt8 in [1, 0x80] {
          var changed = base
          changed[position] ^= delta
          seen.insert(Hashing.hash(changed))
          total += 1
        }
      }
    }
    // One hash per distinct value: a byte the hash skipped would make two values collide.
    #expect(seen.count == total)
  }

  /// A trailing zero byte is part of the value (the length is in the seed).
  @Test func lengthCounts() {
    #expect(Hashing.hash([0x41]) != Hashing.hash([0x41, 0]))
    #expect(Hashing.hash([]) != Hashing.hash([0]))
  }

  /// FNV-1a's published test vectors: the stable hash must never change.
  @Test func stableIsFNV1a() {
    #expect(Array("".utf8).withUnsafeBufferPointer(Hashing.stable) == 0xcbf2_9ce4_8422_2325)
    #expect(Array("a".utf8).withUnsafeBufferPointer(Hashing.stable) == 0xaf63_dc4c_8601_ec8c)
    #expect(Array("foobar".utf8).withUnsafeBufferPointer(Hashing.stable) == 0x8594_4171_f739_67e8)
  }
}
