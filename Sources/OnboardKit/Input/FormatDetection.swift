/// The kind of a source file.
public enum SourceFormat: String, Sendable, CaseIterable {
  case csv, json, xml
}

/// Tells CSV, JSON and XML apart by content (the first significant byte), not by file name:
/// producers name files `export.txt` or `data.csv.gz` whatever they hold.
enum FormatDetection {
  static func detect(_ sample: [UInt8]) -> SourceFormat {
    var i = sample.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while i < sample.count, [9, 10, 13, 32].contains(sample[i]) { i += 1 }
    guard i < sample.count else { return .csv }
    switch sample[i] {
    case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
    case UInt8(ascii: "<"): return .xml
    default: return .csv
    }
  }
}
