/// Opens a source file as a batch reader, sniffing what the caller did not set.
public enum Source {
  public struct Opened {
    public var reader: CSVReader
    public var sniffed: CSVSniffer.Result
  }

  public static func openCSV(path: String, overrides: CSVSniffer.Overrides = .init(), batchSize: Int = 65_536) throws
    -> Opened
  {
    let sample = try CSVSniffer.sample(FileSource(path: path))
    if sample.bytes.isEmpty { throw InputError.empty(path: path) }
    let sniffed = CSVSniffer.sniff(sample.bytes, wholeFile: sample.wholeFile, overrides: overrides)
    let reader = try CSVReader(
      source: FileSource(path: path), dialect: sniffed.dialect, formats: sniffed.formats, batchSize: batchSize)
    for name in overrides.formats.keys.sorted() where reader.schema.index(of: name) == nil {
      let near = Suggestion.nearest(to: name, in: reader.schema.names).map { "; did you mean '\($0)'?" } ?? ""
      throw InputError.invalidOption(name: "format", value: name, reason: "there is no column '\(name)' in \(path)\(near)")
    }
    return Opened(reader: reader, sniffed: sniffed)
  }
}
