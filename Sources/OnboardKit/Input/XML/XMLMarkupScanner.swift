/// A byte-level look at the XML text before libxml2 reads it: where each element starts, and
/// whether the document asks for something we refuse.
///
/// libxml2's streaming reader parses ahead of the node it reports, so its own position
/// (`xmlTextReaderByteConsumed`, the parser's line number) can be kilobytes past the element a
/// row starts with. This scanner sees the same bytes first and records the byte offset and line
/// of every start tag in document order; the k-th element node libxml2 reports is the k-th start
/// tag recorded here, which gives each row an exact origin.
///
/// It also refuses, before a single byte of them reaches the parser:
/// - markup declarations (`<!DOCTYPE`, `<!ENTITY`, ...): without a DTD no entity can be
///   declared, so neither "billion laughs" nor an external entity can exist;
/// - elements nested deeper than the limit;
/// - text that is not ASCII-compatible (UTF-16, UTF-32), which this byte scan cannot see into.
///
/// The scan knows just enough XML to find tags: comments, CDATA sections, processing
/// instructions and quoted attribute values (which may hold `>`) are skipped. It judges nothing
/// else; well-formedness is libxml2's job, and after libxml2 reports an error the two may
/// disagree, which no longer matters.
///
/// - Complexity: O(1) per byte, and memory for the start tags libxml2 has not reported yet
///   (bounded by how far it reads ahead).
struct XMLMarkupScanner {
  /// Why scanning stopped; the stream then hands libxml2 nothing more.
  enum Stop: Equatable {
    case declaration(line: Int)
    case tooDeep(line: Int, column: Int, limit: Int)
    case notASCIICompatible
  }

  /// Where a start tag's `<` is.
  struct Origin: Equatable {
    var byteOffset: Int
    var line: Int
  }

  private enum State {
    case text, lessThan, startTag, endTag, processingInstruction, bang, bangDash, comment, cdata
  }

  let maxDepth: Int
  private(set) var stop: Stop?
  /// Whether anything but whitespace (and a UTF-8 byte order mark) has been seen.
  private(set) var sawContent = false
  private var state = State.text
  private var offset = 0
  private var line = 1
  private var lineStart = 0
  private var lastWasCR = false
  private var depth = 0
  private var quote: UInt8 = 0
  private var slash = false
  /// The last two bytes inside a comment, CDATA section or processing instruction, for finding
  /// its terminator (`-->`, `]]>`, `?>`) across reads.
  private var previous: UInt8 = 0
  private var beforePrevious: UInt8 = 0
  private var tagOrigin = Origin(byteOffset: 0, line: 1)
  private var tagColumn = 1
  private var pending: [Origin] = []
  private var pendingHead = 0

  init(maxDepth: Int) { self.maxDepth = maxDepth }

  /// The origin of the next element libxml2 reports, in document order.
  mutating func nextElementOrigin() -> Origin? {
    guard pendingHead < pending.count else { return nil }
    let origin = pending[pendingHead]
    pendingHead += 1
    if pendingHead >= 1024 && pendingHead * 2 >= pending.count {
      pending.removeFirst(pendingHead)
      pendingHead = 0
    }
    return origin
  }

  /// Scans the next bytes of the document; afterwards `stop` says whether to go on.
  mutating func scan(_ bytes: UnsafeRawBufferPointer) {
    var i = 0
    while i < bytes.count && stop == nil {
      // Fast paths over runs of bytes that change nothing but the line count: text between
      // tags, names and attributes inside a tag, quoted values.
      switch state {
      case .text where sawContent:
        skip(bytes, &i) { $0 == UInt8(ascii: "<") }
      case .startTag where quote == 0:
        let before = i
        skip(bytes, &i) {
          $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'")
        }
        if i > before { slash = false }
      case .startTag:
        let quote = quote
        skip(bytes, &i) { $0 == quote }
      case .endTag:
        skip(bytes, &i) { $0 == UInt8(ascii: ">") }
      default:
        break
      }
      if i == bytes.count { return }
      if offset < 2 && (bytes[i] == 0 || (offset == 0 && (bytes[i] == 0xFE || bytes[i] == 0xFF))) {
        stop = .notASCIICompatible
        return
      }
      countLineEnd(bytes[i])
      step(bytes[i])
      offset += 1
      i += 1
    }
  }

