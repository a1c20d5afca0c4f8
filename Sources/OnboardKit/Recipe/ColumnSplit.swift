/// The shared part of the `split_column_*` steps: a text column is replaced, in its place, by
/// new text columns named `<source>_1`, `<source>_2`, … as DataBrew names them, each value cut
/// into parts by `parts`. A null gives nulls; a value with fewer parts gives nulls after them.
struct ColumnSplit: Sendable {
  var source: ColumnParameter
  var count: Int
  var index = 0
  var planned = Schema([])

  mutating func plan(_ input: Schema, context: StepContext) throws -> Schema {
    index = try source.textIndex(in: input, context: context)
    var rest = input
    rest.remove(at: index)
    var fields = rest.fields
    let new = try (1 ... count).map { k in
      try ColumnParameter(name: "\(source.name)_\(k)", location: source.location).newField(in: rest, context: context)
    }
    fields.insert(contentsOf: new, at: index)
    planned = Schema(fields)
    return planned
  }

  /// `parts` appends each part of a value (at most `count`) to the list it is given.
  func apply(_ batch: Batch, _ parts: (UnsafeBufferPointer<UInt8>, inout [[UInt8]]) -> Void) -> Batch {
    guard case .text(let column) = batch.columns[index] else { return batch }
    var outputs = [TextColumn](repeating: TextColumn(), count: count)
    var found: [[UInt8]] = []
    column.withValues { values in
      for row in 0 ..< column.count {
        found.removeAll(keepingCapacity: true)
        if !column.isNull(row) { parts(values[row], &found) }
        for k in 0 ..< count {
          if k < found.count { outputs[k].append(found[k]) } else { outputs[k].appendNull() }
        }
      }
    }
    var output = batch
    output.schema = planned
    output.columns.replaceSubrange(index ... index, with: outputs.map { .text($0) })
    return output
  }
}

/// The shared part of the `move_*` steps: the columns in a new order, values untouched. Moves
/// work on columns of any type.
struct ColumnMove: Sendable {
  var order: [Int] = []

  /// Plans moving column `from` to position `to` of the columns without it.
  mutating func plan(_ input: Schema, from: Int, to: Int) -> Schema {
    order = Array(input.fields.indices)
    order.remove(at: from)
    order.insert(from, at: to)
    return Schema(order.map { input[$0] })
  }

  /// Plans moving `source` next to `target`, just after it or just before it (`move_after`,
  /// `move_before`); a column cannot move beside itself.
  mutating func plan(
    _ input: Schema, moving source: ColumnParameter, beside target: ColumnParameter, after: Bool, context: StepContext
  ) throws -> Schema {
    let from = try context.index(of: source.name, in: input, at: source.location)
    _ = try context.index(of: target.name, in: input, at: target.location)
    guard target.name != source.name else {
      throw context.error(
        "invalid-parameter", "a column cannot move \(after ? "after" : "before") itself", at: target.location, column: target.name,
        fix: "name another column in `target_column`")
    }
    var rest = input
    rest.remove(at: from)
    let to = try context.index(of: target.name, in: rest, at: target.location) + (after ? 1 : 0)
    return plan(input, from: from, to: to)
  }

  func apply(_ batch: Batch) -> Batch { batch.reordered(order) }
}
