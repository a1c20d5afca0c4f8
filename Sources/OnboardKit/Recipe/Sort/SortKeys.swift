import Foundation

/// One key of a `sort`: a column, its direction, where its missing values go, and an optional
/// custom order of listed values.
struct SortKey: Sendable {
  var column: ColumnParameter
  var descending = false
  var nullsFirst = true
  var customOrder: [String] = []
  var caseSensitive = false
  // Set by `plan`.
  var index = -1
  /// Whether values are text (strings, and nested values as JSON text): compared byte by byte.
  var isText = false
  var custom: CustomOrder?
}

/// The ranks of a custom order's listed values, found by hash so that a row needs no `String`.
struct CustomOrder: Sendable {
  struct Entry: Sendable {
    var value: [UInt8]
    var rank: Int
  }

  let caseSensitive: Bool
  private var entries: [UInt64: [Entry]] = [:]

  /// `values` are distinct as compared (the step refuses repeats); the first is rank 0.
  init(_ values: [String], caseSensitive: Bool) {
    self.caseSensitive = caseSensitive
    var scratch: [UInt8] = []
    for (rank, value) in values.enumerated() {
      let bytes = Array(value.utf8)
      let folded = bytes.withUnsafeBufferPointer { self.key(of: $0, scratch: &scratch) }
      entries[Hashing.hash(folded), default: []].append(Entry(value: folded, rank: rank))
    }
  }

