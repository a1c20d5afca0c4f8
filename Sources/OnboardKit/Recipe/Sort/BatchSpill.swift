import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A batch as bytes and back, for steps that hold more rows than memory allows: `sort` writes
/// sorted runs to a spill file and merges them.
///
/// Our own encoding rather than Parquet or Arrow IPC: it must give back exactly the `Batch` it was
/// given (every column kind, validity, row origins, the schema with its formats, the source file),
/// and a spill file never outlives the process that wrote it, so values are stored as they lie in
/// memory (native byte order, `Int` as 64 bits). One encoded batch is a *block*:
///
///     block   = "OBS1" · payload byte count (u64) · checksum of the payload (u64) · payload
///     payload = rows (u64) · source (string) · schema · column × fields · origins
///     string  = byte count (u64) · UTF-8 bytes
///     schema  = field count (u64) · field ×;   field = name (string) · nullable (u8) · type · format
///     type    = tag (u8): boolean 0, integer 1, bigint 2, decimal 3 · precision · scale, double 4,
///               date 5, timestamp 6, string 7, array 8 · element type, struct 9 · field count · field ×
///     format  = 0 (none) | 1 · decimal separator · thousands (0, or 1 · separator) · date order
///               (0 ISO, 1 dmy, 2 mdy, 3 ymd) · date separator, each a u8
///     column  = kind (u8): text 0, boolean 1, int64 2, decimal 3 · scale (u64), double 4, date 5,
///               timestamp 6 · null count (u64) · validity (u64 × ⌈rows/64⌉, only when nulls) · values
///     values  = text: byte count (u64) · offsets (Int × rows + 1) · bytes; boolean: u8 × rows;
///               int64, decimal, timestamp: Int64 × rows; double: bit pattern (u64) × rows; date: Int32 × rows
///     origins = line (Int) × rows · byte offset (Int) × rows
///
/// Decoding checks what it reads (marker, lengths, checksum, offsets rising within the bytes,
/// null counts against the bitmap, tags) and throws `SpillError.corrupt` instead of trapping.
enum BatchSpill {
  static let marker: [UInt8] = Array("OBS1".utf8)
  /// Marker, payload length and checksum.
  static let headerSize = 4 + 8 + 8

  /// Appends `batch` as one block to `out`.
  static func encode(_ batch: Batch, into out: inout [UInt8]) {
    let start = out.count
    out.append(contentsOf: marker)
    out.append(contentsOf: repeatElement(0, count: 16))  // length and checksum, filled in below
    var w = Writer(out: out)
    out = []  // one owner, so the appends below do not copy
    w.int(batch.rowCount)
    w.string(batch.source)
    w.int(batch.schema.count)
    for field in batch.schema.fields { w.field(field) }
    for column in batch.columns { w.column(column, rows: batch.rowCount) }
    w.raw(batch.origins.map(\.line))
    w.raw(batch.origins.map(\.byteOffset))
    out = w.out
    let payload = start + headerSize
    let checksum = out.withUnsafeBufferPointer { Hashing.hash(UnsafeBufferPointer(rebasing: $0[payload...])) }
    withUnsafeBytes(of: UInt64(out.count - payload)) { out.replaceSubrange(start + 4 ..< start + 12, with: $0) }
    withUnsafeBytes(of: checksum) { out.replaceSubrange(start + 12 ..< start + 20, with: $0) }
  }

  static func encode(_ batch: Batch) -> [UInt8] {
    var out: [UInt8] = []
    encode(batch, into: &out)
    return out
  }

