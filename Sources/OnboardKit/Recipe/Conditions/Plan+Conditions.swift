/// How conditions narrow a step: planned with it, and applied around it, so no step needs to know.
extension Plan {
  /// Plans a step's conditions against the schema the step receives, and checks that the step
  /// can be narrowed: a step that changes a column's type cannot leave other rows as they were.
  static func planConditions(_ planned: inout PlannableStep, input: Schema, output: Schema) throws {
    guard let first = planned.conditions.first else { return }
    let reference = planned.context.reference
    let use = type(of: planned.step).conditionUse
    guard use != .none else {
      throw RecipeError(
        "conditions-not-supported", "\(reference.kind) does not take conditions", at: first.location, step: reference,
        fix: "remove the step's `when:` (ConditionExpressions)")
    }
    for i in planned.conditions.indices { try planned.conditions[i].plan(input, step: reference) }
    if use == .changesMatchingRows {
      for field in output.fields {
        if let j = input.index(of: field.name), input[j].type != field.type {
          throw RecipeError(
            "conditions-not-supported", "\(reference.kind) changes the type of '\(field.name)', so it cannot apply to some rows only",
            at: first.location, step: reference, fix: "remove the condition, or filter the rows in a step of their own")
        }
      }
    }
  }

  /// The rows where every condition holds (DataBrew ANDs them).
  static func mask(_ conditions: [Condition], _ batch: Batch) -> [Bool] {
    var mask = [Bool](repeating: true, count: batch.rowCount)
    for condition in conditions {
      for (row, matches) in condition.matches(batch).enumerated() where !matches { mask[row] = false }
    }
    return mask
  }

  /// Runs a narrowed step: a filter drops the matching rows; any other step runs on the batch and
  /// keeps its changes (and its refusals) only on the matching rows.
  static func applyNarrowed(_ planned: PlannableStep, _ batch: Batch, rejects: inout StepRejections) -> Batch {
    let mask = mask(planned.conditions, batch)
    if type(of: planned.step).conditionUse == .removesMatchingRows {
      for row in mask.indices where mask[row] { rejects.drop(row: row) }
      return batch
    }
    var inner = StepRejections()
    var output = planned.step.apply(batch, rejects: &inner)
    for entry in inner.entries where mask[entry.row] {
      rejects.reject(row: entry.row, code: entry.code, reason: entry.reason, column: entry.column)
    }
    for row in inner.dropped where mask[row] { rejects.drop(row: row) }
    for (i, field) in output.schema.fields.enumerated() {
      let before = batch.schema.index(of: field.name).map { batch.columns[$0] }
      output.columns[i] = output.columns[i].blended(keepingRowsOf: mask, otherwise: before)
    }
    return output
  }
}

extension Column {
  /// This column where `mask` is true; elsewhere `other`'s value (of the same kind), or null.
  func blended(keepingRowsOf mask: [Bool], otherwise other: Column?) -> Column {
    func pick<E>(_ a: TypedColumn<E>, _ b: TypedColumn<E>?, _ zero: E) -> TypedColumn<E> {
      var out = TypedColumn<E>()
      for row in 0 ..< a.count {
        let value = mask[row] ? a[row] : b?[row]
        if let value { out.append(value) } else { out.appendNull(zero) }
      }
      return out
    }
    switch (self, other) {
    case (.text(let a), let b):
      var text: TextColumn? = nil
      if case .text(let t) = b { text = t }
      var out = TextColumn()
      for row in 0 ..< a.count {
        let source = mask[row] ? a : text
        if let source, !source.isNull(row) { out.append(source.value(row)) } else { out.appendNull() }
      }
      return .text(out)
    case (.boolean(let a), .boolean(let b)): return .boolean(pick(a, b, false))
    case (.boolean(let a), nil): return .boolean(pick(a, nil, false))
    case (.int64(let a), .int64(let b)): return .int64(pick(a, b, 0))
    case (.int64(let a), nil): return .int64(pick(a, nil, 0))
    case (.decimal(let a, let s), .decimal(let b, _)): return .decimal(pick(a, b, 0), scale: s)
    case (.decimal(let a, let s), nil): return .decimal(pick(a, nil, 0), scale: s)
    case (.double(let a), .double(let b)): return .double(pick(a, b, 0))
    case (.double(let a), nil): return .double(pick(a, nil, 0))
    case (.date(let a), .date(let b)): return .date(pick(a, b, 0))
    case (.date(let a), nil): return .date(pick(a, nil, 0))
    case (.timestamp(let a), .timestamp(let b)): return .timestamp(pick(a, b, 0))
    case (.timestamp(let a), nil): return .timestamp(pick(a, nil, 0))
    default: return self  // kinds differ: ruled out when the conditions were planned
    }
  }
}
