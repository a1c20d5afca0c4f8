/// Reads a source in UTF-16 or a single-byte encoding and hands out UTF-8, so that every reader
/// downstream deals in UTF-8 bytes only.
///
/// ```swift
/// let source = TranscodingSource(try FileSource(path: "export.csv"), encoding: .utf16LE)
/// let reader = try CSVReader(source: source)
/// ```
///
/// UTF-8 input needs no wrapping (callers check `encoding != .utf8`); given UTF-8, this passes the
/// bytes through unchecked. The byte order mark is skipped. UTF-16 code units and surrogate pairs
/// may be split across the inner source's reads. An unpaired surrogate, or an odd byte at the end
/// of UTF-16 input, becomes U+FFFD and is counted in `replacements`, so a run can report it
/// instead of failing. Single-byte encodings have no invalid bytes.
///
/// This is one of the few types with pointer code: one input buffer and one four-byte carry
/// buffer, both owned here. Memory is those two buffers whatever the size of the input.
public final class TranscodingSource: ByteSource {
  public let name: String
  public let encoding: TextEncoding
  /// How many U+FFFD replacement characters were written for bytes that could not be decoded.
  public private(set) var replacements = 0
  /// The byte offset, in the undecoded input (byte order mark included), of the first replacement.
  public private(set) var firstReplacementOffset: Int?

  private let inner: any ByteSource
  private let skipsByteOrderMark: Bool
  /// Code point of each byte, for Latin-1 and Windows-1252; empty for the other encodings.
  private let table: ContiguousArray<UInt16>

  /// Undecoded bytes: `input[start ..< end]` is waiting; `inputOffset` is the position of
  /// `input[0]` in the inner source.
  private let input: UnsafeMutablePointer<UInt8>
  private static let inputCapacity = 1 << 16
  private var start = 0
  private var end = 0
  private var inputOffset = 0
  private var inputEnded = false
  private var markChecked = false

  /// The UTF-8 bytes of one character that did not fit in the caller's buffer, handed out first
  /// on the next read: `pending[pendingStart ..< pendingEnd]`.
  private let pending: UnsafeMutablePointer<UInt8>
  private var pendingStart = 0
  private var pendingEnd = 0

  /// - Parameter skipByteOrderMark: Whether a byte order mark at the start (of `encoding`; the
  ///   single-byte encodings have none) is dropped rather than handed out as U+FEFF.
  public init(_ source: any ByteSource, encoding: TextEncoding, skipByteOrderMark: Bool = true) {
    inner = source
    name = source.name
    self.encoding = encoding
    skipsByteOrderMark = skipByteOrderMark
    table = switch encoding {
    case .latin1: Self.latin1Table
    case .windows1252: Self.windows1252Table
    case .utf8, .utf16LE, .utf16BE: []
    }
    input = .allocate(capacity: Self.inputCapacity)
    pending = .allocate(capacity: 4)
  }

  deinit {
    input.deallocate()
    pending.deallocate()
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    // Callers pass byte buffers ([UInt8] storage), so the memory is already bound to UInt8.
    let out = base.assumingMemoryBound(to: UInt8.self)
    let capacity = buffer.count
    var written = 0
    while written < capacity {
      if pendingStart < pendingEnd {
        let n = min(pendingEnd - pendingStart, capacity - written)
        (out + written).update(from: pending + pendingStart, count: n)
        pendingStart += n
        written += n
        continue
      }
      // `decode` writes whole characters only and wants room for the longest (four bytes); with
      // less room left, one character goes through `pending` and is handed out piece by piece.
      if markChecked {
        if capacity - written >= 4 {
          let n = decode(into: out + written, capacity: capacity - written)
          written += n
          if n > 0 { continue }
        } else {
          let n = decode(into: pending, capacity: 4)
          (pendingStart, pendingEnd) = (0, n)
          if n > 0 { continue }
        }
      }
      // No whole character is waiting. At the end, `decode` has used up every leftover byte.
      if inputEnded { break }
      try refill()
    }
    return written
  }

  // MARK: - Input

  /// Moves the few undecoded bytes (a split character) to the front and reads after them; the
  /// first time, reads until the byte order mark can be judged and steps over it.
  private func refill() throws {
    if start > 0 {
      let waiting = end - start
      // The regions may overlap; raw copyMemory is a memmove.
      if waiting > 0 { UnsafeMutableRawPointer(input).copyMemory(from: input + start, byteCount: waiting) }
      inputOffset += start
      start = 0
      end = waiting
    }
    let mark = encoding.byteOrderMark
    repeat {
      let n = try inner.read(into: UnsafeMutableRawBufferPointer(start: input + end, count: Self.inputCapacity - end))
      if n == 0 { inputEnded = true }
      end += n
    } while !markChecked && end < mark.count && !inputEnded
    if !markChecked {
      markChecked = true
      if skipsByteOrderMark && UnsafeBufferPointer(start: input, count: end).starts(with: mark) { start = mark.count }
    }
  }

