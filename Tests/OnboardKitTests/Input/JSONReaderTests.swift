import Testing

@testable import OnboardKit

/// The JSON reader through its public API. Main cases run with the source handing out all of its
/// bytes at once, and 1 and 5 bytes per read, so that tokens, escapes, line ends and the byte
/// order mark are split across refills.
@Suite struct JSONReaderTests {
  static let chunks: [Int?] = [nil, 1, 5]

  /// A reader over `text`; every pass opens a fresh source with the same chunk limit.
  static func reader(
    _ text: String, chunk: Int?, options: JSONOptions = .init(), batchSize: Int = 65_536, name: String = "t.json"
  ) throws -> JSONReader {
    try JSONReader(
      open: {
        let source = MemorySource(name: name, text)
        source.chunkLimit = chunk
        return source
      }, name: name, options: options, batchSize: batchSize)
  }

  static func read(
    _ text: String, chunk: Int?, options: JSONOptions = .init(), batchSize: Int = 65_536
  ) throws -> ReadAll {
    try ReadAll(reader(text, chunk: chunk, options: options, batchSize: batchSize))
  }

  /// The byte offset of the first occurrence of `needle` in `text`.
  static func offset(of needle: String, in text: String) -> Int {
    let hay = Array(text.utf8)
    let n = Array(needle.utf8)
    for i in 0 ... hay.count - n.count where Array(hay[i ..< i + n.count]) == n { return i }
    Issue.record("'\(needle)' is not in the text")
    return -1
  }

  // MARK: - Layouts

  @Test(arguments: chunks) func layoutsAreDetected(chunk: Int?) throws {
    let lines = "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\"y\"}\n"
    let array = "[\n  {\"a\": 1, \"b\": \"x\"},\n  {\"a\": 2, \"b\": \"y\"}\n]\n"
    let concatenated = "{\n  \"a\": 1,\n  \"b\": \"x\"\n}\n{\n  \"a\": 2,\n  \"b\": \"y\"\n}\n"
    let sameLine = "{\"a\":1,\"b\":\"x\"} {\"a\":2,\"b\":\"y\"}"
    for (text, layout) in [
      (lines, JSONLayout.lines), (array, .array), (concatenated, .concatenated), (sameLine, .concatenated),
    ] {
      let reader = try Self.reader(text, chunk: chunk)
      #expect(reader.layout == layout, "\(text)")
      let r = try ReadAll(reader)
      #expect(r.schema.names == ["a", "b"])
      #expect(r.schema.fields.map(\.type) == [.string, .string])
      #expect(r.rows == [["1", "x"], ["2", "y"]], "\(layout)")
      #expect(r.rejects.isEmpty)
    }
    // Origins: the line and byte offset where each object starts.
    let a = try Self.read(array, chunk: chunk)
    #expect(a.origins == [RowOrigin(line: 2, byteOffset: 4), RowOrigin(line: 3, byteOffset: Self.offset(of: "{\"a\": 2", in: array))])
    let c = try Self.read(concatenated, chunk: chunk)
    #expect(c.origins.map(\.line) == [1, 5])
    #expect(c.origins.map(\.byteOffset) == [0, Self.offset(of: "}\n{", in: concatenated) + 2])
  }

  @Test(arguments: chunks) func layoutCanBeSet(chunk: Int?) throws {
    // One object per line also reads as concatenated values.
    let text = "{\"a\":1}\n\n{\"a\":2}\n"
    let reader = try Self.reader(text, chunk: chunk, options: JSONOptions(layout: .concatenated))
    #expect(reader.layout == .concatenated)
    let r = try ReadAll(reader)
    #expect(r.rows == [["1"], ["2"]])
    #expect(r.origins.map(\.line) == [1, 3])
  }

  @Test(arguments: chunks) func emptyArrayHasNoRowsAndNoColumns(chunk: Int?) throws {
    let r = try Self.read(" [ ] \n", chunk: chunk)
    #expect(r.schema.count == 0)
    #expect(r.rows.isEmpty)
  }

  @Test(arguments: chunks) func emptyFileIsAnError(chunk: Int?) throws {
    for text in ["", "  \n\n", "\u{FEFF}"] {
      #expect(throws: InputError.empty(path: "t.json")) { try Self.reader(text, chunk: chunk) }
    }
  }

