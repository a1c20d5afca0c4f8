/// Guesses a file's text encoding from its first bytes, as three phases tried in order: a byte
/// order mark, the zero bytes of UTF-16, then UTF-8 validity with a single-byte fallback.
///
/// ```swift
/// let r = EncodingDetection.detect(Array("café".utf8), sampleIsWholeFile: true)
/// // r.encoding == .utf8, r.bomLength == 0
/// ```
///
/// An encoding the user declares wins over this guess; the `reason` says what was seen, so a
/// wrong guess can be spotted in the run summary and overridden.
public enum EncodingDetection {
  public struct Result: Sendable, Equatable {
    public var encoding: TextEncoding
    /// How many bytes at the start are a byte order mark, to be skipped (0 when there is none).
    public var bomLength: Int
    /// One sentence on what in the bytes decided it, for the run summary and the manifest.
    public var reason: String

    public init(encoding: TextEncoding, bomLength: Int, reason: String) {
      self.encoding = encoding
      self.bomLength = bomLength
      self.reason = reason
    }
  }

  /// Detects the encoding of `sample`, the first bytes of a file (all of it when
  /// `sampleIsWholeFile`, which makes a multi-byte character cut off at the end an error rather
  /// than an artefact of where the sample stopped).
  ///
  /// - Complexity: O(n) in the sample's length.
  public static func detect(_ sample: [UInt8], sampleIsWholeFile: Bool) -> Result {
    if let result = byteOrderMark(sample) { return result }
    if let result = utf16ByZeroBytes(sample, sampleIsWholeFile: sampleIsWholeFile) { return result }
    return utf8OrSingleByte(sample, sampleIsWholeFile: sampleIsWholeFile)
  }

  /// Bytes in 0x80–0x9F that Windows-1252 leaves undefined. Text that holds one of them is not
  /// Windows-1252; Latin-1 reads them (as C1 control characters), so it is the better guess.
  static let undefinedInWindows1252: [UInt8] = [0x81, 0x8D, 0x8F, 0x90, 0x9D]

  // MARK: - Phases

  /// A byte order mark settles it: a writer put it there to say which encoding follows.
  private static func byteOrderMark(_ sample: [UInt8]) -> Result? {
    // No mark is a prefix of another, so the order of this loop does not matter.
    for encoding in [TextEncoding.utf8, .utf16LE, .utf16BE] {
      let mark = encoding.byteOrderMark
      if sample.starts(with: mark) {
        let bytes = mark.map { hex($0) }.joined(separator: " ")
        return Result(
          encoding: encoding, bomLength: mark.count,
          reason: "the file starts with a \(encoding.displayName) byte order mark (\(bytes))")
      }
    }
    return nil
  }

  /// ASCII characters in UTF-16 have a zero in one byte of every pair: the high byte, which comes
  /// second in UTF-16LE and first in UTF-16BE. Delimiters, digits and line ends are ASCII even in
  /// files of other scripts, so a zero in a quarter of the pairs is a low bar that real files
  /// clear easily; the other byte of the pairs must then be almost never zero.
  private static func utf16ByZeroBytes(_ sample: [UInt8], sampleIsWholeFile: Bool) -> Result? {
    let pairs = sample.count / 2
    // A whole file with an odd number of bytes cannot be UTF-16.
    guard pairs > 0, !(sampleIsWholeFile && sample.count % 2 == 1) else { return nil }
    var zeroFirst = 0
    var zeroSecond = 0
    for pair in 0 ..< pairs {
      if sample[2 * pair] == 0 { zeroFirst += 1 }
      if sample[2 * pair + 1] == 0 { zeroSecond += 1 }
    }
    let encoding: TextEncoding
    let zeros: Int
    let position: String
    if zeroSecond * 4 >= pairs && zeroFirst * 8 <= zeroSecond {
      (encoding, zeros, position) = (.utf16LE, zeroSecond, "second")
    } else if zeroFirst * 4 >= pairs && zeroSecond * 8 <= zeroFirst {
      (encoding, zeros, position) = (.utf16BE, zeroFirst, "first")
    } else {
      return nil
    }
    return Result(
      encoding: encoding, bomLength: 0,
      reason: "there is no byte order mark, but \(zeros) of \(pairs) byte pairs have a zero \(position) byte, as ASCII text in \(encoding.displayName) does")
  }

  /// Text that is valid UTF-8 is UTF-8: other encodings almost never produce valid multi-byte
  /// sequences by chance. Anything else is read as Windows-1252, which agrees with Latin-1 on
  /// every printable character and adds €, curly quotes and dashes in 0x80–0x9F.
  private static func utf8OrSingleByte(_ sample: [UInt8], sampleIsWholeFile: Bool) -> Result {
    let invalid = sample.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
    guard let invalid else {
      if sample.isEmpty {
        return Result(encoding: .utf8, bomLength: 0, reason: "there are no bytes to look at; read as UTF-8")
      }
      if sample.allSatisfy({ $0 < 0x80 }) {
        return Result(
          encoding: .utf8, bomLength: 0,
          reason: "all bytes are ASCII, which reads the same in every supported encoding; read as UTF-8")
      }
      return Result(encoding: .utf8, bomLength: 0, reason: "the bytes are valid UTF-8")
    }
    let cutByTheSample = !sampleIsWholeFile
      && sample.withUnsafeBufferPointer { UTF8Validation.isIncompleteSequence(UnsafeBufferPointer(rebasing: $0[invalid...])) }
    if cutByTheSample {
      return Result(
        encoding: .utf8, bomLength: 0,
        reason: "the bytes are valid UTF-8 (the sample ends inside a character at offset \(invalid))")
    }
    let notUTF8 = "the bytes are not valid UTF-8 (first at offset \(invalid))"
    if let undefined = sample.firstIndex(where: { undefinedInWindows1252.contains($0) }) {
      return Result(
        encoding: .latin1, bomLength: 0,
        reason: "\(notUTF8) and byte 0x\(hex(sample[undefined])) at offset \(undefined) is undefined in Windows-1252; read as Latin-1")
    }
    return Result(encoding: .windows1252, bomLength: 0, reason: "\(notUTF8); read as Windows-1252")
  }

  /// Two upper-case hex digits, as byte values are written in messages ("9D").
  private static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
  }
}
