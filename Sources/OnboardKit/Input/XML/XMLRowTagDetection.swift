/// Picks the row element when the user did not: the most frequent element name among the
/// root's children, the first seen winning a tie.
///
/// spark-xml has no detection (its `rowTag` defaults to `ROW`), nor has AWS Glue (its XML
/// classifier asks for the row tag); this is the guess a person makes looking at
/// `<orders><order>…</order><order>…`. It looks one level down only: for
/// `<catalog><books><book>…` it picks `books`, giving one row with an array of books; set
/// `rowTag: "book"` for a row per book.
struct XMLRowTagDetection {
  /// spark-xml's default `rowTag`, used when the root has no child element to count.
  static let fallback = "ROW"

  private var counts: [String: Int] = [:]
  private var order: [String] = []

  /// Counts one child element of the root.
  mutating func count(_ localName: String) {
    if let n = counts[localName] {
      counts[localName] = n + 1
    } else {
      counts[localName] = 1
      order.append(localName)
    }
  }

  /// The most frequent name, `nil` when the root had no children.
  var winner: String? {
    var best: String?
    var bestCount = 0
    for name in order where counts[name, default: 0] > bestCount {
      best = name
      bestCount = counts[name, default: 0]
    }
    return best
  }
}

/// The row element, given or detected, and which elements it matches.
struct XMLRowTag: Equatable {
  let name: String
  let detected: Bool
  private let isQualified: Bool

  init(name: String, detected: Bool) {
    self.name = name
    self.detected = detected
    isQualified = name.contains(":")
  }

  /// Whether the element at hand (named `localName`) starts a row, when no row is open.
  ///
  /// A detected tag was counted among the root's children, so only those are rows (the same
  /// name deeper down is part of a row). A given tag matches at any depth, the root included,
  /// as spark-xml does; `ns:item` must match the name as written, `item` matches any prefix.
  func matches(_ localName: String, in stream: XMLStream) -> Bool {
    if detected { return stream.depth == 1 && localName == name }
    return isQualified ? stream.qualifiedName == name : localName == name
  }
}
