/// The write side of a text column, for readers: appends without per-append checks.
///
/// This is one of the few places with pointer code, kept small so it can be audited: three
/// manually grown buffers (bytes, offsets, validity words) owned by the builder and freed by
/// `deallocate()`. `makeColumn()` copies them into a new `TextColumn`, `append(to:)` onto the end
/// of one (the CSV reader's chunks), and `reset()` reuses them.
struct TextColumnBuilder {
  private var bytes: UnsafeMutablePointer<UInt8>
  private var byteCapacity: Int
  private(set) var byteCount = 0
  /// `rows + 1` entries: value `i` spans `offsets[i] ..< offsets[i + 1]`.
  private var offsets: UnsafeMutablePointer<Int>
  private var rowCapacity: Int
  private(set) var rows = 0
  private var words: UnsafeMutablePointer<UInt64>
  private(set) var nulls = 0

  init(rows: Int, bytes byteCapacity: Int) {
    self.byteCapacity = max(byteCapacity, 64)
    rowCapacity = max(rows, 64)
    bytes = .allocate(capacity: self.byteCapacity)
    offsets = .allocate(capacity: rowCapacity + 1)
    offsets[0] = 0
    words = .allocate(capacity: (rowCapacity + 63) / 64)
  }

  func deallocate() {
    bytes.deallocate()
    offsets.deallocate()
    words.deallocate()
  }

  mutating func reset() {
    byteCount = 0
    rows = 0
    nulls = 0
  }

  /// Appends bytes to the value being built; `close` ends the value.
  @inline(__always)
  mutating func appendPiece(_ piece: UnsafeBufferPointer<UInt8>) {
    let n = piece.count
    if byteCount + n > byteCapacity { growBytes(byteCount + n) }
    if n > 0 { Self.copy(piece.baseAddress!, to: bytes + byteCount, count: n) }
    byteCount += n
  }

  /// Copies bytes; most fields are short, and a call to `memmove` for each would cost more than
  /// the copy. Up to 16 bytes move as two (overlapping) words, read and written within the range.
  @inline(__always)
  private static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count n: Int) {
    let from = UnsafeRawPointer(source)
    let to = UnsafeMutableRawPointer(target)
    if n >= 8 && n <= 16 {
      let head = from.loadUnaligned(as: UInt64.self)
      let tail = from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
      to.storeBytes(of: head, as: UInt64.self)
      to.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
    } else if n >= 4 && n < 8 {
      let head = from.loadUnaligned(as: UInt32.self)
      let tail = from.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
      to.storeBytes(of: head, as: UInt32.self)
      to.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
    } else if n < 4 {
      for i in 0 ..< n { target[i] = source[i] }
    } else {
      target.update(from: source, count: n)
    }
  }

  @inline(__always)
  mutating func close(valid: Bool) {
    if rows == rowCapacity { growRows() }
    rows += 1
    offsets[rows] = byteCount
    let word = (rows - 1) >> 6
    let bit: UInt64 = 1 << UInt64((rows - 1) & 63)
    if valid {
      words[word] |= bit
    } else {
      words[word] &= ~bit
      nulls += 1
    }
  }

  @inline(__always)
  mutating func append(_ value: UnsafeBufferPointer<UInt8>) {
    appendPiece(value)
    close(valid: true)
  }

  /// Cuts back to the first `count` values, dropping any unfinished piece too.
  mutating func truncate(toRows count: Int) {
    for row in count ..< rows where words[row >> 6] & (1 << UInt64(row & 63)) == 0 { nulls -= 1 }
    rows = count
    byteCount = offsets[count]
  }

  /// Appends what was built to `column`; `reset()` then reuses the buffers.
  func append(to column: inout TextColumn) {
    column.append(
      bytes: UnsafeBufferPointer(start: bytes, count: byteCount), offsets: UnsafeBufferPointer(start: offsets, count: rows + 1),
      words: words, rows: rows, nulls: nulls)
  }

  func makeColumn() -> TextColumn {
    TextColumn(
      bytes: Array(UnsafeBufferPointer(start: bytes, count: byteCount)),
      offsets: Array(UnsafeBufferPointer(start: offsets, count: rows + 1)),
      validity: Validity(words: Array(UnsafeBufferPointer(start: words, count: (rows + 63) / 64)), count: rows, nullCount: nulls))
  }

  private mutating func growBytes(_ needed: Int) {
    var capacity = byteCapacity * 2
    while capacity < needed { capacity *= 2 }
    let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    grown.update(from: bytes, count: byteCount)
    bytes.deallocate()
    bytes = grown
    byteCapacity = capacity
  }

  private mutating func growRows() {
    let capacity = rowCapacity * 2
    let grownOffsets = UnsafeMutablePointer<Int>.allocate(capacity: capacity + 1)
    grownOffsets.update(from: offsets, count: rows + 1)
    offsets.deallocate()
    offsets = grownOffsets
    let grownWords = UnsafeMutablePointer<UInt64>.allocate(capacity: (capacity + 63) / 64)
    grownWords.update(from: words, count: (rowCapacity + 63) / 64)
    words.deallocate()
    words = grownWords
    rowCapacity = capacity
  }
}
