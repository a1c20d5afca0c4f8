import Testing

@testable import OnboardKit

/// The XML reader through its public API. Most tests run twice: with the source handing out all
/// of its bytes at once, and 3 bytes per read, so that tags, CDATA sections, entities and
/// multi-byte characters are split across reads.
@Suite struct XMLReaderTests {
  static let chunks: [Int?] = [nil, 3]

  static func reader(
    _ text: String, chunk: Int?, options: XMLOptions = .init(), batchSize: Int = 65_536
  ) throws -> XMLReader {
    try XMLReader(
      open: {
        let source = MemorySource(name: "t.xml", text)
        source.chunkLimit = chunk
        return source
      }, name: "t.xml", options: options, batchSize: batchSize)
  }

  static func read(
    _ text: String, chunk: Int?, options: XMLOptions = .init(), batchSize: Int = 65_536
  ) throws -> ReadAll {
    try ReadAll(reader(text, chunk: chunk, options: options, batchSize: batchSize))
  }

  /// The byte offset of the first occurrence of `needle` in `text`, counted by the test itself.
  static func offset(of needle: String, in text: String) -> Int {
    let hay = Array(text.utf8)
    let n = Array(needle.utf8)
    for i in 0 ... hay.count - n.count where Array(hay[i ..< i + n.count]) == n { return i }
    Issue.record("'\(needle)' is not in the text")
    return -1
  }

  // MARK: - Columns and values

