import CLibXML2

/// What makes reading an untrusted XML document safe: the libxml2 options we set and never set,
/// and the documents we refuse. Every rule says which attack it closes.
///
/// The layers, outermost first:
/// 1. `XMLMarkupScanner` sees every byte before libxml2 does and stops at the first markup
///    declaration (`<!DOCTYPE`, `<!ENTITY`, ...), so no DTD and no entity definition ever
///    reaches the parser. A "billion laughs" document or an external entity
///    (`<!ENTITY xxe SYSTEM "file:///etc/passwd">`) is refused after reading its prolog, in
///    microseconds and without expanding anything.
/// 2. The parser options below: even if a DTD did get through, libxml2 would neither load nor
///    substitute anything from it, nor touch the network.
/// 3. `refusal(nodeType:)`: a DOCTYPE or entity reference node that libxml2 reports refuses the
///    document as well. With layer 1 in place this never fires; it is kept so that a change to
///    the scanner cannot silently reopen the hole.
enum XMLSafety {
  /// The options for `xmlReaderForIO`.
  ///
  /// Set:
  /// - `XML_PARSE_NONET`: no network access for anything the document names (external DTDs,
  ///   entities, XInclude): a document must not make us fetch URLs (SSRF) or leak that it was read.
  /// - `XML_PARSE_IGNORE_ENC`: the bytes are UTF-8, whatever `<?xml encoding="..."?>` says.
  ///   `Source` decodes every input (detected or declared `encoding`) before a reader sees it, so
  ///   honouring the declaration would decode a Latin-1 file twice ("cafÃ©") and stop a UTF-16
  ///   one ("Document labelled UTF-16 but has UTF-8 content"). Not a safety rule, but it belongs
  ///   with the other options.
  ///
  /// Never set, on purpose:
  /// - `XML_PARSE_NOENT`: would substitute entity references with their replacement text, the
  ///   expansion that billion laughs and XXE need.
  /// - `XML_PARSE_DTDLOAD`: would load an external DTD (a file or URL the document names).
  /// - `XML_PARSE_DTDATTR`: would apply default attributes from the DTD, which needs it loaded.
  /// - `XML_PARSE_DTDVALID`: would validate against the DTD, which needs it loaded.
  /// - `XML_PARSE_XINCLUDE`: would splice in other files the document names.
  /// - `XML_PARSE_HUGE`: would lift libxml2's limits on depth (256), text node size (10 MB) and
  ///   entity amplification; those limits are part of our defence.
  /// - `XML_PARSE_RECOVER`: would guess past well-formedness errors and invent structure; a
  ///   broken document is reported, never repaired behind the user's back.
  static let parserOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_IGNORE_ENC.rawValue)

  /// Options that must never appear in `parserOptions`; a test checks it.
  static let forbiddenOptions: [xmlParserOption] = [
    XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR, XML_PARSE_DTDVALID, XML_PARSE_XINCLUDE,
    XML_PARSE_HUGE, XML_PARSE_RECOVER,
  ]

  /// libxml2's nesting limit without `XML_PARSE_HUGE`: `xmlParserMaxDepth` in 2.9.
  static let libxml2MaxDepth = 256

  /// The nesting limit in force: the user's, but never above libxml2's own, so that the refusal
  /// always comes from us with our wording rather than from libxml2 as a parse error.
  static func maxDepth(_ options: XMLOptions) -> Int { min(options.maxDepth, libxml2MaxDepth) }

  /// Why a node of this `xmlReaderTypes` value refuses the document; `nil` for a harmless node.
  static func refusal(nodeType: Int32) -> String? {
    switch UInt32(nodeType) {
    case XML_READER_TYPE_DOCUMENT_TYPE.rawValue:
      // The DTD is where entities are declared; refusing it refuses them all.
      dtdReason
    case XML_READER_TYPE_ENTITY_REFERENCE.rawValue, XML_READER_TYPE_ENTITY.rawValue:
      // Only an entity declared in a DTD gets here (predefined ones like `&amp;` are decoded
      // as text); its replacement text is exactly what we must not read.
      "it uses an entity declared in a DTD, which could expand without bound or read a local file"
    default:
      nil
    }
  }

  static let dtdReason =
    "it has a DOCTYPE or another markup declaration; a DTD can declare entities that expand without bound (\"billion laughs\") or read local files (external entities)"

  /// The error for a document the scanner stopped at.
  static func error(for stop: XMLMarkupScanner.Stop, path: String) -> InputError {
    switch stop {
    case .declaration(let line):
      .unsafeDocument(path: path, line: line, reason: dtdReason)
    case .tooDeep(let line, let column, let limit):
      // Reported as malformed, not unsafe: the fix is about the document's shape, not a DTD.
      .malformedDocument(
        path: path, line: line, column: column,
        reason: "elements nest more than \(limit) levels deep, past the limit (max_depth, at most \(libxml2MaxDepth)); a table rarely needs a tenth of that, so the document is not tabular or is built to exhaust the parser. If it is genuine, raise max_depth (up to \(libxml2MaxDepth))")
    case .notASCIICompatible:
      // The scanner that enforces the rules above reads ASCII-compatible bytes only.
      .invalidEncoding(path: path, encoding: "utf-8", byteOffset: 0)
    }
  }
}
