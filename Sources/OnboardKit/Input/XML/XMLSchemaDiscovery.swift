import CLibXML2

/// Pass 1: reads the whole document once to learn the row element (unless given) and the
/// union of what its instances hold, so that the schema is known before the first batch.
///
/// Schema = union over all rows, as spark-xml infers it: a field present in one row only is a
/// column, null elsewhere. When the row tag is to be detected, the pass does not know yet which
/// child of the root is the row, so it builds a shape for each name among the root's children
/// and keeps the winner's; memory grows with the document's vocabulary, never with its rows.
///
/// A well-formedness error ends the pass: the shapes then cover what came before it, and the
/// pass is run again feeding libxml2 token by token from shortly before the last element it
/// reported, so that it sees exactly the rows that the row pass (fed the same way) will
/// produce. An error before the first complete row throws.
enum XMLSchemaDiscovery {
  struct Result {
    var rowTag: XMLRowTag
    /// The union of the complete rows; `nil` when no row was complete.
    var rowShape: XMLShape?
    /// The error that ended the document early, if any; rows before it are kept.
    var malformed: XMLStream.Diagnostic?
    /// For a broken document: where to start feeding libxml2 token by token (`XMLStream`).
    var tokenwiseFrom: Int?
  }

  /// How far before the last element libxml2 reported the careful reading starts: more than
  /// libxml2 reads ahead (4 KiB reads, 512-byte parse chunks).
  static let tokenwiseMargin = 64 * 1024

  static func run(open: () throws -> any ByteSource, name: String, options: XMLOptions) throws -> Result {
    var result = try pass(open: open, name: name, options: options, tokenwiseFrom: nil)
    if let from = result.tokenwiseFrom {
      result = try pass(open: open, name: name, options: options, tokenwiseFrom: from)
    }
    if let malformed = result.malformed, result.rowShape == nil {
      // Nothing to keep: not XML at all, or broken before the first row.
      throw InputError.malformedDocument(
        path: name, line: malformed.line, column: malformed.column, reason: XMLDiagnostics.documentReason(malformed))
    }
    return result
  }

  /// One open element of the walk.
  private struct Open {
    /// Its place in the shape of the row it is in; `nil` outside rows.
    var shape: XMLShape?
    /// Numbers the instance, so that a child seen twice in it is spotted as repeated.
    var serial: Int
    var isRow: Bool
  }

  /// A change to the shapes made by the row being read, undone if the row breaks.
  private enum Change {
    case key(XMLShape)
    case repeated(XMLShape, String)
  }

  private static func pass(open: () throws -> any ByteSource, name: String, options: XMLOptions, tokenwiseFrom: Int?)
    throws -> Result
  {
    let stream: XMLStream
    do {
      stream = try XMLStream(
        source: try open(), name: name, maxDepth: XMLSafety.maxDepth(options), tokenwiseFrom: tokenwiseFrom)
    } catch let failure as XMLStream.Failure {
      throw translate(failure, path: name)
    }
    let given = options.rowTag.map { XMLRowTag(name: $0, detected: false) }
    var detection = XMLRowTagDetection()
    /// The union of the rows so far, per candidate row name (one name when the tag is given).
    var shapes: [String: XMLShape] = [:]
    var completeRows: [String: Int] = [:]
    var stack: [Open] = []
    var rowName: String?
    // Shapes grow in place as rows stream by; the changes the current row made are journaled so
    // that a row broken by a well-formedness error (quarantined by the row pass) leaves no trace.
    var journal: [Change] = []
    var serial = 0
    var malformed: XMLStream.Diagnostic?

    func endRow() {
      if let rowName { completeRows[rowName, default: 0] += 1 }
      rowName = nil
      journal.removeAll(keepingCapacity: true)
    }

    do {
      try stream.quietly {
        while let nodeType = try stream.read() {
          switch UInt32(nodeType) {
          case XML_READER_TYPE_ELEMENT.rawValue:
            let local = stream.localName
            let depth = stream.depth
            if depth == 1 && given == nil { detection.count(local) }
            serial += 1
            var shape: XMLShape?
            var isRow = false
            if let parent = stack.last, let parentShape = parent.shape {
              let child = parentShape.child(local)
              if child.isNew { journal.append(.key(parentShape)) }
              if child.shape.lastSeenIn == parent.serial {
                if parentShape.noteRepeated(local) { journal.append(.repeated(parentShape, local)) }
              } else {
                child.shape.lastSeenIn = parent.serial
              }
              shape = child.shape
            } else if given?.matches(local, in: stream) ?? (depth == 1) {
              isRow = true
              rowName = local
              shape = shapes[local] ?? XMLShape()
              shapes[local] = shape
            }
            if let shape {
              stream.forEachAttribute { attribute, _ in
                if shape.noteAttribute(attribute) { journal.append(.key(shape)) }
              }
            }
            if !stream.isEmptyElement {
              stack.append(Open(shape: shape, serial: serial, isRow: isRow))
            } else if isRow {
              endRow()
            }
          case XML_READER_TYPE_END_ELEMENT.rawValue:
            if stack.popLast()?.isRow == true { endRow() }
          case XML_READER_TYPE_TEXT.rawValue, XML_READER_TYPE_CDATA.rawValue:
            // Blank text between elements arrives as (significant) whitespace nodes, not here.
            if let shape = stack.last?.shape, shape.noteText() { journal.append(.key(shape)) }
          default:
            break
          }
        }
      }
    } catch XMLStream.Failure.malformed(let diagnostic) {
      malformed = diagnostic
      for change in journal.reversed() {
        switch change {
        case .key(let shape): shape.removeLastKey()
        case .repeated(let shape, let name): shape.removeRepeated(name)
        }
      }
    } catch let failure as XMLStream.Failure {
      throw translate(failure, path: name)
    }

    let rowTag = given ?? XMLRowTag(name: detection.winner ?? XMLRowTagDetection.fallback, detected: true)
    let key = rowTag.name.split(separator: ":").last.map(String.init) ?? rowTag.name
    // Every node libxml2 dropped comes after the last element it reported.
    let careful = malformed.map { _ in tokenwiseFrom ?? max(0, stream.elementOrigin.byteOffset - tokenwiseMargin) }
    return Result(
      rowTag: rowTag, rowShape: completeRows[key, default: 0] > 0 ? shapes[key] : nil, malformed: malformed,
      tokenwiseFrom: careful)
  }

  /// The error to throw for a failure other than a well-formedness error.
  static func translate(_ failure: XMLStream.Failure, path: String) -> any Error {
    switch failure {
    case .refused(let error): error
    case .source(let error): error
    case .malformed(let diagnostic):
      InputError.malformedDocument(
        path: path, line: diagnostic.line, column: diagnostic.column,
        reason: XMLDiagnostics.documentReason(diagnostic))
    }
  }
}
