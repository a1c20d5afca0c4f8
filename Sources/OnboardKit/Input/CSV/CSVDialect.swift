/// How a CSV file is written: RFC 4180 by default, every part overridable.
public struct CSVDialect: Sendable, Equatable {
  public var delimiter: UInt8 = UInt8(ascii: ",")
  /// The quote byte; `nil` reads quotes as ordinary characters.
  public var quote: UInt8? = UInt8(ascii: "\"")
  /// The byte that escapes a quote inside a quoted field; `nil` or the quote itself means a
  /// doubled quote (RFC 4180), `\\` the backslash style of MySQL and many exporters.
  public var escape: UInt8? = nil
  /// Lines starting with this byte are comments, not records (`#` in many exports).
  public var comment: UInt8? = nil
  /// Lines before the header (or the first record) that are not part of the table: a title, a
  /// generation date, a blank line.
  public var skipRows = 0
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

  /// Parses an escape as a user writes it: `\\` (backslash), `"` / `double` (doubled quotes), or `none`.
  public static func escape(named text: String) throws -> UInt8? {
    switch text {
    case "none", "", "double", "\"": return nil
    case "backslash", "\\": return UInt8(ascii: "\\")
    default:
      let bytes = Array(text.utf8)
      guard bytes.count == 1 else {
        throw InputError.invalidOption(name: "escape", value: text, reason: "use one character, backslash, or double (doubled quotes)")
      }
      return bytes[0]
    }
  }

  /// Parses a comment marker: one character, or `none`.
  public static func comment(named text: String) throws -> UInt8? {
    if text == "none" || text.isEmpty { return nil }
    let bytes = Array(text.utf8)
    guard bytes.count == 1 else {
      throw InputError.invalidOption(name: "comment", value: text, reason: "use one character, e.g. #, or none")
    }
    return bytes[0]
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
