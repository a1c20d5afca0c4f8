import CLibXML2

/// libxml2's complaints in our words: what is wrong, where, and what the user can do.
enum XMLDiagnostics {
  /// libxml2's code for a document that does not start with markup.
  private static let documentEmpty = Int(XML_ERR_DOCUMENT_EMPTY.rawValue)

  /// The reason for `InputError.malformedDocument`: the document broke before its first row.
  static func documentReason(_ diagnostic: XMLStream.Diagnostic) -> String {
    if diagnostic.code == documentEmpty {
      // libxml2 says "Document is empty" or "Start tag expected, '<' not found" here, which
      // reads oddly for a file full of text: say what it means instead.
      return "this is not XML: it does not start with an element or an XML declaration. Check that the file is XML and not CSV or JSON (or set the format)"
    }
    return "the XML is not well-formed before any row could be read (libxml2: \(diagnostic.message)), and libxml2 cannot read past such an error. Fix the document at this position"
  }

  /// The reason of the `malformed-xml` reject that ends a document broken after rows were read.
  static func rejectReason(_ diagnostic: XMLStream.Diagnostic, rowLine: Int?) -> String {
    let what = rowLine.map { "the row starting at line \($0) is not well-formed XML" } ?? "the XML is not well-formed after the last complete row"
    return "\(what) (line \(diagnostic.line), column \(diagnostic.column): \(diagnostic.message)); libxml2 cannot read past such an error, so the rest of the document could not be read. Fix the document and run again to read the remaining rows"
  }
}