  /// The payload length a block header announces, so a reader knows how much to read.
  static func blockLength(header: [UInt8]) throws -> Int {
    guard header.count >= headerSize, Array(header[0 ..< 4]) == marker else { throw SpillError.corrupt("no block marker") }
    let length = header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 4, as: UInt64.self) }
    guard length <= UInt64(Int.max - headerSize) else { throw SpillError.corrupt("block length \(length)") }
    return headerSize + Int(length)
  }

  /// The batch of the one block that `bytes` holds.
  static func decode(_ bytes: [UInt8]) throws -> Batch {
    try bytes.withUnsafeBytes { raw in
      guard try blockLength(header: Array(raw.prefix(headerSize))) == raw.count else {
        throw SpillError.corrupt("block length does not match the bytes read")
      }
      let checksum = raw.loadUnaligned(fromByteOffset: 12, as: UInt64.self)
      let payload = UnsafeRawBufferPointer(rebasing: raw[headerSize...])
      guard Hashing.hash(payload.bindMemory(to: UInt8.self)) == checksum else { throw SpillError.corrupt("checksum mismatch") }
      var r = Reader(bytes: payload)
      let rows = try r.count()
      let source = try r.string()
      let fieldCount = try r.count()
      var fields: [Field] = []
      for _ in 0 ..< fieldCount { fields.append(try r.field(depth: 0)) }
      var columns: [Column] = []
      for _ in 0 ..< fieldCount { columns.append(try r.column(rows: rows)) }
      let lines: [Int] = try r.array(rows)
      let offsets: [Int] = try r.array(rows)
      guard r.at == payload.count else { throw SpillError.corrupt("\(payload.count - r.at) bytes left after the batch") }
      var batch = Batch(
        schema: Schema(fields), columns: columns,
        origins: zip(lines, offsets).map { RowOrigin(line: $0, byteOffset: $1) })
      batch.source = source
      return batch
    }
  }

  private struct Writer {
    var out: [UInt8]

    mutating func u8(_ v: UInt8) { out.append(v) }
    mutating func int(_ v: Int) { withUnsafeBytes(of: UInt64(truncatingIfNeeded: v)) { out.append(contentsOf: $0) } }
    mutating func raw<T>(_ values: [T]) { values.withUnsafeBytes { out.append(contentsOf: $0) } }

    mutating func string(_ s: String) {
      let bytes = Array(s.utf8)
      int(bytes.count)
      out.append(contentsOf: bytes)
    }

    mutating func field(_ f: Field) {
      string(f.name)
      u8(f.nullable ? 1 : 0)
      type(f.type)
      guard let format = f.format else { return u8(0) }
      u8(1)
      u8(format.decimalSeparator)
      if let t = format.thousandsSeparator { u8(1); u8(t) } else { u8(0) }
      switch format.dateOrder {
      case nil: u8(0)
      case .dmy: u8(1)
      case .mdy: u8(2)
      case .ymd: u8(3)
      }
      u8(format.dateSeparator)
    }

    mutating func type(_ t: DataType) {
      switch t {
      case .boolean: u8(0)
      case .integer: u8(1)
      case .bigint: u8(2)
      case .decimal(let p, let s): u8(3); int(p); int(s)
      case .double: u8(4)
      case .date: u8(5)
      case .timestamp: u8(6)
      case .string: u8(7)
      case .array(let element): u8(8); type(element)
      case .struct(let fields):
        u8(9)
        int(fields.count)
        for f in fields { field(f) }
      }
    }

    mutating func validity(_ v: Validity) {
      int(v.nullCount)
      guard v.nullCount > 0 else { return }
      var words = [UInt64](repeating: 0, count: (v.count + 63) / 64)
      for row in 0 ..< v.count where v.isValid(row) { words[row >> 6] |= 1 << UInt64(row & 63) }
      raw(words)
    }

    mutating func column(_ column: Column, rows: Int) {
      precondition(column.count == rows, "a column of \(column.count) values in a batch of \(rows) rows")
      switch column {
      case .text(let c):
        u8(0)
        validity(c.validity)
        int(c.bytes.count)
        raw(c.offsets)
        raw(c.bytes)
      case .boolean(let c):
        u8(1)
        validity(c.validity)
        raw(c.values.map { $0 ? UInt8(1) : 0 })
      case .int64(let c): u8(2); validity(c.validity); raw(c.values)
      case .decimal(let c, let scale): u8(3); int(scale); validity(c.validity); raw(c.values)
      case .double(let c): u8(4); validity(c.validity); raw(c.values.map(\.bitPattern))
      case .date(let c): u8(5); validity(c.validity); raw(c.values)
      case .timestamp(let c): u8(6); validity(c.validity); raw(c.values)
      }
    }
  }

  private struct Reader {
    let bytes: UnsafeRawBufferPointer
    var at = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func u8() throws -> UInt8 {
      guard at < bytes.count else { throw SpillError.corrupt("block ends early") }
      defer { at += 1 }
      return bytes[at]
    }

    mutating func u64() throws -> UInt64 {
      guard bytes.count - at >= 8 else { throw SpillError.corrupt("block ends early") }
      defer { at += 8 }
      return bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)
    }

    /// A count or size: at most what the rest of the block could hold, so a bad one cannot make
    /// us allocate wildly.
    mutating func count() throws -> Int {
      let v = try u64()
      guard v <= UInt64(bytes.count) else { throw SpillError.corrupt("count \(v) exceeds the block") }
      return Int(v)
    }

    mutating func array<T>(_ n: Int) throws -> [T] {
      let size = MemoryLayout<T>.stride
      guard n <= (bytes.count - at) / size else { throw SpillError.corrupt("block ends early") }
      let source = bytes.baseAddress.map { $0 + at }
      at += n * size
      return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
        if n > 0, let source { UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: source, byteCount: n * size) }
        initialized = n
      }
    }

    mutating func string() throws -> String {
      let n = try count()
      let utf8: [UInt8] = try array(n)
      return String(decoding: utf8, as: UTF8.self)
    }

    mutating func field(depth: Int) throws -> Field {
      let name = try string()
      let nullable = try u8() != 0
      let type = try type(depth: depth)
      var format: ValueFormat? = nil
      switch try u8() {
      case 0: break
      case 1:
        var f = ValueFormat(decimalSeparator: try u8())
        if try u8() != 0 { f.thousandsSeparator = try u8() }
        switch try u8() {
        case 0: f.dateOrder = nil
        case 1: f.dateOrder = .dmy
        case 2: f.dateOrder = .mdy
        case 3: f.dateOrder = .ymd
        case let tag: throw SpillError.corrupt("date order tag \(tag)")
        }
        f.dateSeparator = try u8()
        format = f
      case let tag: throw SpillError.corrupt("format tag \(tag)")
      }
      return Field(name: name, type: type, nullable: nullable, format: format)
    }

    mutating func type(depth: Int) throws -> DataType {
      guard depth < 64 else { throw SpillError.corrupt("types nested too deep") }
      switch try u8() {
      case 0: return .boolean
      case 1: return .integer
      case 2: return .bigint
      case 3: return .decimal(precision: try count(), scale: try count())
      case 4: return .double
      case 5: return .date
      case 6: return .timestamp
      case 7: return .string
      case 8: return .array(try type(depth: depth + 1))
      case 9:
        let n = try count()
        var fields: [Field] = []
        for _ in 0 ..< n { fields.append(try field(depth: depth + 1)) }
        return .struct(fields)
      case let tag: throw SpillError.corrupt("type tag \(tag)")
      }
    }

    mutating func validity(rows: Int) throws -> Validity {
      let nulls = try count()
      guard nulls <= rows else { throw SpillError.corrupt("\(nulls) nulls in \(rows) rows") }
      // Without nulls no bitmap was written: every bit is set (`init(words:)` clears the tail).
      let words: [UInt64] = nulls == 0 ? Array(repeating: ~0, count: (rows + 63) / 64) : try array((rows + 63) / 64)
      let validity = Validity(words: words, count: rows, nullCount: nulls)
      var valid = 0
      for row in 0 ..< rows where validity.isValid(row) { valid += 1 }
      guard valid == rows - nulls else { throw SpillError.corrupt("null count \(nulls) does not match the bitmap") }
      return validity
    }

    mutating func typed<E>(rows: Int) throws -> TypedColumn<E> {
      let validity = try validity(rows: rows)
      return TypedColumn(values: try array(rows), validity: validity)
    }

    mutating func column(rows: Int) throws -> Column {
      switch try u8() {
      case 0:
        let validity = try validity(rows: rows)
        let byteCount = try count()
        let offsets: [Int] = try array(rows + 1)
        let bytes: [UInt8] = try array(byteCount)
        guard offsets.first == 0, offsets.last == byteCount, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
          throw SpillError.corrupt("text offsets out of order")
        }
        return .text(TextColumn(bytes: bytes, offsets: offsets, validity: validity))
      case 1:
        let validity = try validity(rows: rows)
        let values: [UInt8] = try array(rows)
        guard values.allSatisfy({ $0 <= 1 }) else { throw SpillError.corrupt("a boolean that is neither 0 nor 1") }
        return .boolean(TypedColumn(values: values.map { $0 == 1 }, validity: validity))
      case 2: return .int64(try typed(rows: rows))
      case 3:
        let scale = try count()
        return .decimal(try typed(rows: rows), scale: scale)
      case 4:
        let bits: TypedColumn<UInt64> = try typed(rows: rows)
        return .double(TypedColumn(values: bits.values.map(Double.init(bitPattern:)), validity: bits.validity))
      case 5: return .date(try typed(rows: rows))
      case 6: return .timestamp(try typed(rows: rows))
      case let tag: throw SpillError.corrupt("column kind \(tag)")
      }
    }
  }
}

