/// How the top-level values of a JSON source are laid out.
public enum JSONLayout: String, Sendable {
  /// One document holding an array of objects: `[{...}, {...}]`.
  case array
  /// JSON Lines: one object per line; blank lines are skipped.
  case lines
  /// Objects one after another with any whitespace between: `{...} {...}` or pretty-printed objects.
  case concatenated
}

/// Settings of `JSONReader`.
public struct JSONOptions: Sendable, Equatable {
  /// Nested objects as dotted columns (`address.city`) instead of one `struct` column each.
  public var flatten = false
  /// The layout; `nil` detects it from the first mebibyte (see `JSONLayoutDetection`).
  public var layout: JSONLayout? = nil

  public init(flatten: Bool = false, layout: JSONLayout? = nil) {
    self.flatten = flatten
    self.layout = layout
  }
}
