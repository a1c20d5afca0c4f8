/// A text encoding that a producer's file may use; everything is turned into UTF-8 on reading.
///
/// ```swift
/// TextEncoding(name: "ISO-8859-1")  // .latin1
/// TextEncoding.windows1252.rawValue  // "windows-1252", the spelling manifests and messages use
/// ```
public enum TextEncoding: String, Sendable, CaseIterable {
  case utf8 = "utf-8"
  case utf16LE = "utf-16le"
  case utf16BE = "utf-16be"
  case latin1 = "latin-1"
  case windows1252 = "windows-1252"

  /// The encoding a name stands for, in any of its common spellings: case, `-`, `_` and spaces are
  /// ignored, so `UTF-8`, `utf8` and `utf_8` are one name. `nil` for names we do not read.
  ///
  /// Plain `utf-16` is refused on purpose: without a byte order mark it could be either byte
  /// order, so a recipe must say which (a file that has the mark is detected anyway).
  public init?(name: String) {
    let key = String(name.lowercased().unicodeScalars.filter { !"-_ ".unicodeScalars.contains($0) })
    switch key {
    case "utf8", "utf8sig": self = .utf8
    case "utf16le": self = .utf16LE
    case "utf16be": self = .utf16BE
    case "latin1", "l1", "iso88591", "isolatin1", "cp819", "ibm819": self = .latin1
    case "windows1252", "cp1252", "win1252", "mswin1252", "xcp1252": self = .windows1252
    default: return nil
    }
  }

  /// The usual written form, for sentences shown to people ("UTF-16LE", "Windows-1252").
  public var displayName: String {
    switch self {
    case .utf8: "UTF-8"
    case .utf16LE: "UTF-16LE"
    case .utf16BE: "UTF-16BE"
    case .latin1: "Latin-1"
    case .windows1252: "Windows-1252"
    }
  }

  /// The byte order mark of this encoding; empty for the single-byte ones, which have none.
  public var byteOrderMark: [UInt8] {
    switch self {
    case .utf8: [0xEF, 0xBB, 0xBF]
    case .utf16LE: [0xFF, 0xFE]
    case .utf16BE: [0xFE, 0xFF]
    case .latin1, .windows1252: []
    }
  }
}
