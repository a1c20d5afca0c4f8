/// A fixed, unseeded 64-bit hash of bytes, so sketches are reproducible run to run.
///
/// Multiply-fold mixing over 8-byte words (in the spirit of wyhash) with a murmur3 finaliser, so
/// that both low bits (hash tables) and high bits (HyperLogLog registers) are well spread.
enum Hashing {
  @inline(__always)
  private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let r = a.multipliedFullWidth(by: b)
    return r.high ^ r.low
  }

  @inline(__always)
  static func finalize(_ value: UInt64) -> UInt64 {
    var h = value
    h ^= h >> 33
    h &*= 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    h &*= 0xc4ce_b9fe_1a85_ec53
    h ^= h >> 33
    return h
  }

  /// Most values are short: up to 16 bytes are read as two (overlapping) words, 4 to 7 as two
  /// half words, 1 to 3 as three bytes; each way covers every byte, and the length is in the seed.
  /// Longer values fold 16 bytes at a time, then their last 16.
  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let n = bytes.count
    var h: UInt64 = 0x243f_6a88_85a3_08d3 ^ (UInt64(n) &* 0x9e37_79b9_7f4a_7c15)
    guard let base = bytes.baseAddress, n > 0 else { return finalize(h) }
    let raw = UnsafeRawPointer(base)
    @inline(__always) func word(_ i: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) }
    let a: UInt64, b: UInt64
    if n >= 8 {
      var i = 0
      while i + 16 < n {
        h = fold(word(i) ^ 0xa076_1d64_78bd_642f, word(i + 8) ^ h)
        i += 16
      }
      (a, b) = n > 16 ? (word(n - 16), word(n - 8)) : (word(0), word(n - 8))
    } else if n >= 4 {
      a = UInt64(raw.loadUnaligned(as: UInt32.self))
      b = UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
    } else {
      a = UInt64(base[0]) << 16 | UInt64(base[n >> 1]) << 8 | UInt64(base[n - 1])
      b = 0
    }
    return finalize(fold(a ^ 0xe703_7ed1_a0b4_28db, b ^ h ^ 0x8ebc_6af0_9c88_c6e3))
  }

  static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer { hash($0) } }

  /// FNV-1a, a hash fixed by its specification, for what users see (the numbers that
  /// `replace_with_random_between` writes): `hash` may be retuned for speed from one version to
  /// the next, this one never changes.
  static func stable(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    return h
  }
}
