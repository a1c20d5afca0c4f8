import CLibXML2
import Foundation

/// Checks an XML document against an XML Schema (XSD) with libxml2: the tests use it to hold the
/// JUnit XML we write to the schema CI viewers expect. Neither input may load anything from the
/// network, and libxml2's complaints are collected, never printed.
enum XMLSchemaValidation {
  /// libxml2's complaints about `schema` itself or about `document` against it, one line each
  /// (`line 4: Element 'testcase': ...`); empty when the document is valid.
  static func problems(document: Data, schema: Data) -> [String] {
    let collector = Collector()
    let context = Unmanaged.passUnretained(collector).toOpaque()
    return withExtendedLifetime(collector) {
      // Parse errors of the document go to the thread's handler; borrow it and put it back.
      let savedHandler = __xmlStructuredError().pointee
      let savedContext = __xmlStructuredErrorContext().pointee
      xmlSetStructuredErrorFunc(context, record)
      defer { xmlSetStructuredErrorFunc(savedContext, savedHandler) }
      // A failure libxml2 did not explain still has to fail the check.
      if let failure = validate(document, against: schema, context: context), collector.problems.isEmpty {
        collector.problems.append(failure)
      }
      return collector.problems
    }
  }

  /// What failed, or nil when the document was checked (valid or not: the collector knows).
  private static func validate(_ document: Data, against schema: Data, context: UnsafeMutableRawPointer) -> String? {
    let options = Int32(XML_PARSE_NONET.rawValue)
    guard
      let parserContext = schema.withUnsafeBytes({ bytes in
        xmlSchemaNewMemParserCtxt(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
      })
    else { return "libxml2 could not read the schema" }
    defer { xmlSchemaFreeParserCtxt(parserContext) }
    xmlSchemaSetParserStructuredErrors(parserContext, record, context)
    guard let parsedSchema = xmlSchemaParse(parserContext) else { return "the schema is not a valid XML Schema" }
    defer { xmlSchemaFree(parsedSchema) }
    guard
      let doc = document.withUnsafeBytes({ bytes in
        xmlReadMemory(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil, nil, options)
      })
    else { return "the document is not well-formed XML" }
    defer { xmlFreeDoc(doc) }
    guard let validation = xmlSchemaNewValidCtxt(parsedSchema) else { return "libxml2 could not start validating" }
    defer { xmlSchemaFreeValidCtxt(validation) }
    xmlSchemaSetValidStructuredErrors(validation, record, context)
    switch xmlSchemaValidateDoc(validation, doc) {
    case 0: return nil
    case let invalid where invalid > 0: return "the document does not match the schema"
    default: return "libxml2 failed while validating"
    }
  }

  private final class Collector {
    var problems: [String] = []
  }

  private static let record: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
    let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
    let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
    collector.problems.append(error.pointee.line > 0 ? "line \(error.pointee.line): \(text)" : text)
  }
}
