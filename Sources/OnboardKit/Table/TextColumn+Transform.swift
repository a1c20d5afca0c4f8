extension TextColumn {
  /// A column of the same length whose values are `transform`'s output; a null stays null.
  ///
  /// `transform` gets each value's bytes and appends the new value to `out` (emptied before each
  /// call, its storage reused), or returns false to write a null.
  func transformed(_ transform: (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Bool) -> TextColumn {
    // The builder appends without per-append checks; a step's loop is as hot as a reader's.
    var result = TextColumnBuilder(rows: count, bytes: bytes.count)
    defer { result.deallocate() }
    var scratch: [UInt8] = []
    withValues { values in
      for row in 0 ..< count {
        if isNull(row) {
          result.close(valid: false)
          continue
        }
        scratch.removeAll(keepingCapacity: true)
        if transform(values[row], &scratch) {
          scratch.withUnsafeBufferPointer { result.append($0) }
        } else {
          result.close(valid: false)
        }
      }
    }
    return result.makeColumn()
  }
}

extension Batch {
  /// The batch with text column `index` rewritten value by value (see `TextColumn.transformed`).
  func replacingText(at index: Int, _ transform: (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Bool) -> Batch {
    guard case .text(let column) = columns[index] else { return self }
    var output = self
    output.columns[index] = .text(column.transformed(transform))
    return output
  }

  /// The batch with `field` appended, its values made from text column `source`.
  func appendingText(
    _ field: Field, from source: Int, _ transform: (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Bool
  ) -> Batch {
    guard case .text(let column) = columns[source] else { return self }
    var output = self
    output.schema.append(field)
    output.columns.append(.text(column.transformed(transform)))
    return output
  }
}

extension TextColumn {
  /// The column with every missing value (null or empty text) replaced by `value`.
  func fillingMissing(with value: [UInt8]) -> TextColumn {
    var filled = TextColumn()
    filled.reserveCapacity(rows: count, bytes: bytes.count)
    withValues { values in
      for row in 0 ..< count {
        if isNull(row) || values[row].isEmpty { filled.append(value) } else { filled.append(values[row]) }
      }
    }
    return filled
  }
}
