extension Batch {
  /// Writes the values of `columns` in row `row` as one byte key, replacing `key`'s contents: per
  /// column 0 for null, or 1, the value's length (4 bytes, little-endian) and its written bytes,
  /// so that values never run together (`ab|c` is not `a|bc`) and null is not empty text. Rows
  /// with equal keys hold equal values; duplicate filters and groups hash it.
  func rowKey(_ row: Int, columns: some Sequence<Int>, into key: inout [UInt8]) {
    key.removeAll(keepingCapacity: true)
    for c in columns {
      let start = key.count
      key.append(contentsOf: [1, 0, 0, 0, 0])
      if ValueFormatter.append(self.columns[c], row: row, to: &key) {
        var length = UInt32(truncatingIfNeeded: key.count - start - 5)
        for i in 1 ... 4 {
          key[start + i] = UInt8(truncatingIfNeeded: length)
          length >>= 8
        }
      } else {
        key.removeSubrange((start + 1)...)
        key[start] = 0
      }
    }
  }
}
