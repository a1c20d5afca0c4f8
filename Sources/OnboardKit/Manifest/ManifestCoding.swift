import Foundation

extension Manifest {
  /// Stable JSON: snake_case keys, sorted, pretty-printed, ending with a newline.
  public func jsonData() throws -> Data {
    var data = try Manifest.encoder.encode(self)
    data.append(10)
    return data
  }

  public static func decode(_ data: Data) throws -> Manifest {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(Manifest.self, from: data)
  }

  static var encoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return encoder
  }

  /// An instant as ISO 8601 UTC to the second: the run's start (`Checker.runStart`, which
  /// `SOURCE_DATE_EPOCH` pins).
  public static func timestamp(_ instant: Date) -> String {
    let seconds = Int64(instant.timeIntervalSince1970.rounded(.down))
    var out: [UInt8] = []
    ValueFormatter.appendTimestamp(seconds * 1_000_000, to: &out)
    return String(decoding: out, as: UTF8.self).replacingOccurrences(of: " ", with: "T") + "Z"
  }
}
