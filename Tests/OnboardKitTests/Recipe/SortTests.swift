import Foundation
import Testing

@testable import OnboardKit

/// The `sort` step: order by type, stability, spilling to disk and merging, the spill encoding,
/// and a whole run with a step after the sort; checked against DuckDB's ORDER BY.
@Suite struct SortTests {
  /// A planned `sort` from its YAML, with its memory budget and spill folder.
  static func step(_ yaml: String, schema: Schema, budget: Int = Sort.defaultMemoryBudget, folder: String? = nil) throws -> Sort {
    let entry = try RecipeNode.parse(yaml, file: "t.yaml").entries()[0]
    let context = StepContext(reference: StepReference(index: 1, kind: "sort"), location: entry.keyNode.location, folder: "/")
    var step = try Sort(parameters: entry.value, context: context)
    step.memoryBudget = budget
    step.spillFolder = folder
    _ = try step.plan(schema, context: context)
    return step
  }

  static func sorted(_ step: Sort, _ batches: [Batch]) throws -> [Batch] {
    for batch in batches { try step.consume(batch) }
    var out: [Batch] = []
    try step.finish { out.append($0) }
    return out
  }

  static func lines(_ batches: [Batch]) -> [Int] { batches.flatMap { $0.origins.map(\.line) } }

