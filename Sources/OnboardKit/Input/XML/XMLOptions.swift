/// How an XML document becomes rows, following spark-xml's conventions where it has them.
///
/// ```swift
/// // <orders><order id="1"><item>pen</item></order>...</orders>
/// let reader = try XMLReader(open: { try FileSource(path: "orders.xml") }, name: "orders.xml",
///                            options: XMLOptions(rowTag: "order"))
/// // columns: _id, item
/// ```
public struct XMLOptions: Sendable, Equatable {
  /// The element that makes one row (spark-xml `rowTag`); `nil` detects it as the most frequent
  /// element among the root's children, and those children are then the rows.
  ///
  /// Matched against the local name (`item` matches `<ns:item>`); a value with a colon
  /// (`ns:item`) is matched against the name as written instead. A given tag matches at any
  /// depth, the root included, as spark-xml does; a row tag inside a row is part of that row.
  public var rowTag: String?
  /// Whether nested elements become dotted columns (`address.city`, `address._id`) instead of one
  /// `struct` column holding JSON. Repeated elements stay `array` columns either way.
  public var flatten = false
  /// The deepest element nesting accepted, the root being level 1. libxml2 without
  /// `XML_PARSE_HUGE` (which is never set) stops at 256, so values above 256 act as 256.
  public var maxDepth = 256

  public init(rowTag: String? = nil, flatten: Bool = false) {
    self.rowTag = rowTag
    self.flatten = flatten
  }
}
