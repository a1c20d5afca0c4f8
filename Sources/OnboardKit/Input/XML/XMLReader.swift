/// Reads an XML document as a stream of batches: one row per row element, one text column per
/// field, following spark-xml's conventions (`rowTag`, `_attribute`, `_VALUE`).
///
/// ```swift
/// // <orders>
/// //   <order id="1"><customer>Ada</customer><address><city>Berlin</city></address></order>
/// //   <order id="2"><customer>Grace</customer><item>pen</item><item>ink</item></order>
/// // </orders>
/// let reader = try XMLReader(open: { try FileSource(path: "orders.xml") }, name: "orders.xml")
/// reader.rowTag   // "order" (detected: the most frequent child of the root)
/// reader.schema   // _id string, customer string, address struct<city:string>, item array<string>
/// // row 1: "1", "Ada", {"city":"Berlin"}, null
/// // row 2: "2", "Grace", null, ["pen","ink"]
/// ```
///
/// - Rows: the elements named `options.rowTag` (at any depth, as in spark-xml), or, when it is
///   not given, the root's children with the most frequent name among them.
/// - Columns: the row element's attributes (`_id`, spark-xml's `attributePrefix`), its child
///   elements by local name (a namespace prefix is dropped: `<ns:item>` is `item`, and two
///   namespaces using one local name share a column), and text directly inside it (`_VALUE`,
///   spark-xml's `valueTag`), in first-seen order over the whole file. The schema is the union
///   over all rows; what a row lacks is null.
/// - Values: a child with only text is that text (CDATA included, entities decoded; `<a/>` is
///   the empty string, as in spark-xml). A child with attributes or children is a `struct`, its
///   value compact JSON with its keys in schema order (`{"_id":"7","city":"Berlin"}`, text
///   beside them under `_VALUE`), or with `flatten` dotted columns (`address._id`,
///   `address.city`). A child repeated within a row is an `array`, its value a JSON array. Leaf
///   types are `string`: the profiler infers numbers and dates from the text.
/// - Safety: no DTD, no entities, no network (see `XMLSafety`); a document asking for any of it
///   is refused with `InputError.unsafeDocument` before anything is expanded.
/// - Encoding: the bytes must be UTF-8, as `Source` hands them over after decoding; the XML
///   declaration's `encoding` is ignored, since honouring it would decode them twice.
/// - Broken documents: libxml2 cannot read past a well-formedness error. Rows completed before it
///   are kept; the row it falls in becomes one `malformed-xml` reject (its text as far as it was
///   read, up to 64 KiB), which says that the rest of the document is missing. A document broken
///   before its first complete row (or not XML at all) throws `InputError.malformedDocument`.
///
/// `open` is called once per pass: schema discovery, then rows (and once more for discovery
/// when the document is broken, to see exactly the rows that the row pass will keep).
///
/// - Complexity: two passes over the file. Memory: one row, one batch, libxml2's buffers, and the
///   union of element shapes (it grows with the document's vocabulary, not its rows).
public final class XMLReader: BatchReader {
  public let schema: Schema
  /// The element that makes a row.
  public let rowTag: String
  /// Whether the reader chose `rowTag` (the most frequent child of the root; spark-xml's default
  /// `ROW` when the root has no children) rather than the caller.
  public let rowTagDetected: Bool
  public let options: XMLOptions
  public let batchSize: Int

  private let name: String
  private let tag: XMLRowTag
  private let layout: XMLColumnLayout
  private let stream: XMLStream
  private var pass: XMLRowPass
  private var finished = false

  public init(
    open: @escaping () throws -> any ByteSource, name: String, options: XMLOptions = .init(), batchSize: Int = 65_536
  ) throws {
    if let tag = options.rowTag, tag.isEmpty || tag.contains(where: \.isWhitespace) {
      throw InputError.invalidOption(
        name: "row_tag", value: tag, reason: "give an element name such as 'record', or leave it unset to detect it")
    }
    if options.maxDepth < 1 {
      throw InputError.invalidOption(
        name: "max_depth", value: String(options.maxDepth), reason: "give a depth of at least 1 (the root alone)")
    }
    let discovery = try XMLSchemaDiscovery.run(open: open, name: name, options: options)
    self.name = name
    self.options = options
    self.batchSize = max(1, batchSize)
    tag = discovery.rowTag
    rowTag = tag.name
    rowTagDetected = tag.detected
    layout = XMLColumnLayout(row: discovery.rowShape ?? XMLShape(), flatten: options.flatten)
    schema = layout.schema
    do {
      // A broken document is read token by token near the error, so that every row before it is kept.
      stream = try XMLStream(
        source: try open(), name: name, maxDepth: XMLSafety.maxDepth(options), tokenwiseFrom: discovery.tokenwiseFrom)
    } catch let failure as XMLStream.Failure {
      throw XMLSchemaDiscovery.translate(failure, path: name)
    }
    pass = XMLRowPass(columns: layout.columns.count, batchSize: self.batchSize)
  }

  deinit { pass.deallocate() }

  /// The next batch with the row rejected while reading it; `nil` at the end.
  public func next() throws -> ReadResult? {
    if finished { return nil }
    var pass = XMLRowPass(columns: 0, batchSize: 0)
    swap(&pass, &self.pass)
    defer { swap(&pass, &self.pass) }
    pass.startBatch()
    var rejects: [RejectedRow] = []
    do {
      try stream.quietly {
        while pass.origins.count < batchSize {
          guard let nodeType = try stream.read() else {
            finished = true
            return
          }
          pass.visit(nodeType, stream: stream, tag: tag, layout: layout)
        }
      }
    } catch XMLStream.Failure.malformed(let diagnostic) {
      finished = true
      if pass.rowsStarted == 0 {
        throw InputError.malformedDocument(
          path: name, line: diagnostic.line, column: diagnostic.column, reason: XMLDiagnostics.documentReason(diagnostic))
      }
      rejects.append(reject(diagnostic, pass: pass))
    } catch let failure as XMLStream.Failure {
      finished = true
      throw XMLSchemaDiscovery.translate(failure, path: name)
    }
    if finished && pass.origins.isEmpty && rejects.isEmpty { return nil }
    let columns = pass.builders.map { Column.text($0.makeColumn()) }
    return ReadResult(batch: Batch(schema: schema, columns: columns, origins: pass.origins), rejects: rejects)
  }

  /// The reject for the error that ended the document: the open row, or what libxml2 was
  /// reading between rows.
  private func reject(_ diagnostic: XMLStream.Diagnostic, pass: XMLRowPass) -> RejectedRow {
    var raw: [UInt8]
    var offset: Int
    let rowLine: Int?
    if pass.rowDepth != nil {
      raw = stream.captured
      offset = pass.rowOrigin.byteOffset
      rowLine = pass.rowOrigin.line
    } else {
      raw = stream.fedBytes(from: pass.lastRowEnd)
      offset = pass.lastRowEnd
      rowLine = nil
      let blank = raw.prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.count
      raw.removeFirst(blank)
      offset += blank
    }
    stream.endCapture()
    return RejectedRow(
      code: "malformed-xml", reason: XMLDiagnostics.rejectReason(diagnostic, rowLine: rowLine), file: name,
      line: diagnostic.line, byteOffset: offset, raw: String(decoding: raw, as: UTF8.self))
  }
}
