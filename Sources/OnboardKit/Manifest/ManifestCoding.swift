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

  /// The run's start time, or `SOURCE_DATE_EPOCH` when set, as ISO 8601 UTC.
  public static func timestamp(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    let seconds = environment["SOURCE_DATE_EPOCH"].flatMap(Int64.init) ?? Int64(Date().timeIntervalSince1970)
    var out: [UInt8] = []
    ValueFormatter.appendTimestamp(seconds * 1_000_000, to: &out)
    return String(decoding: out, as: UTF8.self).replacingOccurrences(of: " ", with: "T") + "Z"
  }
}
