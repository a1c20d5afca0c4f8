extension Column {
  /// Whether the value is missing as DataBrew means it: null, or empty text. (DataBrew reads an
  /// empty CSV field as null, so the two are one case there.) `NA` and `NULL` are text until a
  /// cast reads them as null.
  func isMissing(_ row: Int) -> Bool {
    if case .text(let c) = self { return c.isNull(row) || c.offsets[row] == c.offsets[row + 1] }
    return isNull(row)
  }
}
