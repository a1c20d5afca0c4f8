import CLibXML2

/// A forward-only walk over the nodes of an XML document, pulled from a `ByteSource` through
/// libxml2's streaming reader (`xmlTextReader`).
///
/// This is the one type that touches libxml2 and its pointers, kept small so that it can be
/// audited. What to check:
/// - libxml2 pulls bytes through `readCallback`, which reaches the Swift side through an
///   unretained `Unmanaged` pointer to `Feed`. The stream owns the feed and frees the libxml2
///   reader before the feed goes (`deinit`), so the pointer never dangles.
/// - Every byte passes `XMLMarkupScanner` before libxml2 sees it; once the scanner refuses the
///   document, libxml2 is handed end-of-input and nothing more.
/// - Options come from `XMLSafety.parserOptions`; DOCTYPE and entity nodes throw (`read()`).
/// - Errors go to `errorCallback`, never to stderr: per reader through
///   `xmlTextReaderSetStructuredErrorHandler`, and, inside `quietly`, the thread's global
///   handler too (libxml2 reports a few errors, such as failed encoding conversions, without a
///   parser context).
/// - Strings libxml2 returns (`xmlTextReaderConst...`) are copied or read before the next
///   `read()`, which invalidates them.
///
/// Two ways to feed libxml2. In bulk it gets whatever one source read returns. Token by token,
/// each hand-over ends after a `>` or before a `<`: slower (about twice the parse time), but
/// libxml2 then never parses past the node being reported, so when it meets a well-formedness
/// error every node before the error has been reported. (libxml2's reader cannot go on after
/// such an error and drops the nodes it had parsed ahead.) A stream feeds in bulk up to
/// `tokenwiseFrom`, token by token after it: a broken document is read again with that offset
/// set shortly before where the first read broke, so that only that stretch is read slowly.
final class XMLStream {
  /// A libxml2 diagnostic: where, and its message.
  struct Diagnostic: Equatable {
    var line: Int
    var column: Int
    var code: Int
    var message: String
  }

  /// Why the walk ended early.
  enum Failure: Error {
    /// The document was refused (a DTD, too deep) or could not be read as XML text at all.
    case refused(InputError)
    /// The byte source threw; its error, unchanged.
    case source(any Error)
    /// libxml2 found the document not well-formed; it cannot read on.
    case malformed(Diagnostic)
  }

  /// Where the current (or last) element's start tag is.
  private(set) var elementOrigin = XMLMarkupScanner.Origin(byteOffset: 0, line: 1)
  let name: String

  private let reader: xmlTextReaderPtr
  private let feed: Feed

  /// Longest raw text kept for a rejected row.
  static let captureLimit = 64 * 1024

  private static let initialized: Void = xmlInitParser()

  /// Opens `source`; `name` is used in errors; from byte `tokenwiseFrom` on (never if `nil`)
  /// libxml2 is fed token by token. Throws `Failure`.
  init(source: any ByteSource, name: String, maxDepth: Int, tokenwiseFrom: Int? = nil) throws {
    _ = XMLStream.initialized
    self.name = name
    let feed = Feed(source: source, maxDepth: maxDepth, tokenwiseFrom: tokenwiseFrom)
    self.feed = feed
    let context = Unmanaged.passUnretained(feed).toOpaque()
    // xmlReaderForIO already reads the first bytes; its errors must be ours as well.
    let created = XMLStream.quietly(context) {
      xmlReaderForIO(XMLStream.readCallback, XMLStream.closeCallback, context, nil, nil, XMLSafety.parserOptions)
    }
    guard let created else {
      if let stop = feed.scanner.stop { throw Failure.refused(XMLSafety.error(for: stop, path: name)) }
      if let error = feed.sourceError { throw Failure.source(error) }
      throw Failure.refused(.cannotRead(path: name, reason: "libxml2 could not start a reader (out of memory?)"))
    }
    reader = created
    xmlTextReaderSetStructuredErrorHandler(reader, XMLStream.errorCallback, context)
  }

  deinit { xmlFreeTextReader(reader) }

