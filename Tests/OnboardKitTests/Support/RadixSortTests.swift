import Testing

@testable import OnboardKit

@Suite struct RadixSortTests {
  /// The radix sort agrees with the standard sort: random keys, repeated keys, keys that differ
  /// only in their top or bottom digit, and short arrays (sorted the standard way).
  @Test(arguments: [0, 1, 5, 1023, 1025, 100_000])
  func agreesWithTheStandardSort(_ count: Int) {
    var generator = SystemRandomNumberGenerator()
    var keys = (0 ..< count).map { i -> UInt64 in
      switch i % 4 {
      case 0: UInt64.random(in: .min ... .max, using: &generator)
      case 1: UInt64(i % 7)
      case 2: UInt64(i % 5) << 48
      default: .max - UInt64(i % 3)
      }
    }
    let expected = keys.sorted()
    RadixSort.sort(&keys)
    #expect(keys == expected)
  }
}
