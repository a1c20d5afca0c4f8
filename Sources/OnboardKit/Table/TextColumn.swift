/// A column of raw text: every value's bytes back to back in one buffer, with offsets.
///
/// Value `i` is `bytes[offsets[i] ..< offsets[i + 1]]`. This is how readers hand over fields:
/// no `String` per value, one allocation per column per batch.
public struct TextColumn: Sendable, Equatable {
  public private(set) var bytes: [UInt8] = []
  public private(set) var offsets: [Int] = [0]
  public private(set) var validity = Validity()

  public init() {}

  init(bytes: [UInt8], offsets: [Int], validity: Validity) {
    self.bytes = bytes
    self.offsets = offsets
    self.validity = validity
  }

  public init(_ values: [String?]) {
    for value in values {
      if let value { append(Array(value.utf8)) } else { appendNull() }
    }
  }

  public var count: Int { offsets.count - 1 }

  public mutating func reserveCapacity(rows: Int, bytes byteCount: Int) {
    offsets.reserveCapacity(rows + 1)
    bytes.reserveCapacity(byteCount)
    validity.reserveCapacity(rows)
  }

  @inline(__always)
  public mutating func append(_ value: UnsafeBufferPointer<UInt8>) {
    bytes.append(contentsOf: value)
    offsets.append(bytes.count)
    validity.append(true)
  }

  public mutating func append<C: Collection>(_ value: C) where C.Element == UInt8 {
    bytes.append(contentsOf: value)
    offsets.append(bytes.count)
    validity.append(true)
  }

  /// Appends a reader's chunk: `rows` values whose bytes are `bytes`, with `offsets` (rows + 1,
  /// from 0) and validity `words`.
  mutating func append(
    bytes chunk: UnsafeBufferPointer<UInt8>, offsets chunkOffsets: UnsafeBufferPointer<Int>, words: UnsafePointer<UInt64>, rows: Int,
    nulls: Int
  ) {
    let base = bytes.count
    bytes.append(contentsOf: chunk)
    offsets.reserveCapacity(offsets.count + rows)
    if rows > 0 {
      for i in 1 ... rows { offsets.append(base + chunkOffsets[i]) }
    }
    validity.append(words: words, count: rows, nulls: nulls)
  }

  public mutating func appendNull() {
    offsets.append(bytes.count)
    validity.append(false)
  }


  public func isNull(_ row: Int) -> Bool { !validity.isValid(row) }

  /// The column without the rows where `keep` is false. Runs of kept rows are copied in one go:
  /// a filter usually keeps most rows.
  public func filtered(_ keep: [Bool]) -> TextColumn {
    var out = TextColumn()
    out.reserveCapacity(rows: count, bytes: bytes.count)
    var row = 0
    while row < count {
      guard keep[row] else {
        row += 1
        continue
      }
      var end = row + 1
      while end < count && keep[end] { end += 1 }
      let shift = out.bytes.count - offsets[row]
      out.bytes.append(contentsOf: bytes[offsets[row] ..< offsets[end]])
      for r in row ..< end {
        out.offsets.append(offsets[r + 1] + shift)
        out.validity.append(validity.isValid(r))
      }
      row = end
    }
    return out
  }

  /// The bytes of row `row` (empty for a null).
  public func value(_ row: Int) -> ArraySlice<UInt8> { bytes[offsets[row] ..< offsets[row + 1]] }

  /// The value as a `String`, for the edges: error messages, manifests, tests.
  public func string(_ row: Int) -> String? {
    isNull(row) ? nil : String(decoding: value(row), as: UTF8.self)
  }

  /// Calls `body` with a reader that hands out each value as a buffer, without copying.
  public func withValues<R>(_ body: (TextValues) throws -> R) rethrows -> R {
    try bytes.withUnsafeBufferPointer { b in
      try offsets.withUnsafeBufferPointer { o in try body(TextValues(bytes: b, offsets: o)) }
    }
  }
}

/// Borrowed view of a `TextColumn`'s values; valid only inside `TextColumn.withValues`.
public struct TextValues {
  let bytes: UnsafeBufferPointer<UInt8>
  let offsets: UnsafeBufferPointer<Int>

  @inline(__always)
  public subscript(row: Int) -> UnsafeBufferPointer<UInt8> {
    let start = offsets[row]
    let end = offsets[row + 1]
    guard let base = bytes.baseAddress else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: base + start, count: end - start)
  }
}
