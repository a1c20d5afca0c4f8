extension PrePass {
  /// Each value of text column `index` that is not missing (null or empty), with the column's
  /// format, pass by pass.
  func forEachValue(of index: Int, _ body: (UnsafeBufferPointer<UInt8>, ValueFormat) throws -> Void) throws {
    try forEachBatch { batch in
      guard case .text(let text) = batch.columns[index] else { return }
      let format = batch.schema[index].format ?? .standard
      try text.withValues { values in
        for row in 0 ..< text.count where !text.isNull(row) && !values[row].isEmpty { try body(values[row], format) }
      }
    }
  }

  /// Each number of text column `index`, read in the column's format. Values that are not
  /// numbers are skipped: they are neither missing nor part of the column's statistics.
  func forEachNumber(of index: Int, _ body: (StepNumber) throws -> Void) throws {
    try forEachBatch { batch in
      guard case .text(let text) = batch.columns[index] else { return }
      let format = batch.schema[index].format ?? .standard
      try text.withValues { values in
        for row in 0 ..< text.count where !text.isNull(row) {
          if let n = StepNumber(ValueParser.parse(values[row], format: format)), !n.double.isNaN { try body(n) }
        }
      }
    }
  }
}
