/// Detects how a CSV file is written, as named phases called in order; settings the user gave win.
///
/// ```
/// lineEnding = detectLineEndings(sample)
/// table      = detectDialect(sample)        // delimiter, quote, escape, comment, preamble rows
/// header     = detectHeader(table records)
/// formats    = detectFormats(body records)  // decimal comma, thousands separators, date orders
/// ```
/// Each phase is its own file. Every setting says whether it was detected or set, so `onboard
/// infer` can tell the user which is which.
public enum CSVSniffer {
  /// A setting and whether it was detected (true) or set by the user (false).
  public struct Setting<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var detected: Bool
  }

  public struct Result: Sendable, Equatable {
    public var lineEnding: Setting<LineEnding>
    public var skipRows: Setting<Int>
    public var comment: Setting<UInt8?>
    public var delimiter: Setting<UInt8>
    public var quote: Setting<UInt8?>
    public var escape: Setting<UInt8?>
    public var header: Setting<Bool>
    /// Per column, how numbers or dates are written when not the standard way (`nil` otherwise).
    public var formats: [ValueFormat?]
    /// The dialect to read with: every setting above applied.
    public var dialect: CSVDialect
  }

  /// User overrides: `nil` means "detect".
  public struct Overrides: Sendable, Equatable {
    public var delimiter: UInt8?
    public var quote: UInt8??
    public var escape: UInt8??
    public var comment: UInt8??
    public var skipRows: Int?
    public var header: Bool?
    public var columnNames: [String]?
    /// Per column name, how numbers or dates are written; replaces what would be detected.
    public var formats: [String: ValueFormat] = [:]

    public init(
      delimiter: UInt8? = nil, quote: UInt8?? = nil, escape: UInt8?? = nil, comment: UInt8?? = nil, skipRows: Int? = nil,
      header: Bool? = nil, columnNames: [String]? = nil
    ) {
      self.delimiter = delimiter
      self.quote = quote
      self.escape = escape
      self.comment = comment
      self.skipRows = skipRows
      self.header = header
      self.columnNames = columnNames
    }
  }

  static let sampleBytes = 1 << 18

  /// Sniffs a sample (the first `sampleBytes` of the file; `wholeFile` when it is all of it).
  public static func sniff(_ sample: [UInt8], wholeFile: Bool = false, overrides: Overrides = Overrides()) -> Result {
    var body = sample[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    let lineEnding = detectLineEndings(body)
    let table = detectDialect(body, wholeFile: wholeFile, overrides: overrides)
    var dialect = table.dialect
    let header = overrides.header.map { Setting(value: $0, detected: false) }
      ?? Setting(value: detectHeader(table.records), detected: true)
    dialect.header = header.value
    dialect.columnNames = overrides.columnNames
    let bodyRecords = header.value ? Array(table.records.dropFirst()) : table.records
    var formats = detectFormats(bodyRecords, columns: table.records.first?.count ?? 0, delimiter: dialect.delimiter)
    if !overrides.formats.isEmpty, let first = table.records.first {
      let names = CSVRecord.uniqueNames(
        overrides.columnNames ?? (header.value ? first : (1 ... first.count).map { "column_\($0)" }))
      for (i, name) in names.enumerated() where i < formats.count {
        if let set = overrides.formats[name] { formats[i] = set }
      }
    }
    return Result(
      lineEnding: Setting(value: lineEnding, detected: true),
      skipRows: Setting(value: dialect.skipRows, detected: overrides.skipRows == nil),
      comment: Setting(value: dialect.comment, detected: overrides.comment == nil),
      delimiter: Setting(value: dialect.delimiter, detected: overrides.delimiter == nil),
      quote: Setting(value: dialect.quote, detected: overrides.quote == nil),
      escape: Setting(value: dialect.escape, detected: overrides.escape == nil),
      header: header, formats: formats, dialect: dialect)
  }

  /// Reads the first bytes of `source` for sniffing; the source is left unusable (open it again).
  public static func sample(_ source: any ByteSource) throws -> (bytes: [UInt8], wholeFile: Bool) {
    var bytes = [UInt8](repeating: 0, count: sampleBytes)
    var filled = 0
    while filled < bytes.count {
      let n = try bytes.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
      if n == 0 { return (Array(bytes[..<filled]), true) }
      filled += n
    }
    var probe = [UInt8](repeating: 0, count: 1)
    let more = try probe.withUnsafeMutableBytes { try source.read(into: $0) }
    return (bytes, more == 0)
  }
}
