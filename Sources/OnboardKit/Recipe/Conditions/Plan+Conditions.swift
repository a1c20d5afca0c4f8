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

  /// Runs a narrowed step: a filter drops the matching rows; any other step runs on the matching
  /// rows alone (so a step that remembers, such as `fill_with_last_valid` or `remove_duplicates`,
  /// learns only from them), and the other rows keep their values.
  static func applyNarrowed(_ planned: PlannableStep, _ batch: Batch, rejects: inout StepRejections) -> Batch {
    let mask = mask(planned.conditions, batch)
    if type(of: planned.step).conditionUse == .removesMatchingRows {
      for row in mask.indices where mask[row] { rejects.drop(row: row) }
      return batch
    }
    let matching = mask.indices.filter { mask[$0] }
    var inner = StepRejections()
    let narrowed = planned.step.apply(batch.filtered(mask), rejects: &inner)
    for entry in inner.entries {
      rejects.reject(row: matching[entry.row], code: entry.code, reason: entry.reason, column: entry.column)
    }
    for row in inner.dropped { rejects.drop(row: matching[row]) }
    var output = narrowed
    output.origins = batch.origins
    output.source = batch.source
    for (i, field) in narrowed.schema.fields.enumerated() {
      let before = batch.schema.index(of: field.name).map { batch.columns[$0] }
      output.columns[i] = narrowed.columns[i].blended(keepingRowsOf: mask, otherwise: before)
    }
    return output
  }
}

extension Column {
  /// A full-length column from `self`, which holds one value per row where `mask` is true (in
  /// order); elsewhere `other`'s value (of the same kind), or null.
  func blended(keepingRowsOf mask: [Bool], otherwise other: Column?) -> Column {
    func pick<E>(_ a: TypedColumn<E>, _ b: TypedColumn<E>?, _ zero: E) -> TypedColumn<E> {
      var out = TypedColumn<E>()
      var next = 0
      for row in mask.indices {
        let value: E?
        if mask[row] {
          value = a[next]
          next += 1
        } else {
          value = b?[row]
        }
        if let value { out.append(value) } else { out.appendNull(zero) }
      }
      return out
    }
    switch (self, other) {
    case (.text(let a), let b):
      var text: TextColumn? = nil
      if case .text(let t) = b { text = t }
      var out = TextColumn()
      var next = 0
      for row in mask.indices {
        if mask[row] {
          if a.isNull(next) { out.appendNull() } else { out.append(a.value(next)) }
          next += 1
        } else if let text, !text.isNull(row) {
          out.append(text.value(row))
        } else {
          out.appendNull()
        }
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