  @Test(arguments: chunks) func attributesAndTextChildren(chunk: Int?) throws {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <orders>
        <order id="1" status="open"><customer>Ada</customer><amount>12.50</amount></order>
        <order id="2"><customer>Grace</customer><amount>7</amount></order>
      </orders>
      """
    let r = try Self.read(text, chunk: chunk)
    #expect(r.schema.names == ["_id", "_status", "customer", "amount"])
    #expect(r.schema.fields.allSatisfy { $0.type == .string })
    #expect(r.rows == [["1", "open", "Ada", "12.50"], ["2", nil, "Grace", "7"]])
    #expect(r.rejects.isEmpty)
  }

  @Test(arguments: chunks) func cdataIsText(chunk: Int?) throws {
    let text = "<r><i><code><![CDATA[if (a < b && c > d) { x = \"]\" }]]></code><mix>a<![CDATA[<b>]]>c</mix></i></r>"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.schema.names == ["code", "mix"])
    #expect(r.rows == [["if (a < b && c > d) { x = \"]\" }", "a<b>c"]])
  }

  @Test(arguments: chunks) func entitiesAreDecoded(chunk: Int?) throws {
    let text = "<r><i name=\"Tom &amp; Jerry &quot;TJ&quot;\"><t>A &amp; B &lt;c&gt; &apos;d&apos; &#233;&#x4E2D;</t></i></r>"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.rows == [["Tom & Jerry \"TJ\"", "A & B <c> 'd' é中"]])
  }

  @Test(arguments: chunks) func namespacePrefixesAreDropped(chunk: Int?) throws {
    let text = """
      <ns:feed xmlns:ns="urn:example:feed" xmlns:x="urn:example:extra">
        <ns:item ns:id="1" x:lang="de"><ns:title>Eins</ns:title><x:note>n</x:note></ns:item>
        <ns:item ns:id="2"><ns:title>Zwei</ns:title></ns:item>
      </ns:feed>
      """
    for options in [XMLOptions(), XMLOptions(rowTag: "item"), XMLOptions(rowTag: "ns:item")] {
      let reader = try Self.reader(text, chunk: chunk, options: options)
      #expect(reader.rowTag == (options.rowTag ?? "item"))
      let r = try ReadAll(reader)
      // Namespace declarations (xmlns, xmlns:x) are not attributes.
      #expect(r.schema.names == ["_id", "_lang", "title", "note"])
      #expect(r.rows == [["1", "de", "Eins", "n"], ["2", nil, "Zwei", nil]])
    }
    // The name as written must match when the tag has a prefix.
    let other = try Self.read(text, chunk: chunk, options: XMLOptions(rowTag: "x:item"))
    #expect(other.rows.isEmpty)
  }

  @Test(arguments: chunks) func undeclaredPrefixIsNotAnError(chunk: Int?) throws {
    // libxml2 reports an undeclared namespace prefix as a recoverable error and reads on.
    let r = try Self.read("<r><x><p:a q:b=\"2\">1</p:a></x><x><p:a>3</p:a></x></r>", chunk: chunk)
    #expect(r.schema.names == ["a"])
    #expect(r.rows == [[#"{"_b":"2","_VALUE":"1"}"#], [#"{"_VALUE":"3"}"#]])
    #expect(r.rejects.isEmpty)
  }

  @Test func bytesAreUTF8WhateverTheDeclarationSays() throws {
    // `Source` decodes inputs to UTF-8 before the reader: a declaration must not decode them again.
    for declared in ["ISO-8859-1", "windows-1252", "UTF-16"] {
      let text = "<?xml version=\"1.0\" encoding=\"\(declared)\"?>\n<r><x><v>café</v></x></r>"
      #expect(try Self.read(text, chunk: nil).rows == [["café"]])
    }
    // Undecoded Latin-1 is not UTF-8: the row is quarantined, with libxml2's reason.
    var bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<r><x><v>ok</v></x><x><v>caf".utf8)
    bytes += [0xE9]
    bytes += Array("</v></x></r>".utf8)
    let r = try ReadAll(XMLReader(open: { MemorySource(name: "l.xml", bytes: bytes) }, name: "l.xml"))
    #expect(r.rows == [["ok"]])
    #expect(r.rejects.first?.reason.contains("UTF-8") == true)
  }

  static let nested = """
    <people>
      <person><name>Ada</name><address id="7"><city>Berlin</city><zip>10115</zip></address></person>
      <person><name>Grace</name></person>
      <person><address><city>Paris</city></address><name>Marie</name></person>
    </people>
    """

  @Test(arguments: chunks) func nestedElementIsAStruct(chunk: Int?) throws {
    let r = try Self.read(Self.nested, chunk: chunk)
    #expect(r.schema.names == ["name", "address"])
    #expect(
      r.schema[1].type
        == .struct([Field(name: "_id", type: .string), Field(name: "city", type: .string), Field(name: "zip", type: .string)]))
    #expect(r.schema[1].type.glueName == "struct<_id:string,city:string,zip:string>")
    #expect(
      r.rows == [
        ["Ada", #"{"_id":"7","city":"Berlin","zip":"10115"}"#],
        ["Grace", nil],
        ["Marie", #"{"city":"Paris"}"#],
      ])
  }

  @Test(arguments: chunks) func nestedElementFlattened(chunk: Int?) throws {
    let r = try Self.read(Self.nested, chunk: chunk, options: XMLOptions(flatten: true))
    #expect(r.schema.names == ["name", "address._id", "address.city", "address.zip"])
    #expect(r.schema.fields.allSatisfy { $0.type == .string })
    #expect(
      r.rows == [
        ["Ada", "7", "Berlin", "10115"],
        ["Grace", nil, nil, nil],
        ["Marie", nil, "Paris", nil],
      ])
  }

  @Test(arguments: chunks) func textBesideAttributesIsValue(chunk: Int?) throws {
    let text = """
      <r>
        <p><price currency="EUR">10.00</price></p>
        <p><price>12.00</price></p>
        <p><price currency="USD"/></p>
      </r>
      """
    let r = try Self.read(text, chunk: chunk)
    #expect(r.schema.names == ["price"])
    #expect(r.schema[0].type.glueName == "struct<_currency:string,_VALUE:string>")
    #expect(r.rows == [[#"{"_currency":"EUR","_VALUE":"10.00"}"#], [#"{"_VALUE":"12.00"}"#], [#"{"_currency":"USD"}"#]])
    let flat = try Self.read(text, chunk: chunk, options: XMLOptions(flatten: true))
    #expect(flat.schema.names == ["price._currency", "price._VALUE"])
    #expect(flat.rows == [["EUR", "10.00"], [nil, "12.00"], ["USD", nil]])
  }

  @Test(arguments: chunks) func repeatedChildIsAnArray(chunk: Int?) throws {
    let text = """
      <r>
        <c><phone>1</phone><phone>2</phone><line sku="a"><qty>1</qty></line><line sku="b"/></c>
        <c><phone>3</phone><line sku="c"><qty>5</qty></line></c>
        <c/>
      </r>
      """
    for flatten in [false, true] {
      let r = try Self.read(text, chunk: chunk, options: XMLOptions(flatten: flatten))
      #expect(r.schema.names == ["phone", "line"])
      #expect(r.schema[0].type == .array(.string))
      #expect(r.schema[1].type.glueName == "array<struct<_sku:string,qty:string>>")
      #expect(
        r.rows == [
          [#"["1","2"]"#, #"[{"_sku":"a","qty":"1"},{"_sku":"b"}]"#],
          [#"["3"]"#, #"[{"_sku":"c","qty":"5"}]"#],
          [nil, nil],
        ])
    }
  }

  @Test(arguments: chunks) func missingElementsAreNullAndColumnsAreAUnion(chunk: Int?) throws {
    let text = "<r><x><a>1</a><b>2</b></x><x><c>3</c><a>4</a></x><x><d/><e>  </e></x></r>"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.schema.names == ["a", "b", "c", "d", "e"])
    // `<d/>` is the empty string, and a text-only value keeps its spaces: both as spark-xml.
    #expect(r.rows == [["1", "2", nil, nil, nil], ["4", nil, "3", nil, nil], [nil, nil, nil, "", "  "]])
  }

  @Test(arguments: chunks) func jsonValuesAreEscaped(chunk: Int?) throws {
    let text = "<r><x><s a=\"q&quot;b\\c\"><t>line1\nline2\ttab</t></s></x></r>"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.rows == [[#"{"_a":"q\"b\\c","t":"line1\nline2\ttab"}"#]])
  }

  @Test(arguments: chunks) func textOnlyRowsAreValue(chunk: Int?) throws {
    let r = try Self.read("<list>\n  <v>a</v>\n  <v>b</v>\n</list>", chunk: chunk)
    #expect(r.schema.names == ["_VALUE"])
    #expect(r.rows == [["a"], ["b"]])
  }

  @Test(arguments: chunks) func utf8Text(chunk: Int?) throws {
    let text = "<r><ort name=\"Zürich\"><n>東京 – Ünïcödé 🎉</n></ort></r>"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.rows == [["Zürich", "東京 – Ünïcödé 🎉"]])
  }

  @Test(arguments: chunks) func commentsAndProcessingInstructionsAreIgnored(chunk: Int?) throws {
    let text = "<?xml version=\"1.0\"?><!-- <x>not a row</x> --><r><?pi <x>?><x><a>1</a><!-- c --></x><x><a>2</a></x></r>"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.rows == [["1"], ["2"]])
    #expect(r.origins.map(\.byteOffset) == [Self.offset(of: "<x><a>1", in: text), Self.offset(of: "<x><a>2", in: text)])
  }

  // MARK: - Row tag

  static let catalog = """
    <catalog>
      <meta><source>shop</source></meta>
      <book id="b1"><title>A</title></book>
      <book id="b2"><title>B</title></book>
      <book id="b3"><title>C</title></book>
    </catalog>
    """

  @Test(arguments: chunks) func rowTagDetected(chunk: Int?) throws {
    let reader = try Self.reader(Self.catalog, chunk: chunk)
    #expect(reader.rowTag == "book")
    #expect(reader.rowTagDetected)
    let r = try ReadAll(reader)
    #expect(r.schema.names == ["_id", "title"])
    #expect(r.rows == [["b1", "A"], ["b2", "B"], ["b3", "C"]])
    #expect(r.origins.map(\.line) == [3, 4, 5])
  }

  @Test(arguments: chunks) func rowTagGiven(chunk: Int?) throws {
    let reader = try Self.reader(Self.catalog, chunk: chunk, options: XMLOptions(rowTag: "meta"))
    #expect(reader.rowTag == "meta")
    #expect(!reader.rowTagDetected)
    let r = try ReadAll(reader)
    #expect(r.schema.names == ["source"])
    #expect(r.rows == [["shop"]])
    #expect(r.origins == [RowOrigin(line: 2, byteOffset: Self.offset(of: "<meta>", in: Self.catalog))])
  }

  @Test(arguments: chunks) func givenRowTagMatchesAtAnyDepth(chunk: Int?) throws {
    let text = "<lib><shelf><book><t>A</t><book><t>inner</t></book></book></shelf><book><t>B</t></book></lib>"
    let r = try Self.read(text, chunk: chunk, options: XMLOptions(rowTag: "book"))
    // A row element inside a row is part of that row, as in spark-xml.
    #expect(r.schema.names == ["t", "book"])
    #expect(r.rows == [["A", #"{"t":"inner"}"#], ["B", nil]])
  }

  @Test(arguments: chunks) func detectedRowsAreTheRootsChildren(chunk: Int?) throws {
    let text = "<x><x><v>1</v></x><x><v>2</v></x><group><x><v>deep</v></x></group></x>"
    let reader = try Self.reader(text, chunk: chunk)
    #expect(reader.rowTag == "x")
    let r = try ReadAll(reader)
    // Neither the root nor the `x` inside `group` is a row: only the root's children are.
    #expect(r.rows == [["1"], ["2"]])
  }

  @Test(arguments: chunks) func emptyRoot(chunk: Int?) throws {
    for text in ["<root/>", "<?xml version=\"1.0\"?>\n<root>\n</root>\n"] {
      let reader = try Self.reader(text, chunk: chunk)
      #expect(reader.rowTag == "ROW")
      #expect(reader.rowTagDetected)
      let r = try ReadAll(reader)
      #expect(r.schema.count == 0)
      #expect(r.rows.isEmpty)
      #expect(r.rejects.isEmpty)
    }
  }

  // MARK: - Batches and origins

  @Test(arguments: chunks) func batchesAndOrigins(chunk: Int?) throws {
    var text = "<?xml version=\"1.0\"?>\r\n<rows>\r\n"
    for i in 1 ... 5 { text += "  <row n=\"\(i)\">\r\n    <v>\(i)</v>\r\n  </row>\r\n" }
    text += "</rows>\r\n"
    let r = try Self.read(text, chunk: chunk, batchSize: 2)
    #expect(r.batchSizes == [2, 2, 1])
    #expect(r.rows == (1 ... 5).map { ["\($0)", "\($0)"] })
    #expect(r.origins.map(\.line) == [3, 6, 9, 12, 15])
    #expect(r.origins.map(\.byteOffset) == (1 ... 5).map { Self.offset(of: "<row n=\"\($0)\"", in: text) })
  }

  @Test func batchesOfALargerDocument() throws {
    var text = "<rows>\n"
    for i in 0 ..< 3000 { text += "<row id=\"\(i)\"><name>n\(i)</name><tags><t>a</t><t>b</t></tags></row>\n" }
    text += "</rows>\n"
    let r = try Self.read(text, chunk: nil, batchSize: 1000)
    #expect(r.batchSizes == [1000, 1000, 1000])
    #expect(r.rows.count == 3000)
    #expect(r.rows[2999] == ["2999", "n2999", #"{"t":["a","b"]}"#])
    #expect(r.origins[2999].line == 3001)
    #expect(r.origins[2999].byteOffset == Self.offset(of: "<row id=\"2999\"", in: text))
  }
}
