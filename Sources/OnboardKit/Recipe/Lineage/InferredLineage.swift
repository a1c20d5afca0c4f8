extension StepLineage {
  /// The lineage of a step that does not declare one, read from the columns its parameters name
  /// (its stored `ColumnParameter`s): a step that adds columns reads the named ones to make them
  /// and leaves them as they were; a step that adds none rewrites the named ones in place.
  static func inferred(for step: any Step, from input: Schema, to output: Schema) -> StepLineage {
    var named: [String] = []
    for name in ColumnParameter.named(in: step) where input.index(of: name) != nil && !named.contains(name) {
      named.append(name)
    }
    let adds = output.fields.contains { input.index(of: $0.name) == nil }
    return adds ? .byName(input, output, newFrom: named) : .byName(input, output, changing: named)
  }
}

extension ColumnParameter {
  /// The column names held in `value`'s stored properties, in nested structs, optionals, arrays
  /// and tuples too; classes and dictionaries (run state, lookup tables) are not entered.
  static func named(in value: Any, depth: Int = 0) -> [String] {
    if let parameter = value as? ColumnParameter { return [parameter.name] }
    let mirror = Mirror(reflecting: value)
    guard depth < 4, ![.class, .dictionary, .set].contains(mirror.displayStyle) else { return [] }
    return mirror.children.prefix(256).flatMap { named(in: $0.value, depth: depth + 1) }
  }
}
