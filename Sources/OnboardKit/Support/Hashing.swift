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

  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let n = bytes.count
    var h: UInt64 = 0x243f_6a88_85a3_08d3 ^ (UInt64(n) &* 0x9e37_79b9_7f4a_7c15)
    guard let base = bytes.baseAddress else { return finalize(h) }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i + 8 <= n {
      let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      h = fold(word ^ 0xa076_1d64_78bd_642f, h ^ 0xe703_7ed1_a0b4_28db)
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < n {
      tail |= UInt64(base[i]) << shift
      shift += 8
      i += 1
    }
    h = fold(tail ^ 0x8ebc_6af0_9c88_c6e3, h ^ 0x5899_65cc_7537_4cc3)
    return finalize(h)
  }

  static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer { hash($0) } }
}