  /// Runs `body` with libxml2's thread-wide error handler pointed at this stream, restoring the
  /// previous handler after. Call `read()` inside it: cheap per call, too dear per node.
  func quietly<R>(_ body: () throws -> R) rethrows -> R {
    try XMLStream.quietly(Unmanaged.passUnretained(feed).toOpaque(), body)
  }

  private static func quietly<R>(_ context: UnsafeMutableRawPointer, _ body: () throws -> R) rethrows -> R {
    let savedHandler = __xmlStructuredError().pointee
    let savedContext = __xmlStructuredErrorContext().pointee
    xmlSetStructuredErrorFunc(context, errorCallback)
    defer { xmlSetStructuredErrorFunc(savedContext, savedHandler) }
    return try body()
  }

  /// Moves to the next node and returns its `xmlReaderTypes` value (`XML_READER_TYPE_ELEMENT`,
  /// ...); `nil` at the end of the document. Throws `Failure`.
  func read() throws -> Int32? {
    let status = xmlTextReaderRead(reader)
    if feed.isStopped {
      if let stop = feed.scanner.stop { throw Failure.refused(XMLSafety.error(for: stop, path: name)) }
      if let error = feed.sourceError { throw Failure.source(error) }
    }
    guard status == 1 else {
      if status == 0 { return nil }
      if !feed.scanner.sawContent { throw Failure.refused(.empty(path: name)) }
      let position = parserPosition
      let unexplained = Diagnostic(
        line: position.line, column: position.column, code: 0, message: "libxml2 stopped reading without giving a reason")
      throw Failure.malformed(feed.cause ?? unexplained)
    }
    if feed.hasErrors { feed.forgetRecoverableErrors() }
    let type = xmlTextReaderNodeType(reader)
    if type == XMLStream.element {
      elementOrigin = feed.scanner.nextElementOrigin() ?? elementOrigin
    } else if let reason = XMLSafety.refusal(nodeType: type) {
      throw Failure.refused(.unsafeDocument(path: name, line: parserPosition.line, reason: reason))
    }
    return type
  }

  private static let element = Int32(XML_READER_TYPE_ELEMENT.rawValue)

  // MARK: - The current node

  /// Nesting of the current node: 0 for the root element, 1 for its children, ...
  var depth: Int { Int(xmlTextReaderDepth(reader)) }

  /// Whether the current element is written `<name/>`: no end-element node follows it.
  var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

  /// The current node's name without a namespace prefix: `item` for `<ns:item>`.
  ///
  /// Also cut for an undeclared prefix, for which libxml2 keeps `ns:item` as the local name.
  var localName: String {
    guard let name = xmlTextReaderConstLocalName(reader) else { return "" }
    return XMLStream.withoutPrefix(name)
  }

  /// The current node's name as written, prefix included.
  var qualifiedName: String {
    guard let name = xmlTextReaderConstName(reader) else { return "" }
    return String(cString: name)
  }

  /// Calls `body` with the current node's text (entities decoded, CDATA as is), valid only then.
  func withValue<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    guard let value = xmlTextReaderConstValue(reader) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
    return try body(UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
  }

  /// Calls `body` with each attribute of the current element (local name, decoded value), in
  /// document order; namespace declarations (`xmlns`, `xmlns:p`) are not attributes here.
  func forEachAttribute(_ body: (String, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
    guard xmlTextReaderHasAttributes(reader) == 1 else { return }
    defer { xmlTextReaderMoveToElement(reader) }
    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
      if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
      let name = localName
      try withValue { try body(name, $0) }
    }
  }

  /// The line and column where libxml2's parser is: for errors only, since in bulk mode it runs
  /// ahead of the current node (rows take their origin from `elementOrigin`).
  var parserPosition: (line: Int, column: Int) {
    (Int(xmlTextReaderGetParserLineNumber(reader)), Int(xmlTextReaderGetParserColumnNumber(reader)))
  }

  // MARK: - Raw bytes, for rejected rows

  /// How many bytes libxml2 has been handed so far.
  var fedOffset: Int { feed.fed }

  /// Starts keeping the bytes handed to libxml2 from `offset` on (up to `captureLimit`).
  func beginCapture(at offset: Int) { feed.beginCapture(at: offset) }