  /// Open spill files of this process in `folder`: they have no name, but /proc still shows
  /// where they were made.
  static func openSpillFiles(in folder: String) -> Int {
    #if os(Linux)
      let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
      return fds.filter { fd in
        ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) ?? "").hasPrefix(folder + "/onboard-spill-")
      }.count
    #else
      return 0
    #endif
  }

  // MARK: - Order by type

  /// One typed column, in three batches, sorted both ways; rows are numbered by origin line.
  struct TypedCase: Sendable, CustomTestStringConvertible {
    var name: String
    var column: Column
    var type: DataType
    /// Input rows (1-based lines) in ascending order, missing first; ties in reading order.
    var ascending: [Int]
    var testDescription: String { name }
  }

  static let typedCases: [TypedCase] = [
    TypedCase(
      name: "double: -inf, numbers, -0 = 0, +inf, NaN last", column: .double(TypedColumn(
        [3.5, -0.0, nil, Double.nan, -Double.infinity, 0.0, Double.infinity, -2, 1e-300, -1e300, -Double.nan], zero: 0)),
      type: .double, ascending: [3, 5, 10, 8, 2, 6, 9, 1, 7, 4, 11]),
    TypedCase(
      name: "bigint across the sign", column: .int64(TypedColumn([5, .min, -1, nil, .max, 0, -1], zero: 0)),
      type: .bigint, ascending: [4, 2, 3, 7, 6, 1, 5]),
    TypedCase(
      name: "decimal(10,2)", column: .decimal(TypedColumn([150, -5, nil, 0, -12_000, 150], zero: 0), scale: 2),
      type: .decimal(precision: 10, scale: 2), ascending: [3, 5, 2, 4, 1, 6]),
    TypedCase(
      name: "date before 1970 and after", column: .date(TypedColumn([19_000, -800, nil, 0, 19_000, -1], zero: 0)),
      type: .date, ascending: [3, 2, 6, 4, 1, 5]),
    TypedCase(
      name: "timestamp", column: .timestamp(TypedColumn([1_700_000_000_000_000, -1, nil, 0], zero: 0)),
      type: .timestamp, ascending: [3, 2, 4, 1]),
    TypedCase(
      name: "boolean: false before true", column: .boolean(TypedColumn([true, nil, false, true, false], zero: false)),
      type: .boolean, ascending: [2, 3, 5, 1, 4]),
  ]

  @Test(arguments: typedCases) func typedColumnsSortByValue(_ c: TypedCase) throws {
    let schema = Schema([Field(name: "v", type: c.type)])
    let batch = Batch(schema: schema, columns: [c.column], origins: (0 ..< c.column.count).map { RowOrigin(line: $0 + 1, byteOffset: $0) })
    // Three batches, so keys meet across batches.
    let parts = [0 ..< 2, 2 ..< 4, 4 ..< batch.rowCount].map { range in
      batch.filtered((0 ..< batch.rowCount).map { range.contains($0) })
    }
    let up = try Self.sorted(Self.step("sort: {expressions: [{source_column: v}]}", schema: schema), parts)
    #expect(Self.lines(up) == c.ascending)
    #expect(up.allSatisfy { $0.schema == schema })
    // Descending: the values reversed (ties still in reading order), missing values last.
    let missing = (0 ..< batch.rowCount).filter { batch.columns[0].isNull($0) }.map { $0 + 1 }
    let down = try Self.sorted(
      Self.step("sort: {expressions: [{source_column: v, ordering: DESCENDING}]}", schema: schema), parts)
    var groups: [[Int]] = []
    let values = c.ascending.filter { !missing.contains($0) }
    for line in values {
      // Rows whose values compare equal form one group, kept in reading order.
      let row = line - 1
      if let last = groups.last?.last, Self.sameValue(batch.columns[0], last - 1, row) {
        groups[groups.count - 1].append(line)
      } else {
        groups.append([line])
      }
    }
    #expect(Self.lines(down) == groups.reversed().flatMap { $0 } + missing)
    // Whole rows travel: the value beside each origin is the input's.
    for out in up {
      for r in 0 ..< out.rowCount { #expect(out.columns[0].formatted(r) == batch.columns[0].formatted(out.origins[r].line - 1)) }
    }
  }

  static func sameValue(_ column: Column, _ a: Int, _ b: Int) -> Bool {
    if case .double(let d) = column {
      return SortOrder.doublePrefix(d.values[a]) == SortOrder.doublePrefix(d.values[b])
    }
    return column.formatted(a) == column.formatted(b)
  }

  /// A key past the first 8 bytes, non-ASCII text, and a custom order matched in any case,
  /// including non-ASCII (`ÄPFEL` is `äpfel`).
  @Test func textComparesWholeValuesAndCustomOrderFoldsCase() throws {
    let values: [String?] = ["customer-group-b", "customer-group-a", "Äpfel", "customer-group", "zebra", "ÄPFEL", "äpfel", "", nil]
    let schema = Schema([Field(name: "t", type: .string)])
    let batch = Batch(schema: schema, columns: [.text(TextColumn(values))], origins: values.indices.map { RowOrigin(line: $0 + 1, byteOffset: 0) })
    let plain = try Self.sorted(Self.step("sort: {expressions: [{source_column: t, nulls_ordering: NULLS_BOTTOM}]}", schema: schema), [batch])
    #expect(Self.lines(plain) == [4, 2, 1, 5, 6, 3, 7, 8, 9])
    let custom = try Self.sorted(
      Self.step("sort: {expressions: [{source_column: t, custom_order: [äpfel, zebra]}]}", schema: schema), [batch])
    #expect(Self.lines(custom) == [8, 9, 3, 6, 7, 5, 4, 2, 1])
    let sensitive = try Self.sorted(
      Self.step("sort: {expressions: [{source_column: t, custom_order: [äpfel, zebra], is_custom_order_case_sensitive: true}]}", schema: schema),
      [batch])
    #expect(Self.lines(sensitive) == [8, 9, 7, 5, 4, 2, 1, 6, 3])
  }

  /// Text of lengths 0 to 12 around the 8-byte prefix, with bytes that stress it (NUL, bytes
  /// below 8, high bytes): the order is plain byte order, in memory and spilled, both ways.
  @Test(arguments: [false, true]) func textOrderIsByteOrderAtEveryLength(descending: Bool) throws {
    var rng = SplitMix64(seed: 9)
    let alphabet: [UInt8] = [0x00, 0x01, 0x07, 0x08, 0x09, 0x61, 0x62, 0xC3, 0xFF]
    // Shared starts of 0, 6, 7 and 8 bytes put many values on either side of the prefix's end.
    let starts: [[UInt8]] = [[], Array("abcdef".utf8), Array("abcdefg".utf8), Array("abcdefgh".utf8)]
    let values: [[UInt8]] = (0 ..< 3_000).map { _ in
      starts[Int(rng.next() % 4)] + (0 ..< Int(rng.next() % 5)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
    }
    var column = TextColumn()
    for v in values { column.append(v) }
    let schema = Schema([Field(name: "t", type: .string)])
    let batch = Batch(schema: schema, columns: [.text(column)], origins: values.indices.map { RowOrigin(line: $0 + 1, byteOffset: 0) })
    let parts = (0 ..< 3).map { k in batch.filtered(values.indices.map { $0 % 3 == k }) }
    let missing = values.indices.filter { values[$0].isEmpty }
    let present = values.indices.filter { !values[$0].isEmpty }.sorted { a, b in
      if values[a] == values[b] { return a < b }
      return descending ? values[b].lexicographicallyPrecedes(values[a]) : values[a].lexicographicallyPrecedes(values[b])
    }
    // Parts interleave the rows, so reading order is part by part.
    let reading = parts.flatMap { $0.origins.map(\.line) }
    let position = Dictionary(uniqueKeysWithValues: reading.enumerated().map { ($1, $0) })
    func inReadingOrder(_ lines: [Int]) -> [Int] { lines.sorted { position[$0]! < position[$1]! } }
    var expected = inReadingOrder(missing.map { $0 + 1 })
    var group: [Int] = []
    for i in present {
      if let last = group.last, values[last - 1] != values[i] {
        expected += inReadingOrder(group)
        group = []
      }
      group.append(i + 1)
    }
    expected += inReadingOrder(group)
    let yaml = "sort: {expressions: [{source_column: t, ordering: \(descending ? "DESCENDING" : "ASCENDING"), nulls_ordering: NULLS_TOP}]}"
    let spill = try TemporaryFolder()
    for budget in [Sort.defaultMemoryBudget, 16 << 10] {
      let step = try Self.step(yaml, schema: schema, budget: budget, folder: spill.path)
      #expect(Self.lines(try Self.sorted(step, parts)) == expected, "budget \(budget)")
      #expect(budget > 1 << 20 || step.buffer!.stats.runs > 1)
    }
  }

  // MARK: - Recipe errors

  @Test(arguments: [
    ("sort: {expressions: [{source_column: amount, custom_order: ['1']}]}", "wrong-type"),
    ("sort: {expressions: [{source_column: name, custom_order: [Ann, ANN]}]}", "invalid-parameter"),
    ("sort: {expressions: []}", "invalid-parameter"),
    ("sort: {expressions: [{source_column: name, nulls_ordering: NULLS_LAST}]}", "invalid-parameter"),
    ("sort: {expressions: [{source_column: name, order: DESCENDING}]}", "unknown-key"),
    ("sort: {expressions: [{ordering: DESCENDING}]}", "missing-key"),
  ])
  func refusedBeforeAnyRow(yaml: String, code: String) throws {
    let schema = Schema([Field(name: "name", type: .string), Field(name: "amount", type: .bigint)])
    do {
      _ = try Self.step(yaml, schema: schema)
      Issue.record("expected the recipe error \(code)")
    } catch let error as RecipeError {
      #expect(error.code == code)
      #expect(error.step == StepReference(index: 1, kind: "sort"))
    }
  }

  @Test func unknownColumnNamesTheNearestAndBadOrderingSuggests() throws {
    let schema = Schema([Field(name: "city", type: .string)])
    do {
      _ = try Self.step("sort: {expressions: [{source_column: citty}]}", schema: schema)
      Issue.record("expected an error")
    } catch let error as RecipeError {
      #expect(error.code == "unknown-column")
      #expect(error.fix == "did you mean 'city'?")
    }
    do {
      _ = try Self.step("sort: {expressions: [{source_column: city, ordering: DESCENDNG}]}", schema: schema)
      Issue.record("expected an error")
    } catch let error as RecipeError {
      #expect(error.code == "invalid-parameter")
      #expect(error.fix == "did you mean 'DESCENDING'?")
    }
  }

  // MARK: - Spill encoding

  static func everyKind(rows: Int) -> Batch {
    var rng = SplitMix64(seed: UInt64(rows))
    func maybe<T>(_ v: T) -> T? { rng.next() % 5 == 0 ? nil : v }
    let texts: [String?] = (0 ..< rows).map { i in maybe(["", "a", "Köln", "日本", "x\u{0}y", String(repeating: "z", count: i % 40)][i % 6]) }
    let columns: [Column] = [
      .text(TextColumn(texts)),
      .boolean(TypedColumn((0 ..< rows).map { _ in maybe(rng.next() % 2 == 0) }, zero: false)),
      .int64(TypedColumn((0 ..< rows).map { _ in maybe(Int64(bitPattern: rng.next())) }, zero: 0)),
      .decimal(TypedColumn((0 ..< rows).map { _ in maybe(Int64(rng.next() % 100_000) - 50_000) }, zero: 0), scale: 3),
      .double(TypedColumn((0 ..< rows).map { i in maybe([1.5, -0.0, .infinity, Double(i) / 7][i % 4]) }, zero: 0)),
      .date(TypedColumn((0 ..< rows).map { _ in maybe(Int32(truncatingIfNeeded: rng.next() % 40_000) - 20_000) }, zero: 0)),
      .timestamp(TypedColumn((0 ..< rows).map { _ in maybe(Int64(rng.next() % (1 << 50)) - (1 << 49)) }, zero: 0)),
      .text(TextColumn((0 ..< rows).map { _ in maybe("[{\"a\": 1}]") })),
    ]
    let schema = Schema([
      Field(name: "text", type: .string, format: ValueFormat(decimalSeparator: UInt8(ascii: ","), thousandsSeparator: UInt8(ascii: "."))),
      Field(name: "flag", type: .boolean, nullable: false),
      Field(name: "big", type: .bigint),
      Field(name: "amount", type: .decimal(precision: 12, scale: 3)),
      Field(name: "score", type: .double),
      Field(name: "day", type: .date, format: ValueFormat(dateOrder: .dmy, separator: UInt8(ascii: "."))),
      Field(name: "at", type: .timestamp),
      Field(name: "nested", type: .array(.struct([Field(name: "a", type: .integer), Field(name: "b", type: .array(.string))]))),
    ])
    var batch = Batch(schema: schema, columns: columns, origins: (0 ..< rows).map { RowOrigin(line: $0 * 3 + 2, byteOffset: $0 * 101) })
    batch.source = "data/part=1/ä.csv"
    return batch
  }

  @Test(arguments: [0, 1, 63, 64, 65, 1_000]) func spillRoundTripsEveryColumnKind(rows: Int) throws {
    let batch = Self.everyKind(rows: rows)
    let bytes = BatchSpill.encode(batch)
    #expect(try BatchSpill.blockLength(header: Array(bytes.prefix(BatchSpill.headerSize))) == bytes.count)
    let back = try BatchSpill.decode(bytes)
    #expect(back.schema == batch.schema)
    #expect(back.columns == batch.columns)
    #expect(back.origins == batch.origins)
    #expect(back.source == batch.source)
    #expect(BatchSpill.encode(back) == bytes)
    // Nulls stay nulls, and the appends after decoding see clean bitmaps.
    for (a, b) in zip(back.columns, batch.columns) { #expect((0 ..< rows).allSatisfy { a.isNull($0) == b.isNull($0) }) }
  }

  @Test func spillKeepsNaNBits() throws {
    let schema = Schema([Field(name: "d", type: .double)])
    let values: [Double] = [.nan, -.nan, .signalingNaN, -0.0]
    let batch = Batch(schema: schema, columns: [.double(TypedColumn(values, zero: 0))], origins: values.map { _ in RowOrigin(line: 1, byteOffset: 0) })
    guard case .double(let back) = try BatchSpill.decode(BatchSpill.encode(batch)).columns[0] else {
      Issue.record("not a double column")
      return
    }
    #expect(back.values.map(\.bitPattern) == values.map(\.bitPattern))
  }

  @Test func damagedBlocksAreRefusedNotTrusted() throws {
    let bytes = BatchSpill.encode(Self.everyKind(rows: 100))
    var flipped = bytes
    flipped[bytes.count / 2] ^= 0x40
    #expect(throws: SpillError.corrupt("checksum mismatch")) { try BatchSpill.decode(flipped) }
    #expect(throws: SpillError.self) { try BatchSpill.decode(Array(bytes.dropLast(3))) }
    #expect(throws: SpillError.self) { try BatchSpill.decode(Array(bytes.prefix(10))) }
    var marker = bytes
    marker[0] = UInt8(ascii: "X")
    #expect(throws: SpillError.corrupt("no block marker")) { try BatchSpill.decode(marker) }
  }

  // MARK: - Spilling, against the in-memory sort and DuckDB

  static let keys = [
    (yaml: "{source_column: grp, nulls_ordering: NULLS_BOTTOM}", duck: "grp:text:ASC:LAST"),
    (yaml: "{source_column: amount, ordering: DESCENDING, nulls_ordering: NULLS_TOP}", duck: "amount:decimal:DESC:FIRST"),
    (yaml: "{source_column: day}", duck: "day:date:ASC:FIRST"),
    (yaml: "{source_column: flag, ordering: DESCENDING}", duck: "flag:boolean:DESC:LAST"),
    (yaml: "{sourceColumn: score, nullsOrdering: NULLS_BOTTOM}", duck: "score:double:ASC:LAST"),
  ]

  /// 100,000 rows of text (long shared prefixes, non-ASCII, empty, null), decimals, dates,
  /// booleans and doubles, with many ties; `id` counts up.
  static func generatedCSV(rows: Int) -> String {
    var rng = SplitMix64(seed: 2024)
    let groups = [
      "customer-group-alpha", "customer-group-alpha2", "customer-group-beta", "Zürich", "zebra", "Ölstadt", "Éclair",
      "a", "B", "10", "9", "\"\"", "",
    ]
    var csv = "id,grp,amount,score,day,flag\n"
    for id in 0 ..< rows {
      let grp = groups[Int(rng.next() % UInt64(groups.count))]
      let amount = rng.next() % 20 == 0 ? "" : "\(Int(rng.next() % 21) - 10).\(rng.next() % 2 == 0 ? "50" : "00")"
      let score = rng.next() % 10 == 0 ? "" : "\(Int(rng.next() % 2_000) - 1_000).\(rng.next() % 1_000)"
      let day = rng.next() % 20 == 0 ? "" : String(format: "2024-%02d-%02d", 1 + rng.next() % 2, 1 + rng.next() % 28)
      let flag = ["true", "false", ""][Int(rng.next() % 3)]
      csv += "\(id),\(grp),\(amount),\(score),\(day),\(flag)\n"
    }
    return csv
  }

  struct SpillCase: Sendable, CustomTestStringConvertible {
    var budget: Int
    var testDescription: String { "budget \(budget)" }
  }

  /// The ids, every value and the origins, sorted with `budget`, in batches of 1,000 rows read.
  static func sortCSV(_ data: URL, budget: Int, folder: String) throws -> (rows: [[String?]], lines: [Int], stats: ExternalSort.Stats, batches: [Int]) {
    let expressions = keys.map(\.yaml).joined(separator: ", ")
    var recipe = try Recipe.parse("""
      product: {name: t}
      source: {path: \(data.lastPathComponent)}
      steps:
        - cast: {columns: {amount: 'decimal(8,2)', score: double, day: date, flag: boolean}}
        - sort: {expressions: [\(expressions)]}
      target: {path: out}

      """, file: data.deletingLastPathComponent().appendingPathComponent("r.yaml").path)
    var sort = try #require(recipe.steps[1].step as? Sort)
    sort.memoryBudget = budget
    sort.spillFolder = folder
    recipe.steps[1].step = sort
    let reader = try Source.open(path: data.path, batchSize: 1_000).reader
    let plan = try Plan(steps: recipe.steps, source: reader.schema)
    var rows: [[String?]] = []
    var lines: [Int] = []
    var batches: [Int] = []
    let buffer = try #require((plan.steps[1].step as? Sort)?.buffer)
    try plan.stream({ body in
      while let chunk = try reader.next() { try body(chunk.batch) }
    }) { batch, refused, _ in
      #expect(refused.isEmpty)
      guard let batch else { return }
      // While merging, the spill file is open but has no name.
      if budget < 1 << 20 { #expect(buffer.hasSpillFile) }
      #expect((try? FileManager.default.contentsOfDirectory(atPath: folder)) == [])
      batches.append(batch.rowCount)
      rows += (0 ..< batch.rowCount).map { r in batch.columns.map { $0.formatted(r) } }
      lines += batch.origins.map(\.line)
    }
    #expect(!buffer.hasSpillFile)
    return (rows, lines, buffer.stats, batches)
  }

  @Test func spilledSortEqualsInMemorySortAndDuckDB() throws {
    let folder = try TemporaryFolder()
    let rows = 100_000
    let data = try folder.write("data.csv", Self.generatedCSV(rows: rows))
    let spill = try TemporaryFolder()

    let memory = try Self.sortCSV(data, budget: 1 << 30, folder: spill.path)
    #expect(memory.stats.runs == 0)
    #expect(memory.rows.count == rows)
    #expect(memory.batches == [65_536, rows - 65_536])
    // Every row is whole: its id is its line in the file, less the header.
    #expect(memory.rows.enumerated().allSatisfy { i, row in row[0] == String(memory.lines[i] - 2) })

    // One merge of a few dozen runs; then more than 64 runs, merged in a pass first.
    for budget in [512 << 10, 96 << 10] {
      let spilled = try Self.sortCSV(data, budget: budget, folder: spill.path)
      #expect(spilled.stats.runs > 1, "budget \(budget)")
      #expect(spilled.stats.peakHeldBytes < budget + 400_000, "at most one read batch over the budget")
      #expect(spilled.rows == memory.rows, "budget \(budget)")
      #expect(spilled.lines == memory.lines)
      #expect(spilled.batches == memory.batches)
      if budget < 100 << 10 { #expect(spilled.stats.mergePasses >= 1) } else { #expect(spilled.stats.mergePasses == 0) }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: spill.path) == [])
    #expect(Self.openSpillFiles(in: spill.path) == 0)

    guard let answer = try OraclePython.json([OraclePython.script("oracle_sort.py"), data.path] + Self.keys.map(\.duck)) else { return }
    let duckdb = try #require(answer as? [String])
    #expect(duckdb.count == rows)
    #expect(memory.rows.map { $0[0] ?? "" } == duckdb)
  }

  // MARK: - Temporary files on errors

  struct Stop: Error {}

  @Test func spillFileIsGoneWhenTheStepsAfterFailOrTheRunStops() throws {
    let spill = try TemporaryFolder()
    let batch = Self.everyKind(rows: 1_000)
    let schema = batch.schema
    let parts = (0 ..< 10).map { k in batch.filtered((0 ..< 1_000).map { $0 / 100 == k }) }

    // The steps after the sort fail while it merges: the file is closed on the way out.
    let failing = try Self.step("sort: {expressions: [{source_column: big}]}", schema: schema, budget: 8 << 10, folder: spill.path)
    for part in parts { try failing.consume(part) }
    #expect(failing.buffer!.stats.runs > 1)
    #expect(Self.openSpillFiles(in: spill.path) == (FileManager.default.fileExists(atPath: "/proc/self/fd") ? 1 : 0))
    #expect(throws: Stop.self) { try failing.finish { _ in throw Stop() } }
    #expect(Self.openSpillFiles(in: spill.path) == 0)
    #expect(!failing.buffer!.hasSpillFile)

    // The source fails before the sort finishes: the file goes with the plan.
    do {
      let plan = try Plan(
        steps: [PlannableStep(
          step: try Self.step("sort: {expressions: [{source_column: big}]}", schema: schema, budget: 8 << 10, folder: spill.path),
          context: StepContext(reference: StepReference(index: 1, kind: "sort"), location: RecipeLocation(file: "t", line: 1, column: 1), folder: "/"))],
        source: schema)
      #expect(throws: Stop.self) {
        try plan.stream({ body in
          for part in parts { try body(part) }
          throw Stop()
        }) { _, _, _ in }
      }
      withExtendedLifetime(plan) {
        #expect(Self.openSpillFiles(in: spill.path) == (FileManager.default.fileExists(atPath: "/proc/self/fd") ? 1 : 0))
      }
    }
    #expect(Self.openSpillFiles(in: spill.path) == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: spill.path) == [])
  }

  // MARK: - A whole run

  /// Rows the reader refuses, a filter before the sort and a cast after it that refuses a row:
  /// the accounting balances and the quarantined row keeps its source line.
  @Test func runAccountsForEveryRowAndQuarantinesWithSourceLines() throws {
    let folder = try TemporaryFolder()
    try folder.write("data.csv", """
      id,city,n
      1,Köln,10
      2,Bonn,x
      3,,30
      4,Aachen,40,extra
      5,Bonn,50
      6,Aachen,60

      """)
    let recipe = try Recipe.load(path: folder.write("r.yaml", """
      product: {name: t}
      source: {path: data.csv}
      steps:
        - remove_missing: {source_column: city}
        - sort: {expressions: [{source_column: city}, {source_column: id, ordering: DESCENDING}]}
        - cast: {columns: {n: int}}
      target: {path: out}

      """).path)
    let result = try Pipeline.run(recipe: recipe)
    let accounting = result.manifest.accounting
    #expect(accounting.rowsRead == 6)
    #expect(accounting.rowsWritten == 3)
    #expect(accounting.rowsFiltered == 1)
    #expect(accounting.rowsQuarantined == 2)
    #expect(accounting.rowsRead == accounting.rowsWritten + accounting.rowsFiltered + accounting.rowsQuarantined)
    #expect(accounting.balanced)
    let rows = SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8))
    #expect(rows == [["id", "city", "n"], ["6", "Aachen", "60"], ["5", "Bonn", "50"], ["1", "Köln", "10"]])
    let quarantine = try String(contentsOfFile: try #require(result.quarantineFile), encoding: .utf8)
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    let records = try quarantine.split(separator: "\n").map { try decoder.decode(RejectedRow.self, from: Data($0.utf8)) }
    let byStep = try #require(records.first { $0.step != nil })
    #expect(byStep.line == 3, "the row with n = x is line 3 of data.csv")
    #expect(byStep.step == "3:cast")
    #expect(byStep.file.hasSuffix("data.csv"))
    #expect(records.contains { $0.step == nil && $0.line == 5 })
    let lineage = try #require(result.manifest.lineage)
    #expect(lineage.dataset.map(\.field).sorted() == ["city", "id"])
    #expect(lineage.dataset.first { $0.field == "id" }?.transformations.map(\.subtype) == [.sort])
  }

  /// DataBrew's own example, with the trailing commas its docs write, runs as exported.
  @Test func databrewRecipeRunsAsExported() throws {
    let folder = try TemporaryFolder()
    let data = try folder.write("data.csv", "A,B\n2,Tue\n1,Sun\n,Mon\n1,Mon\n2,\n")
    let json = #"""
      [{"Action": {"Operation": "SORT", "Parameters": {"expressions": "[{\"sourceColumn\": \"A\", \"ordering\": \"ASCENDING\", \"nullsOrdering\": \"NULLS_TOP\",}, {\"sourceColumn\": \"B\", \"ordering\": \"DESCENDING\", \"nullsOrdering\": \"NULLS_BOTTOM\", \"customOrder\": [\"Mon\", \"Tue\", \"Wed\", \"Thu\", \"Fri\", \"Sat\", \"Sun\"], \"isCustomOrderCaseSensitive\": false,}]"}}}]
      """#
    let recipe = try Recipe.load(path: folder.write("r.json", json).path, source: data.path, target: folder.file("out").path)
    let result = try Pipeline.run(recipe: recipe)
    let rows = SimpleCSV.parse(try String(contentsOfFile: result.dataFile, encoding: .utf8))
    #expect(rows == [["A", "B"], [nil, "Mon"], ["1", "Mon"], ["1", "Sun"], ["2", "Tue"], ["2", nil]])

    // And back: `onboard convert` writes DataBrew's camelCase keys inside `expressions`.
    let yaml = "product: {name: t}\nsource: {path: data.csv}\nsteps:\n  - sort: {expressions: [{source_column: A, is_custom_order_case_sensitive: true, custom_order: [x]}]}\ntarget: {path: out}\n"
    let converted = try RecipeConversion.toDataBrew(yaml, file: folder.file("r.yaml").path)
    #expect(converted.text.contains(#"{\"customOrder\":[\"x\"],\"isCustomOrderCaseSensitive\":true,\"sourceColumn\":\"A\"}"#))
  }
}
