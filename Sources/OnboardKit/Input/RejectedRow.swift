/// A row that could not be read or was refused by a step, kept with the reason: nothing is lost.
public struct RejectedRow: Sendable, Equatable, Codable {
  /// Stable kebab-case code, e.g. `wrong-field-count`, `unterminated-quote`, `unmapped-value`.
  public var code: String
  public var reason: String
  public var file: String
  public var line: Int
  public var byteOffset: Int
  /// `index:slug` of the step that refused the row; `nil` when the reader did.
  public var step: String?
  public var column: String?
  /// The raw record as read (for reader rejects) or the row's fields as text (for step rejects).
  public var raw: String

  public init(
    code: String, reason: String, file: String, line: Int, byteOffset: Int, step: String? = nil,
    column: String? = nil, raw: String
  ) {
    self.code = code
    self.reason = reason
    self.file = file
    self.line = line
    self.byteOffset = byteOffset
    self.step = step
    self.column = column
    self.raw = raw
  }
}
