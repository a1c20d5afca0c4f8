import Testing

@testable import OnboardKit

/// The word-at-a-time search must find exactly what a byte-by-byte search finds, whatever the
/// neighbouring bytes (borrows between bytes are where such tricks go wrong).
@Suite struct ByteFinderTests {
  static func naive(_ bytes: [UInt8], _ wanted: Set<UInt8>, from: Int, to: Int) -> Int {
    (from ..< to).first { wanted.contains(bytes[$0]) } ?? to
  }

  @Test(arguments: [(UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r")), (0x22, 0x22, 0x0A), (0x00, 0x01, 0xFF), (0x80, 0x7F, 0x09)])
  func agreesWithByteByByte(_ wanted: (UInt8, UInt8, UInt8)) {
    let finder = ByteFinder(wanted.0, wanted.1, wanted.2)
    let set: Set<UInt8> = [wanted.0, wanted.1, wanted.2]
    var rng = SplitMix64(seed: 41)
    // Mostly bytes next to the wanted ones (one above and below: where a borrow would show),
    // sometimes a wanted byte, sometimes anything.
    let near = set.flatMap { [$0 &- 1, $0, $0 &+ 1] }
    for _ in 0 ..< 2000 {
      let length = Int(rng.next() % 40)
      let bytes: [UInt8] = (0 ..< length).map { _ in
        switch rng.next() % 4 {
        case 0: UInt8(truncatingIfNeeded: rng.next())
        default: near[Int(rng.next() % UInt64(near.count))]
        }
      }
      let from = length == 0 ? 0 : Int(rng.next() % UInt64(length + 1))
      let to = from + Int(rng.next() % UInt64(length - from + 1))
      var seen: UInt64 = 0
      let found = bytes.withUnsafeBufferPointer { finder.first(in: $0, from: from, to: to, seen: &seen) }
      #expect(found == Self.naive(bytes, set, from: from, to: to), "\(bytes) \(from)..<\(to)")
      // Every byte up to the match was seen: a non-ASCII one among them shows in the high bits.
      if bytes[from ..< min(found + 1, to)].contains(where: { $0 >= 0x80 }) { #expect(seen & ByteFinder.nonASCII != 0) }
      if bytes[from ..< to].allSatisfy({ $0 < 0x80 }) { #expect(seen & ByteFinder.nonASCII == 0) }
    }
  }

  @Test func findsInEveryPosition() {
    let finder = ByteFinder(UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"))
    for position in 0 ..< 24 {
      var bytes = [UInt8](repeating: UInt8(ascii: "-"), count: 24)
      bytes[position] = UInt8(ascii: "\n")
      var seen: UInt64 = 0
      #expect(bytes.withUnsafeBufferPointer { finder.first(in: $0, from: 0, to: 24, seen: &seen) } == position)
      #expect(bytes.withUnsafeBufferPointer { finder.first(in: $0, from: position + 1, to: 24, seen: &seen) } == 24)
    }
  }
}
