/// Reads several files as one table: the schema is the union of the files' columns (in first-seen
/// order, as a Glue crawler unions partitions), a file without a column gives nulls there, and
/// Hive partition folders become text columns at the end.
///
/// Files are opened one at a time, so memory does not grow with their number; finding the union
/// opens each once beforehand (for CSV that reads only the header).
public final class MultiFileReader: BatchReader {
  public let schema: Schema
  private let files: [SourceFiles.File]
  private let open: (String) throws -> any BatchReader
  private let partitionKeys: [String]
  private var index = 0
  private var current: (any BatchReader)?

  public init(files: [SourceFiles.File], open: @escaping (String) throws -> any BatchReader) throws {
    self.files = files
    self.open = open
    var fields: [Field] = []
    for file in files {
      for field in try open(file.path).schema.fields where !fields.contains(where: { $0.name == field.name }) {
        fields.append(field)
      }
    }
    var keys: [String] = []
    for file in files {
      for p in file.partitions where !keys.contains(p.key) { keys.append(p.key) }
    }
    for key in keys {
      guard !fields.contains(where: { $0.name == key }) else {
        throw InputError.invalidOption(
          name: "partition", value: key, reason: "a partition folder and a column are both named '\(key)'; rename one of them")
      }
      fields.append(Field(name: key, type: .string))
    }
    partitionKeys = keys
    schema = Schema(fields)
  }

  public func next() throws -> ReadResult? {
    while index < files.count {
      if current == nil { current = try open(files[index].path) }
      if let result = try current!.next() {
        return ReadResult(batch: widen(result.batch, file: files[index]), rejects: result.rejects)
      }
      current = nil
      index += 1
    }
    return nil
  }

  private func widen(_ batch: Batch, file: SourceFiles.File) -> Batch {
    let rows = batch.rowCount
    let columns: [Column] = schema.fields.map { field in
      if let i = batch.schema.index(of: field.name) { return batch.columns[i] }
      var column = TextColumn()
      if let partition = file.partitions.first(where: { $0.key == field.name }), let value = partition.value {
        for _ in 0 ..< rows { column.append(Array(value.utf8)) }
      } else {
        for _ in 0 ..< rows { column.appendNull() }
      }
      return .text(column)
    }
    var widened = Batch(schema: schema, columns: columns, origins: batch.origins)
    widened.source = file.path
    return widened
  }
}
