/// Detects a CSV file's dialect from its first lines, as named phases; settings the user gave win.
///
/// This first version has two phases, `detectDialect` and `detectHeader`; encodings, comment
/// lines, date formats and the rest join them as phases of their own.
public enum CSVSniffer {
  /// A setting and whether it was detected or set by the user.
  public struct Setting<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var detected: Bool
  }

  public struct Result: Sendable, Equatable {
    public var delimiter: Setting<UInt8>
    public var header: Setting<Bool>
    public var dialect: CSVDialect
  }

  /// User overrides: `nil` means "detect".
  public struct Overrides: Sendable, Equatable {
    public var delimiter: UInt8?
    public var quote: UInt8??
    public var header: Bool?
    public var columnNames: [String]?
    public init(delimiter: UInt8? = nil, quote: UInt8?? = nil, header: Bool? = nil, columnNames: [String]? = nil) {
      self.delimiter = delimiter
      self.quote = quote
      self.header = header
      self.columnNames = columnNames
    }
  }

  static let sampleBytes = 1 << 18

  public static func sniff(_ sample: [UInt8], overrides: Overrides = Overrides()) -> Result {
    var dialect = CSVDialect()
    if let quote = overrides.quote { dialect.quote = quote }
    let delimiter = overrides.delimiter.map { Setting(value: $0, detected: false) }
      ?? Setting(value: detectDialect(sample, quote: dialect.quote), detected: true)
    dialect.delimiter = delimiter.value
    let header = overrides.header.map { Setting(value: $0, detected: false) }
      ?? Setting(value: detectHeader(sample, dialect: dialect), detected: true)
    dialect.header = header.value
    dialect.columnNames = overrides.columnNames
    return Result(delimiter: delimiter, header: header, dialect: dialect)
  }

  /// Reads the first bytes of `source` for sniffing; the source is left unusable (open it again).
  public static func sample(_ source: any ByteSource) throws -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: sampleBytes)
    var filled = 0
    while filled < bytes.count {
      let n = try bytes.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
      if n == 0 { break }
      filled += n
    }
    return Array(bytes[..<filled])
  }
}