  // MARK: - Decoding

  /// Decodes whole characters from the waiting input into `out` while there is room for four more
  /// bytes; returns the number of bytes written. At the end of the input it also turns leftover
  /// bytes (half a code unit, a lone high surrogate) into U+FFFD.
  private func decode(into out: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
    switch encoding {
    case .utf8: copyThrough(into: out, capacity: capacity)
    case .utf16LE: decodeUTF16(into: out, capacity: capacity, bigEndian: false)
    case .utf16BE: decodeUTF16(into: out, capacity: capacity, bigEndian: true)
    case .latin1, .windows1252: decodeSingleByte(into: out, capacity: capacity)
    }
  }

  private func copyThrough(into out: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
    let n = min(end - start, capacity)
    out.update(from: input + start, count: n)
    start += n
    return n
  }

  private func decodeSingleByte(into out: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
    let (input, end) = (self.input, self.end)
    var i = start
    var w = 0
    table.withUnsafeBufferPointer { table in
      while i < end && w + 4 <= capacity {
        let byte = input[i]
        i += 1
        if byte < 0x80 {
          out[w] = byte
          w += 1
        } else {
          w += Self.writeUTF8(UInt32(table[Int(byte)]), to: out + w)
        }
      }
    }
    start = i
    return w
  }

  private func decodeUTF16(into out: UnsafeMutablePointer<UInt8>, capacity: Int, bigEndian: Bool) -> Int {
    let (input, end, ended) = (self.input, self.end, inputEnded)
    @inline(__always) func unit(_ at: Int) -> UInt32 {
      bigEndian ? UInt32(input[at]) << 8 | UInt32(input[at + 1]) : UInt32(input[at]) | UInt32(input[at + 1]) << 8
    }
    var i = start
    var w = 0
    while end - i >= 2 && w + 4 <= capacity {
      let u = unit(i)
      if u < 0x80 {
        out[w] = UInt8(u)
        w += 1
        i += 2
      } else if u & 0xF800 != 0xD800 {
        w += Self.writeUTF8(u, to: out + w)
        i += 2
      } else if u < 0xDC00 {
        // A high surrogate: the low one must follow. Wait for it unless the input has ended.
        if end - i < 4 && !ended { break }
        let low = end - i >= 4 ? unit(i + 2) : 0
        if low & 0xFC00 == 0xDC00 {
          w += Self.writeUTF8(0x1_0000 + ((u - 0xD800) << 10) + (low - 0xDC00), to: out + w)
          i += 4
        } else {
          // Unpaired; what follows is decoded on its own.
          w += replace(at: i, to: out + w)
          i += 2
        }
      } else {
        w += replace(at: i, to: out + w)  // a low surrogate with no high one before it
        i += 2
      }
    }
    if ended && end - i == 1 && w + 4 <= capacity {
      w += replace(at: i, to: out + w)  // half a code unit: the input was cut or is not UTF-16
      i += 1
    }
    start = i
    return w
  }

  /// Writes U+FFFD for undecodable input at `input[at]` and counts it.
  private func replace(at position: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
    if firstReplacementOffset == nil { firstReplacementOffset = inputOffset + position }
    replacements += 1
    return Self.writeUTF8(0xFFFD, to: out)
  }

  /// Writes the UTF-8 form of a scalar (not a surrogate) and returns its length, 1 to 4 bytes.
  @inline(__always)
  private static func writeUTF8(_ scalar: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
    switch scalar {
    case 0 ..< 0x80:
      out[0] = UInt8(scalar)
      return 1
    case 0x80 ..< 0x800:
      out[0] = UInt8(0xC0 | scalar >> 6)
      out[1] = UInt8(0x80 | scalar & 0x3F)
      return 2
    case 0x800 ..< 0x1_0000:
      out[0] = UInt8(0xE0 | scalar >> 12)
      out[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
      out[2] = UInt8(0x80 | scalar & 0x3F)
      return 3
    default:
      out[0] = UInt8(0xF0 | scalar >> 18)
      out[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
      out[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
      out[3] = UInt8(0x80 | scalar & 0x3F)
      return 4
    }
  }

  // MARK: - Single-byte tables

  /// Latin-1 (ISO-8859-1) is the first 256 code points of Unicode, byte for byte.
  static let latin1Table = ContiguousArray<UInt16>((0 ..< 256).map { UInt16($0) })

  /// Windows-1252 is Latin-1 except 0x80–0x9F, mapped per the WHATWG Encoding Standard's
  /// index-windows-1252. Its five undefined bytes (81, 8D, 8F, 90, 9D) keep their Latin-1 C1
  /// control code points, as WHATWG maps them, so no byte is ever rejected.
  static let windows1252Table: ContiguousArray<UInt16> = {
    var table = latin1Table
    let high: [UInt16] = [
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80–87
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 88–8F
      0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90–97
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 98–9F
    ]
    for (i, codePoint) in high.enumerated() { table[0x80 + i] = codePoint }
    return table
  }()
}
