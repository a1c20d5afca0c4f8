#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Works out the layout of a JSON source from its first bytes, when the user did not set it.
///
/// `[` first means one array of rows. Otherwise the values of the sample are walked: if each one
/// begins and ends on its own line the file is JSON Lines, which reads best (a broken line costs
/// only that line); a value spanning lines, or two values on one line, means concatenated values
/// (pretty-printed objects one after another, say). A syntax error in the sample stops the walk:
/// after one-line values it means a broken line of JSON Lines. Only the sample is looked at, so a JSON Lines file with a
/// pretty-printed object past the first mebibyte reads as JSON Lines with rejected lines there:
/// set the layout to override.
enum JSONLayoutDetection {
  /// How many bytes the reader gives `detect` when the file is longer.
  static let sampleBytes = 1 << 20

  /// `bytes` is the start of the file after any byte order mark; `wholeFile` when that is all of it.
  static func detect(_ bytes: UnsafeBufferPointer<UInt8>, wholeFile: Bool) -> JSONLayout {
    let n = bytes.count
    var p = JSONTokens.skipWhitespace(bytes, 0, n)
    guard p < n else { return .lines }
    if bytes[p] == UInt8(ascii: "[") { return .array }
    var singleLineValues = 0
    while p < n {
      let start = p
      let end: Int
      do throws(JSONStop) {
        end = try JSONTokens.skipValue(bytes, from: start, limit: n, final: wholeFile)
      } catch {
        let (stop, _) = error.located(at: n)
        // After values that each kept to one line, a broken value is a bad line of JSON Lines
        // (an object cut short runs into the next line), not a sign of pretty-printed values.
        if singleLineValues > 0 { return .lines }
        return hasNewline(bytes, start, stop) ? .concatenated : .lines
      }
      if hasNewline(bytes, start, end) { return .concatenated }
      var q = end
      while q < n && (bytes[q] == UInt8(ascii: " ") || bytes[q] == UInt8(ascii: "\t") || bytes[q] == UInt8(ascii: "\r")) {
        q += 1
      }
      if q < n && bytes[q] != JSONTokens.newline { return .concatenated }
      singleLineValues += 1
      p = JSONTokens.skipWhitespace(bytes, q, n)
    }
    return .lines
  }

  private static func hasNewline(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    guard end > start, let base = bytes.baseAddress else { return false }
    return memchr(base + start, Int32(JSONTokens.newline), end - start) != nil
  }
}