  @Test(arguments: chunks) func byteOrderMarkIsSkipped(chunk: Int?) throws {
    let text = "\u{FEFF}{\"id\":1}\n{\"id\":2}\n"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.schema.names == ["id"])
    #expect(r.rows == [["1"], ["2"]])
    // Offsets count the file's bytes, the mark included.
    #expect(r.origins == [RowOrigin(line: 1, byteOffset: 3), RowOrigin(line: 2, byteOffset: 3 + 9)])
    let array = try Self.read("\u{FEFF}[{\"id\":1}]", chunk: chunk)
    #expect(array.rows == [["1"]])
  }

  // MARK: - Schema and values

  @Test(arguments: chunks) func schemaIsTheUnionOfKeysOverAllRows(chunk: Int?) throws {
    let text = "{\"a\":1,\"b\":\"x\"}\n{\"b\":\"y\",\"c\":true}\n\n  \n{\"a\":3}\n{\"d\":null}\n"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.schema.names == ["a", "b", "c", "d"])
    #expect(r.rows == [["1", "x", nil, nil], [nil, "y", "true", nil], ["3", nil, nil, nil], [nil, nil, nil, nil]])
    #expect(r.origins.map(\.line) == [1, 2, 5, 6])
  }

  @Test(arguments: chunks) func nullsAndScalarsAsWritten(chunk: Int?) throws {
    let text = """
      {"n": null, "i": -12, "d": -1.5e3, "z": 0, "f": 2.50, "t": true, "b": false, "s": "", "e": 1E+2}

      """
    let r = try Self.read(text, chunk: chunk)
    #expect(r.schema.names == ["n", "i", "d", "z", "f", "t", "b", "s", "e"])
    #expect(r.rows == [[nil, "-12", "-1.5e3", "0", "2.50", "true", "false", "", "1E+2"]])
  }

  @Test(arguments: chunks) func stringEscapesAreDecoded(chunk: Int?) throws {
    let text = #"{"q":"say \"hi\"","b":"back\\slash","n":"two\nlines","u":"caf\u00e9","p":"\ud83d\ude00!","s":"a\/b\t\r\b\f","k\u0065y":1}"#
    let r = try Self.read(text + "\n", chunk: chunk)
    #expect(r.schema.names == ["q", "b", "n", "u", "p", "s", "key"])
    #expect(r.rows == [["say \"hi\"", "back\\slash", "two\nlines", "café", "😀!", "a/b\t\r\u{8}\u{c}", "1"]])
    // A lone surrogate has no UTF-8 form: it becomes U+FFFD.
    let lone = try Self.read(#"{"x":"\ud83d.","y":"\ude00"}"#, chunk: chunk)
    #expect(lone.rows == [["\u{FFFD}.", "\u{FFFD}"]])
  }

  @Test(arguments: chunks) func duplicateKeysLastOneWins(chunk: Int?) throws {
    let text = "{\"a\":1,\"b\":2,\"a\":\"three\"}\n{\"a\":4,\"a\":null}\n"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.schema.names == ["a", "b"])
    #expect(r.rows == [["three", "2"], [nil, nil]])
  }

  @Test(arguments: chunks) func keysInAnyOrder(chunk: Int?) throws {
    let text = "{\"a\":1,\"b\":2,\"c\":3}\n{\"c\":6,\"a\":4,\"b\":5}\n{\"b\":8,\"c\":9,\"a\":7}\n{\"a\":10,\"b\":11,\"c\":12}\n"
    let r = try Self.read(text, chunk: chunk)
    #expect(r.rows == [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"], ["10", "11", "12"]])
  }

  // MARK: - Nested values

  static let nested = """
    {"id": 1, "address": {"city": "Oslo", "zip": "0150", "geo": {"lat": 59.9, "lon": 10}}, "tags": ["a", "b"]}
    {"id": 2, "address": {"zip": "5003", "street": "Bryggen"}, "tags": []}
    {"id": 3, "address": null, "tags": null, "scores": [1, 2.5]}

    """

  @Test(arguments: chunks) func nestedObjectsAreStructs(chunk: Int?) throws {
    let r = try Self.read(Self.nested, chunk: chunk)
    #expect(r.schema.names == ["id", "address", "tags", "scores"])
    let geo = DataType.struct([Field(name: "lat", type: .double), Field(name: "lon", type: .integer)])
    #expect(r.schema[1].type == .struct([
      Field(name: "city", type: .string), Field(name: "zip", type: .string), Field(name: "geo", type: geo),
      Field(name: "street", type: .string),
    ]))
    #expect(r.schema[2].type == .array(.string))
    #expect(r.schema[3].type == .array(.double))
    #expect(r.schema[1].type.glueName == "struct<city:string,zip:string,geo:struct<lat:double,lon:int>,street:string>")
    #expect(r.rows == [
      ["1", #"{"city":"Oslo","zip":"0150","geo":{"lat":59.9,"lon":10}}"#, #"["a","b"]"#, nil],
      ["2", #"{"zip":"5003","street":"Bryggen"}"#, "[]", nil],
      ["3", nil, nil, "[1,2.5]"],
    ])
  }

  @Test(arguments: chunks) func flattenMakesDottedColumns(chunk: Int?) throws {
    let r = try Self.read(Self.nested, chunk: chunk, options: JSONOptions(flatten: true))
    #expect(r.schema.names == [
      "id", "address.city", "address.zip", "address.geo.lat", "address.geo.lon", "address.street", "tags", "scores",
    ])
    #expect(r.schema.fields.map(\.type) == [.string, .string, .string, .string, .string, .string, .array(.string), .array(.double)])
    #expect(r.rows == [
      ["1", "Oslo", "0150", "59.9", "10", nil, #"["a","b"]"#, nil],
      ["2", nil, "5003", nil, nil, "Bryggen", "[]", nil],
      ["3", nil, nil, nil, nil, nil, nil, "[1,2.5]"],
    ])
  }

  @Test(arguments: chunks) func nestedTypesComeFromTokenKinds(chunk: Int?) throws {
    let text = """
      {"ints": [1, -2], "mixed": [1, "x"], "objs": [{"k": 1}, {"k": 2, "v": true}], "deep": [[1.5], []], "flags": [true, null]}
      {"ints": [3], "nums": [1, 2], "empty": {}, "big": [12345678901234567890]}
      {"nums": [0.5], "either": {"a": 1}}
      {"either": "text", "wide": [1, 3000000000]}

      """
    let r = try Self.read(text, chunk: chunk)
    let types = Dictionary(uniqueKeysWithValues: r.schema.fields.map { ($0.name, $0.type) })
    #expect(types["ints"] == .array(.integer))
    #expect(types["wide"] == .array(.bigint), "ten digits may not fit an int")
    #expect(types["mixed"] == .array(.string))
    #expect(types["objs"] == .array(.struct([Field(name: "k", type: .integer), Field(name: "v", type: .boolean)])))
    #expect(types["deep"] == .array(.array(.double)))
    #expect(types["flags"] == .array(.boolean))
    #expect(types["nums"] == .array(.double))
    #expect(types["big"] == .array(.double), "more than 18 digits may not fit a bigint")
    // Always empty: no keys to describe, so plain text.
    #expect(types["empty"] == .string)
    // An object in one row, a string in another: text, the object as JSON.
    #expect(types["either"] == .string)
    let either = try #require(r.schema.index(of: "either"))
    #expect(r.rows.map { $0[either] } == [nil, nil, #"{"a":1}"#, "text"])
  }

  @Test(arguments: chunks) func nestedTextIsCompactAndCanonical(chunk: Int?) throws {
    let text = "{\"v\": { \"s\" : \"caf\\u00e9 \\/ \\\"q\\\" \\u0001\\n\" ,\n\"a\":[ 1 , -0.5e+2 ,true,null, {} ,[ ] ] } }"
    let r = try Self.read(text, chunk: chunk, options: JSONOptions(layout: .concatenated))
    #expect(r.rows == [[#"{"s":"café / \"q\" \u0001\n","a":[1,-0.5e+2,true,null,{},[]]}"#]])
  }

  // MARK: - Batches

  @Test(arguments: chunks) func batchesKeepOriginLines(chunk: Int?) throws {
    let text = "{\"i\":1}\n{\"i\":2}\n\n{\"i\":3}\n{\"i\":4}\n{\"i\":5}\n"
    let r = try Self.read(text, chunk: chunk, batchSize: 2)
    #expect(r.batchSizes == [2, 2, 1])
    #expect(r.rows == [["1"], ["2"], ["3"], ["4"], ["5"]])
    #expect(r.origins.map(\.line) == [1, 2, 4, 5, 6])
    #expect(r.origins.map(\.byteOffset) == [0, 8, 17, 25, 33])
    let array = try Self.read("[\n{\"i\":1},\n{\"i\":2},\n{\"i\":3}\n]", chunk: chunk, batchSize: 2)
    #expect(array.batchSizes == [2, 1])
    #expect(array.origins.map(\.line) == [2, 3, 4])
  }

  @Test func sourceIsOpenedOncePerPass() throws {
    var opened = 0
    let reader = try JSONReader(
      open: {
        opened += 1
        return MemorySource(name: "t.jsonl", "{\"a\":1}\n")
      }, name: "t.jsonl")
    #expect(opened == 2)
    #expect(try ReadAll(reader).rows == [["1"]])
  }
}
