/// How a CSV file is written: RFC 4180 by default, every part overridable.
public struct CSVDialect: Sendable, Equatable {
  public var delimiter: UInt8 = UInt8(ascii: ",")
  /// The quote byte; `nil` reads quotes as ordinary characters.
  public var quote: UInt8? = UInt8(ascii: "\"")
  /// Whether the first record holds the column names.
  public var header = true
  /// Names to use instead of (or, without a header, in place of) the header.
  public var columnNames: [String]? = nil
  /// A record longer than this without ending is an error, not an endless buffer.
  public var maxRecordBytes = 16 << 20

  public init() {}

  public init(delimiter: UInt8, quote: UInt8? = UInt8(ascii: "\""), header: Bool, columnNames: [String]? = nil) {
    self.delimiter = delimiter
    self.quote = quote
    self.header = header
    self.columnNames = columnNames
  }

  /// Parses a delimiter as a user writes it: `,` `;` `|` `tab` `\t` `space` or any single byte.
  public static func delimiter(named text: String) throws -> UInt8 {
    switch text {
    case "tab", "\\t", "\t": return UInt8(ascii: "\t")
    case "space", " ": return UInt8(ascii: " ")
    case "comma": return UInt8(ascii: ",")
    case "semicolon": return UInt8(ascii: ";")
    case "pipe": return UInt8(ascii: "|")
    default:
      let bytes = Array(text.utf8)
      guard bytes.count == 1, bytes[0] != UInt8(ascii: "\n"), bytes[0] != UInt8(ascii: "\r") else {
        throw InputError.invalidOption(
          name: "delimiter", value: text, reason: "use one character, or one of tab, space, comma, semicolon, pipe")
      }
      return bytes[0]
    }
  }

  public static func quote(named text: String) throws -> UInt8? {
    if text == "none" || text.isEmpty { return nil }
    let bytes = Array(text.utf8)
    guard bytes.count == 1 else {
      throw InputError.invalidOption(name: "quote", value: text, reason: "use one character, or none")
    }
    return bytes[0]
  }
}