  /// Moves `i` to the next byte that `isWanted`, counting line ends on the way.
  @inline(__always)
  private mutating func skip(_ bytes: UnsafeRawBufferPointer, _ i: inout Int, until isWanted: (UInt8) -> Bool) {
    while i < bytes.count && !isWanted(bytes[i]) {
      countLineEnd(bytes[i])
      offset += 1
      i += 1
    }
  }

  /// Counts `\n`, `\r\n` and a lone `\r` as one line end each, as XML does.
  @inline(__always)
  private mutating func countLineEnd(_ byte: UInt8) {
    if byte > UInt8(ascii: "\r") {
      lastWasCR = false
    } else if byte == UInt8(ascii: "\n") {
      // CR LF is one line end: the CR counted it, the LF only moves the line's start.
      if !lastWasCR { line += 1 }
      lineStart = offset + 1
      lastWasCR = false
    } else if byte == UInt8(ascii: "\r") {
      line += 1
      lineStart = offset + 1
      lastWasCR = true
    } else {
      lastWasCR = false
    }
  }

  private mutating func step(_ byte: UInt8) {
    switch state {
    case .text:
      if byte == UInt8(ascii: "<") {
        sawContent = true
        tagOrigin = Origin(byteOffset: offset, line: line)
        tagColumn = offset - lineStart + 1
        state = .lessThan
      } else if !sawContent && !Self.isBlank(byte, at: offset) {
        sawContent = true
      }
    case .lessThan:
      switch byte {
      case UInt8(ascii: "/"): state = .endTag
      case UInt8(ascii: "?"): enterSkipping(.processingInstruction)
      case UInt8(ascii: "!"): state = .bang
      default:
        depth += 1
        if depth > maxDepth {
          stop = .tooDeep(line: tagOrigin.line, column: tagColumn, limit: maxDepth)
          return
        }
        pending.append(tagOrigin)
        quote = 0
        slash = false
        state = .startTag
        if byte == UInt8(ascii: ">") { state = .text }
      }
    case .startTag:
      if quote != 0 {
        if byte == quote { quote = 0 }
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        quote = byte
        slash = false
      } else if byte == UInt8(ascii: ">") {
        if slash { depth -= 1 }
        state = .text
      } else {
        slash = byte == UInt8(ascii: "/")
      }
    case .endTag:
      if byte == UInt8(ascii: ">") {
        depth -= 1
        state = .text
      }
    case .bang:
      switch byte {
      case UInt8(ascii: "-"): state = .bangDash
      case UInt8(ascii: "["): enterSkipping(.cdata)
      case UInt8(ascii: "A") ... UInt8(ascii: "Z"), UInt8(ascii: "a") ... UInt8(ascii: "z"):
        // `<!DOCTYPE`, `<!ENTITY`, `<!ELEMENT`, `<!ATTLIST`, `<!NOTATION`: all belong to a DTD.
        stop = .declaration(line: tagOrigin.line)
      default:
        state = .text  // not XML; libxml2 will say so
      }
    case .bangDash:
      if byte == UInt8(ascii: "-") { enterSkipping(.comment) } else { state = .text }
    case .comment:
      skip(byte, until: UInt8(ascii: "-"), UInt8(ascii: "-"))
    case .cdata:
      skip(byte, until: UInt8(ascii: "]"), UInt8(ascii: "]"))
    case .processingInstruction:
      skip(byte, until: 0, UInt8(ascii: "?"))
    }
  }

  private mutating func enterSkipping(_ next: State) {
    previous = 0
    beforePrevious = 0
    state = next
  }

  /// Ends a comment, CDATA section or processing instruction at `>` preceded by `first second`
  /// (`first` 0: any byte).
  private mutating func skip(_ byte: UInt8, until first: UInt8, _ second: UInt8) {
    if byte == UInt8(ascii: ">") && previous == second && (first == 0 || beforePrevious == first) {
      state = .text
    }
    beforePrevious = previous
    previous = byte
  }

  private static func isBlank(_ byte: UInt8, at offset: Int) -> Bool {
    switch byte {
    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): true
    case 0xEF where offset == 0, 0xBB where offset == 1, 0xBF where offset == 2: true
    default: false
    }
  }
}