/// A spill file went wrong: it could not be made or written (usually a full disk), or what was
/// read back is not what was written.
enum SpillError: Error, CustomStringConvertible, Equatable {
  case cannotCreate(folder: String, reason: String)
  case cannotWrite(folder: String, reason: String)
  case cannotRead(reason: String)
  case corrupt(String)

  var description: String {
    switch self {
    case .cannotCreate(let folder, let reason):
      "cannot create a spill file in \(folder): \(reason). Point TMPDIR at a writable folder with room for the data."
    case .cannotWrite(let folder, let reason):
      "cannot write the spill file in \(folder): \(reason). A sort larger than memory needs free space in TMPDIR about twice the data's size."
    case .cannotRead(let reason):
      "cannot read back the spill file: \(reason)."
    case .corrupt(let what):
      "the spill file read back is damaged (\(what)); no output was written. Run again, and check the disk behind TMPDIR."
    }
  }
}

/// A temporary file of spilled blocks, nameless: it is created in `folder` and unlinked at once, so
/// nothing is left on disk whatever happens to the run (an error, a crash, a kill); the space
/// returns when the descriptor is closed (`close`, or when the last reference goes).
final class SpillFile {
  private var descriptor: Int32
  let folder: String
  /// Bytes written so far: the offset of the next block.
  private(set) var size = 0