  func endCapture() { feed.endCapture() }

  /// The bytes handed over since the capture's start (up to `captureLimit`).
  var captured: [UInt8] { feed.captured }

  /// The bytes handed to libxml2 from `offset` on, as far as the last 64 KiB still hold them.
  func fedBytes(from offset: Int) -> [UInt8] { feed.recent(from: offset) }

  // MARK: - libxml2 callbacks

  private static let readCallback: xmlInputReadCallback = { context, buffer, length in
    guard let context, let buffer, length > 0 else { return 0 }
    let feed = Unmanaged<Feed>.fromOpaque(context).takeUnretainedValue()
    return Int32(feed.fill(UnsafeMutableRawBufferPointer(start: buffer, count: Int(length))))
  }

  /// libxml2 calls this when it frees the reader; the source belongs to the feed, not to it.
  private static let closeCallback: xmlInputCloseCallback = { _ in 0 }

  private static let errorCallback: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    let feed = Unmanaged<Feed>.fromOpaque(context).takeUnretainedValue()
    feed.record(error.pointee)
  }

  private static func withoutPrefix(_ name: UnsafePointer<xmlChar>) -> String {
    let bytes = UnsafeBufferPointer(start: name, count: Int(xmlStrlen(name)))
    guard let colon = bytes.lastIndex(of: UInt8(ascii: ":")) else { return String(decoding: bytes, as: UTF8.self) }
    return String(decoding: bytes[(colon + 1)...], as: UTF8.self)
  }
}

/// The Swift side of libxml2's input: reads the source, scans, hands bytes over, keeps the
/// recent ones, and collects diagnostics.
private final class Feed {
  let source: any ByteSource
  var scanner: XMLMarkupScanner
  let tokenwiseFrom: Int?
  var sourceError: (any Error)? {
    didSet { isStopped = true }
  }
  /// Whether the scanner refused the document or the source failed: one flag to test per node.
  private(set) var isStopped = false
  /// Errors libxml2 reported since the last node that was read cleanly, with whether each one
  /// ends the parse.
  private var errors: [(diagnostic: XMLStream.Diagnostic, ends: Bool)] = []
  /// Bytes handed to libxml2 so far.
  var fed = 0
  /// Where the captured row starts; `nil` when no row is being captured.
  private var captureStart: Int?
  private var capture: [UInt8] = []
  private var materialized = false

  private var staging = [UInt8](repeating: 0, count: 64 * 1024)
  private var stagingStart = 0
  private var stagingEnd = 0
  private var atEnd = false
  /// The last `ring.count` bytes handed over; byte `i` of the document is at `i % ring.count`.
  private var ring = [UInt8](repeating: 0, count: 64 * 1024)

  init(source: any ByteSource, maxDepth: Int, tokenwiseFrom: Int?) {
    self.source = source
    scanner = XMLMarkupScanner(maxDepth: maxDepth)
    self.tokenwiseFrom = tokenwiseFrom
  }

  /// Fills `destination` for libxml2; returns the byte count, 0 for the end (or a refusal, or a
  /// source error, both of which `XMLStream.read` reports before libxml2's own complaint).
  func fill(_ destination: UnsafeMutableRawBufferPointer) -> Int {
    if stagingStart == stagingEnd {
      if atEnd || scanner.stop != nil || sourceError != nil { return 0 }
      do {
        let n = try staging.withUnsafeMutableBytes { try source.read(into: $0) }
        if n == 0 {
          atEnd = true
          return 0
        }
        stagingStart = 0
        stagingEnd = n
        staging.withUnsafeBytes { scanner.scan(UnsafeRawBufferPointer(rebasing: $0[0 ..< n])) }
        if scanner.stop != nil {
          isStopped = true
          return 0
        }
      } catch {
        sourceError = error
        return 0
      }
    }
    let n = staging.withUnsafeBytes { all -> Int in
      var n = min(destination.count, stagingEnd - stagingStart)
      if let from = tokenwiseFrom {
        if fed >= from {
          n = Feed.tokenLength(UnsafeRawBufferPointer(rebasing: all[stagingStart ..< stagingStart + n]))
        } else {
          n = min(n, from - fed)  // bulk up to the boundary, not across it
        }
      }
      destination.baseAddress!.copyMemory(from: all.baseAddress! + stagingStart, byteCount: n)
      return n
    }
    keep(UnsafeRawBufferPointer(start: destination.baseAddress, count: n))
    stagingStart += n
    fed += n
    return n
  }

