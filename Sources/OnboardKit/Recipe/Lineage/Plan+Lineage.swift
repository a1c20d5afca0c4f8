/// The steps' lineages composed along the recipe: each column of each stage keeps the source
/// columns it comes from, how, and through which steps.
extension Plan {
  /// A step that made or changed a column, by position in `steps`.
  struct StepMark: Hashable {
    var step: Int
    var transformation: LineageTransformation
  }

  /// What one column at some stage comes from.
  struct Trace {
    /// Source column → each way the column depends on it → the steps on that way.
    var sources: [Int: [LineageTransformation: Set<Int>]] = [:]
    /// The steps that made or changed the column or, through DIRECT inputs, what it is made of.
    var steps: Set<StepMark> = []
  }

  /// Each step's lineage, from the schema it received to the one it returned.
  var stepLineages: [StepLineage] { steps.indices.map { steps[$0].lineage(from: schemas[$0], to: schemas[$0 + 1]) } }

  /// The trace of every target column, and the source columns that decide which rows remain.
  func traces() -> (columns: [Trace], dataset: [Int: [LineageTransformation: Set<Int>]]) {
    var current = schemas[0].fields.indices.map { Trace(sources: [$0: [.identity: []]]) }
    var dataset: [Int: [LineageTransformation: Set<Int>]] = [:]
    for (i, step) in stepLineages.enumerated() {
      let (input, output) = (schemas[i], schemas[i + 1])
      for edge in step.dataset {
        for (source, ways) in current[edge.column].sources {
          for (way, through) in ways {
            dataset[source, default: [:]][way.then(edge.transformation), default: []].formUnion(through.union([i]))
          }
        }
      }
      current = step.columns.enumerated().map { k, inputs in
        var trace = Trace()
        for edge in inputs {
          let t = edge.transformation
          // A column handed on unchanged under its own name was not made or changed by the step.
          let changed = t.subtype != .identity || input[edge.column].name != output[k].name
          let from = current[edge.column]
          for (source, ways) in from.sources {
            for (way, through) in ways {
              trace.sources[source, default: [:]][way.then(t), default: []].formUnion(changed ? through.union([i]) : through)
            }
          }
          if t.type == .direct { trace.steps.formUnion(from.steps) }
          if changed { trace.steps.insert(StepMark(step: i, transformation: t)) }
        }
        return trace
      }
    }
    return (current, dataset)
  }

  /// `index:kind` of the step at `position`.
  func stepName(_ position: Int) -> String {
    let reference = steps[position].context.reference
    return "\(reference.index):\(reference.kind)"
  }

  /// Which source columns every target column comes from, through which steps, and which source
  /// columns decide the rows.
  public var lineage: Lineage {
    let (columns, dataset) = traces()
    func fields(_ sources: [Int: [LineageTransformation: Set<Int>]]) -> [Lineage.InputField] {
      sources.keys.sorted().map { source in
        let ways = sources[source]!.map { way, through in
          var t = way
          t.description = through.isEmpty ? nil : through.sorted().map(stepName).joined(separator: ", ")
          return t
        }
        return Lineage.InputField(field: schemas[0][source].name, transformations: ways.sorted())
      }
    }
    return Lineage(
      columns: zip(target.fields, columns).map { field, trace in
        Lineage.Column(
          name: field.name, inputs: fields(trace.sources),
          steps: trace.steps.sorted { ($0.step, $0.transformation) < ($1.step, $1.transformation) }.map {
            Lineage.StepUse(step: stepName($0.step), transformation: $0.transformation)
          })
      },
      dataset: fields(dataset))
  }
}