  init(folder: String) throws {
    self.folder = folder
    var template = Array((folder as NSString).appendingPathComponent("onboard-spill-XXXXXX").utf8CString)
    descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw SpillError.cannotCreate(folder: folder, reason: String(cString: strerror(errno))) }
    _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
  }

  deinit { close() }

  var isOpen: Bool { descriptor >= 0 }

  func close() {
    #if canImport(Glibc)
      if descriptor >= 0 { _ = Glibc.close(descriptor) }
    #elseif canImport(Darwin)
      if descriptor >= 0 { _ = Darwin.close(descriptor) }
    #endif
    descriptor = -1
  }

  /// Writes `bytes` at the end; returns where they start.
  func append(_ bytes: [UInt8]) throws -> Int {
    let offset = size
    try bytes.withUnsafeBytes { raw in
      var done = 0
      while done < raw.count {
        let n = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { throw SpillError.cannotWrite(folder: folder, reason: String(cString: strerror(errno))) }
        done += n
      }
    }
    size += bytes.count
    return offset
  }

  /// The `count` bytes at `offset`.
  func read(at offset: Int, count: Int) throws -> [UInt8] {
    guard offset >= 0, count >= 0, offset + count <= size else { throw SpillError.corrupt("a block beyond the end of the file") }
    return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      var done = 0
      while done < count {
        let n = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else {
          initialized = done
          throw SpillError.cannotRead(reason: n == 0 ? "the file ends early" : String(cString: strerror(errno)))
        }
        done += n
      }
      initialized = count
    }
  }

  /// The batch of the block at `offset`, `length` bytes long.
  func readBatch(at offset: Int, length: Int) throws -> Batch {
    try BatchSpill.decode(read(at: offset, count: length))
  }
}