  /// Bytes up to and including the first `>`, or up to the first `<` after the start.
  private static func tokenLength(_ bytes: UnsafeRawBufferPointer) -> Int {
    for (i, byte) in bytes.enumerated() {
      if byte == UInt8(ascii: ">") { return i + 1 }
      if byte == UInt8(ascii: "<") && i > 0 { return i }
    }
    return bytes.count
  }

  /// Keeps bytes about to be handed over: in the ring, and in the capture once the ring would
  /// lose the captured row's start. Most rows end long before that, so they cost no copy.
  private func keep(_ bytes: UnsafeRawBufferPointer) {
    if let start = captureStart {
      if !materialized && fed + bytes.count > start + ring.count {
        capture = recent(from: start)
        materialized = true
      }
      if materialized && capture.count < XMLStream.captureLimit {
        capture.append(contentsOf: bytes.prefix(XMLStream.captureLimit - capture.count))
      }
    }
    var position = fed % ring.count
    var done = 0
    while done < bytes.count {
      let n = min(bytes.count - done, ring.count - position)
      ring.withUnsafeMutableBytes { ring in
        (ring.baseAddress! + position).copyMemory(from: bytes.baseAddress! + done, byteCount: n)
      }
      done += n
      position = 0
    }
  }

  func beginCapture(at offset: Int) {
    captureStart = offset
    capture.removeAll(keepingCapacity: true)
    materialized = false
  }

  func endCapture() { captureStart = nil }

  var captured: [UInt8] {
    guard let start = captureStart else { return [] }
    return materialized ? capture : recent(from: start)
  }

  /// Bytes `offset ..< fed` (at most `captureLimit`), as far as the ring still holds them.
  func recent(from offset: Int) -> [UInt8] {
    let start = max(offset, fed - ring.count, 0)
    let end = min(fed, start + XMLStream.captureLimit)
    guard start < end else { return [] }
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    ring.withUnsafeBytes { all in
      var at = start
      while at < end {
        let position = at % all.count
        let n = min(end - at, all.count - position)
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: all[position ..< position + n]))
        at += n
      }
    }
    return out
  }

  func record(_ error: xmlError) {
    guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    // Namespace errors (an undeclared prefix) are the recoverable kind: libxml2 reads on.
    // Encoding and I/O errors are raised as plain errors but end the parse all the same.
    let ends = error.level.rawValue >= XML_ERR_FATAL.rawValue || error.domain != Int32(XML_FROM_NAMESPACE.rawValue)
    // A few are enough to explain a failure; the cap keeps a pathological document from
    // growing the list between two nodes.
    guard errors.count < 16 || (ends && !errors.contains(where: \.ends)) else { return }
    // libxml2 messages end with a newline and some go on over a second line ("Bytes: 0xFF ...").
    let message = (error.message.map { String(cString: $0) } ?? "unknown error")
      .split(whereSeparator: \.isNewline).map { line in
        String(line.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
      }.joined(separator: " ")
    let diagnostic = XMLStream.Diagnostic(line: Int(error.line), column: Int(error.int2), code: Int(error.code), message: message)
    errors.append((diagnostic, ends))
  }

  var hasErrors: Bool { !errors.isEmpty }

  /// Called after a node was read: errors so far did not stop libxml2, unless one ends the
  /// parse (libxml2 may have parsed ahead into it), in which case it is kept for the next read.
  func forgetRecoverableErrors() {
    if !errors.isEmpty && !errors.contains(where: \.ends) { errors.removeAll() }
  }

  /// What stopped libxml2: the first error that ends a parse (later ones follow from it).
  var cause: XMLStream.Diagnostic? { (errors.first(where: \.ends) ?? errors.first)?.diagnostic }
}
