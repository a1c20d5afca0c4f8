/// Opens a source for reading: one file or many (a folder, a glob), CSV, JSON or XML, plain or
/// gzip, in any common encoding; detects what the caller did not set and says which is which.
public enum Source {
  /// What to read and how; every `nil` is detected.
  public struct Options: Sendable {
    public var format: SourceFormat?
    public var encoding: TextEncoding?
    public var csv = CSVSniffer.Overrides()
    public var json = JSONOptions()
    public var xml = XMLOptions()
    public var limits = DecompressionLimits()

    public init(format: SourceFormat? = nil, encoding: TextEncoding? = nil, csv: CSVSniffer.Overrides = .init()) {
      self.format = format
      self.encoding = encoding
      self.csv = csv
    }
  }

  public struct Opened {
    public var reader: any BatchReader
    public var format: SourceFormat
    public var files: [SourceFiles.File]
    /// Every reading setting, marked detected or set, for reports and the manifest.
    public var settings: [String: InferReport.DialectSetting]
    /// The CSV sniffer's findings (CSV sources only).
    public var sniffed: CSVSniffer.Result?
  }

  public static func open(path: String, options: Options = .init(), batchSize: Int = 65_536) throws -> Opened {
    let files = try SourceFiles.resolve(path)
    // The first file decides the format, encoding and dialect; the others are read the same way.
    let first = try openFile(files[0].path, options: options, batchSize: batchSize)
    guard files.count > 1 || !files[0].partitions.isEmpty else {
      return Opened(reader: first.reader, format: first.format, files: files, settings: first.settings, sniffed: first.sniffed)
    }
    var fixed = options
    fixed.format = first.format
    fixed.encoding = first.encoding
    if let sniffed = first.sniffed {
      fixed.csv.delimiter = sniffed.dialect.delimiter
      fixed.csv.quote = .some(sniffed.dialect.quote)
      fixed.csv.escape = .some(sniffed.dialect.escape)
      fixed.csv.comment = .some(sniffed.dialect.comment)
      fixed.csv.skipRows = sniffed.dialect.skipRows
      fixed.csv.header = sniffed.dialect.header
      for (field, format) in zip(first.reader.schema.fields, sniffed.formats) where fixed.csv.formats[field.name] == nil {
        if let format { fixed.csv.formats[field.name] = format }
      }
    }
    let reader = try MultiFileReader(files: files) { file in try openFile(file, options: fixed, batchSize: batchSize).reader }
    var settings = first.settings
    settings["files"] = .init(value: String(files.count), source: "detected")
    return Opened(reader: reader, format: first.format, files: files, settings: settings, sniffed: first.sniffed)
  }

  struct OpenedFile {
    var reader: any BatchReader
    var format: SourceFormat
    var encoding: TextEncoding
    var settings: [String: InferReport.DialectSetting]
    var sniffed: CSVSniffer.Result?
  }

  static func openFile(_ path: String, options: Options, batchSize: Int) throws -> OpenedFile {
    let limits = options.limits
    let compressed = try ByteSources.isGzip(path: path)
    let raw = { () throws -> any ByteSource in try ByteSources.open(path: path, limits: limits) }
    var sample = try CSVSniffer.sample(raw())
    if sample.bytes.isEmpty { throw InputError.empty(path: path) }

    let detectedEncoding = EncodingDetection.detect(sample.bytes, sampleIsWholeFile: sample.wholeFile)
    let encoding = options.encoding ?? detectedEncoding.encoding
    var open = raw
    if encoding != .utf8 {
      open = { TranscodingSource(try raw(), encoding: encoding) }
      sample = try CSVSniffer.sample(open())
    }
    let format = options.format ?? FormatDetection.detect(sample.bytes)
    var settings: [String: InferReport.DialectSetting] = [
      "compression": .init(value: compressed ? "gzip" : "none", source: "detected"),
      "encoding": .init(value: encoding.rawValue, source: options.encoding == nil ? "detected" : "set"),
      "format": .init(value: format.rawValue, source: options.format == nil ? "detected" : "set"),
    ]
    switch format {
    case .csv:
      let sniffed = CSVSniffer.sniff(sample.bytes, wholeFile: sample.wholeFile, overrides: options.csv)
      let reader = try CSVReader(source: open(), dialect: sniffed.dialect, formats: sniffed.formats, batchSize: batchSize)
      for name in options.csv.formats.keys.sorted() where reader.schema.index(of: name) == nil {
        let near = Suggestion.nearest(to: name, in: reader.schema.names).map { " (did you mean '\($0)'?)" } ?? ""
        throw InputError.invalidOption(name: "value format", value: name, reason: "there is no column '\(name)' in \(path)\(near)")
      }
      settings.merge(InferReport.settings(sniffed)) { a, _ in a }
      return OpenedFile(reader: reader, format: format, encoding: encoding, settings: settings, sniffed: sniffed)
    case .json:
      let reader = try JSONReader(open: open, name: path, options: options.json, batchSize: batchSize)
      settings["layout"] = .init(value: reader.layout.rawValue, source: options.json.layout == nil ? "detected" : "set")
      settings["flatten"] = .init(value: options.json.flatten ? "yes" : "no", source: "set")
      return OpenedFile(reader: reader, format: format, encoding: encoding, settings: settings)
    case .xml:
      let reader = try XMLReader(open: open, name: path, options: options.xml, batchSize: batchSize)
      settings["row_tag"] = .init(value: reader.rowTag, source: reader.rowTagDetected ? "detected" : "set")
      settings["flatten"] = .init(value: options.xml.flatten ? "yes" : "no", source: "set")
      return OpenedFile(reader: reader, format: format, encoding: encoding, settings: settings)
    }
  }

  /// CSV only, for callers that need the sniffer's result directly.
  public static func openCSV(path: String, overrides: CSVSniffer.Overrides = .init(), batchSize: Int = 65_536) throws -> Opened {
    var options = Options(format: .csv)
    options.csv = overrides
    return try open(path: path, options: options, batchSize: batchSize)
  }
}