  /// The value as compared: itself, or lower-cased (bytewise for ASCII, by Unicode otherwise).
  func key(of value: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> [UInt8] {
    scratch.removeAll(keepingCapacity: true)
    if caseSensitive {
      scratch.append(contentsOf: value)
    } else if TextBytes.isASCII(value) {
      for b in value { scratch.append(TextBytes.lower(b)) }
    } else {
      scratch.append(contentsOf: String(decoding: value, as: UTF8.self).lowercased().utf8)
    }
    return scratch
  }

  func rank(of value: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> Int? {
    let folded = key(of: value, scratch: &scratch)
    return entries[Hashing.hash(folded)]?.first { $0.value == folded }?.rank
  }
}

/// Sort keys of rows in comparable form, flat: row `r`'s key `k` at `r * keys + k`. A class byte
/// orders missing values (first or last), listed values of a custom order, and other values;
/// within a class, a 64-bit prefix orders the values: the value itself for numbers, dates,
/// timestamps and booleans (sign bit flipped, so unsigned order is numeric order), the rank for
/// listed values, and for text its first 7 bytes and a marker (`textPrefix`), the rest of a long
/// text kept in `tails`. A descending key stores the prefix's complement. Comparing rows is then
/// mostly integer compares, and never touches the batches.
struct KeyRows {
  var classes: [UInt8] = []
  var prefixes: [UInt64] = []
  /// Text keys' bytes from the 8th on, row by row, text key by text key; `tailEnds` says where each ends.
  var tails: [UInt8] = []
  var tailEnds: [Int] = []

  mutating func removeAll() {
    classes.removeAll(keepingCapacity: true)
    prefixes.removeAll(keepingCapacity: true)
    tails.removeAll(keepingCapacity: true)
    tailEnds.removeAll(keepingCapacity: true)
  }

  /// The memory the keys take.
  var byteCount: Int { classes.capacity + prefixes.capacity * 8 + tails.capacity + tailEnds.capacity * 8 }

  /// Calls `body` with pointers to the keys, valid inside it.
  func withView<R>(_ body: (KeyView) -> R) -> R {
    classes.withUnsafeBufferPointer { c in
      prefixes.withUnsafeBufferPointer { p in
        tails.withUnsafeBufferPointer { t in
          tailEnds.withUnsafeBufferPointer { e in
            body(KeyView(classes: c, prefixes: p, tails: t, tailEnds: e))
          }
        }
      }
    }
  }
}

/// Borrowed view of `KeyRows`; valid only inside `KeyRows.withView`.
struct KeyView {
  let classes: UnsafeBufferPointer<UInt8>
  let prefixes: UnsafeBufferPointer<UInt64>
  let tails: UnsafeBufferPointer<UInt8>
  let tailEnds: UnsafeBufferPointer<Int>

  /// The tail at `index` (row × text keys + text key).
  @inline(__always)
  func tail(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    let start = index == 0 ? 0 : tailEnds[index - 1]
    return UnsafeBufferPointer(rebasing: tails[start ..< tailEnds[index]])
  }
}

/// A sort's keys, planned: how rows' keys are made (`appendKeys`) and compared (`compare`).
struct SortOrder: Sendable {
  static let missingFirst: UInt8 = 0, listed: UInt8 = 1, value: UInt8 = 2, missingLast: UInt8 = 3

  let keys: [SortKey]
  /// Per key, its place among the text keys, or -1.
  private let textSlots: [Int]
  let textKeys: Int

  init(keys: [SortKey]) {
    self.keys = keys
    var slots: [Int] = []
    var n = 0
    for key in keys {
      slots.append(key.isText ? n : -1)
      if key.isText { n += 1 }
    }
    textSlots = slots
    textKeys = n
  }

  var count: Int { keys.count }

  /// Appends the keys of `batch`'s rows.
  func appendKeys(of batch: Batch, to out: inout KeyRows) {
    let rows = batch.rowCount, width = keys.count
    let base = out.classes.count
    out.classes.append(contentsOf: repeatElement(0, count: rows * width))
    out.prefixes.append(contentsOf: repeatElement(0, count: rows * width))
    var texts: [(slot: Int, column: TextColumn)] = []
    var scratch: [UInt8] = []
    out.classes.withUnsafeMutableBufferPointer { classes in
      out.prefixes.withUnsafeMutableBufferPointer { prefixes in
        for (k, key) in keys.enumerated() {
          let missing = key.nullsFirst ? Self.missingFirst : Self.missingLast
          let flip: UInt64 = key.descending ? ~0 : 0
          func fill<E>(_ c: TypedColumn<E>, _ prefix: (E) -> UInt64) {
            c.values.withUnsafeBufferPointer { values in
              for r in 0 ..< rows {
                let i = base + r * width + k
                if c.isNull(r) {
                  classes[i] = missing
                } else {
                  classes[i] = Self.value
                  prefixes[i] = prefix(values[r]) ^ flip
                }
              }
            }
          }
          switch batch.columns[key.index] {
          case .text(let c):
            precondition(key.isText, "column \(key.column.name) holds text but was planned as \(batch.schema[key.index].type)")
            texts.append((textSlots[k], c))
            c.withValues { values in
              for r in 0 ..< rows {
                let i = base + r * width + k
                let v = values[r]
                if c.isNull(r) || v.isEmpty {
                  classes[i] = missing
                } else if let custom = key.custom, let rank = custom.rank(of: v, scratch: &scratch) {
                  classes[i] = Self.listed
                  prefixes[i] = UInt64(rank)
                } else {
                  classes[i] = Self.value
                  prefixes[i] = Self.textPrefix(v) ^ flip
                }
              }
            }
          case .boolean(let c): fill(c) { $0 ? 1 : 0 }
          case .int64(let c), .decimal(let c, _), .timestamp(let c): fill(c) { UInt64(bitPattern: $0) ^ (1 << 63) }
          case .date(let c): fill(c) { UInt64(bitPattern: Int64($0)) ^ (1 << 63) }
          case .double(let c): fill(c, Self.doublePrefix)
          }
        }
      }
    }
    guard textKeys > 0 else { return }
    precondition(texts.count == textKeys, "a text key whose column is not text")
    texts.sort { $0.slot < $1.slot }
    out.tailEnds.reserveCapacity(out.tailEnds.count + rows * textKeys)
    for r in 0 ..< rows {
      for (_, c) in texts {
        let (start, end) = (c.offsets[r], c.offsets[r + 1])
        if end - start >= 8 { out.tails.append(contentsOf: c.bytes[start + 7 ..< end]) }  // only long values have a tail
        out.tailEnds.append(out.tails.count)
      }
    }
  }

  /// The first 7 bytes, big-endian and zero-padded, then the length when under 8, else the 8th
  /// byte but at least 8. Unsigned order is then byte order (a shorter prefix first), except that
  /// two long values with equal markers tie: only then do their tails (from the 8th byte) decide.
  @inline(__always)
  static func textPrefix(_ v: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var p: UInt64 = 0
    for j in 0 ..< min(7, v.count) { p |= UInt64(v[j]) << UInt64(56 - 8 * j) }
    return p | (v.count < 8 ? UInt64(v.count) : UInt64(max(8, v[7])))
  }

  /// IEEE 754 bits made to sort as numbers: -0 is 0, and NaN (any) comes after +infinity, as in Spark.
  static func doublePrefix(_ value: Double) -> UInt64 {
    let d = value.isNaN ? Double.nan : value == 0 ? 0 : value
    let bits = d.bitPattern
    return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
  }

  /// Orders row `i` of `a` against row `j` of `b` by the keys alone: -1, 0 or 1.
  @inline(__always)
  func compare(_ a: KeyView, _ i: Int, _ b: KeyView, _ j: Int) -> Int {
    let width = textSlots.count
    let (ia, jb) = (i * width, j * width)
    for k in 0 ..< width {
      let x = a.classes[ia + k], y = b.classes[jb + k]
      if x != y { return x < y ? -1 : 1 }
      let p = a.prefixes[ia + k], q = b.prefixes[jb + k]
      if p != q { return p < q ? -1 : 1 }
      let slot = textSlots[k]
      guard slot >= 0, x == Self.value else { continue }
      let descending = keys[k].descending
      guard (descending ? ~p : p) & 0xff >= 8 else { continue }  // short values tie only when equal
      let r = Self.compareBytes(a.tail(i * textKeys + slot), b.tail(j * textKeys + slot))
      if r != 0 { return descending ? -r : r }
    }
    return 0
  }

  /// Byte by byte, a shorter prefix first.
  @inline(__always)
  static func compareBytes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
    let n = min(x.count, y.count)
    if n > 0 {
      let c = memcmp(x.baseAddress!, y.baseAddress!, n)
      if c != 0 { return c < 0 ? -1 : 1 }
    }
    return x.count == y.count ? 0 : x.count < y.count ? -1 : 1
  }
}
