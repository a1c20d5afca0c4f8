import Foundation

/// The two profiles a run keeps: the source's types and the target's full profile.
struct RunProfile: Sendable {
  var source: ProfileAccumulator
  var target: ProfileAccumulator
}

/// Runs a recipe end to end: read, curate, profile, write the data, the quarantine and the manifest.
///
/// Everything that can be checked before data is checked first (recipe, source header, plan,
/// column metadata), so a mistake costs nothing and writes nothing. Outputs are written under
/// temporary names and renamed into place when complete, the manifest last.
public enum Pipeline {
  public struct Result: Sendable {
    public var manifest: Manifest
    public var folder: String
    public var dataFile: String
    public var quarantineFile: String?
    public var manifestFile: String
    /// The quality gate, when the recipe has rules.
    public var quality: QualityReport?
    /// False when a blocking rule failed and the curated data was not written.
    public var published: Bool
    public var qualityFiles: [String]
  }

  public static func run(recipe: Recipe, outputFolder: String? = nil) throws -> Result {
    let opened = try Source.open(path: recipe.source.resolvedPath, options: recipe.source.options)
    let reader = opened.reader
    var plan = try Plan(steps: recipe.steps, source: reader.schema)
    let target = try checkColumns(recipe, against: plan.target)
    // Every target column is checked against its type at least, so each gets a correctness ratio.
    let domains = try recipe.plannedDomains(for: plan.target).enumerated().map { i, declared in
      declared ?? ColumnDomain(column: plan.target[i].name, type: plan.target[i].type)
    }
    try recipe.checkBias(against: plan.target)
    let runStart = Checker.runStart()
    // Rules are planned against the curated schema: their probes ride along in the pass.
    let rules = recipe.quality.map { quality in
      let environment = RuleEnvironment(
        files: opened.files.map(\.path), folder: URL(fileURLWithPath: recipe.file).deletingLastPathComponent().path,
        references: quality.references)
      return RuleSet(quality.document, name: quality.source, schema: plan.target, now: runStart, environment: environment)
    }
    let history = try recipe.quality?.history.map(MetricHistory.load) ?? MetricHistory()
    if plan.needsPrePass {
      // Steps that learn from the whole column (a mean, a median) read the source once more first.
      try plan.learn { body in
        let again = try Source.open(path: recipe.source.resolvedPath, options: recipe.source.options).reader
        while let chunk = try again.next() { try body(chunk.batch) }
      }
    }

    let folder = outputFolder ?? recipe.target.resolvedPath
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw OutputError.cannotCreateFolder(path: folder, reason: error.localizedDescription)
    }
    let dataName = "\(recipe.product.name).csv"
    let dataPath = (folder as NSString).appendingPathComponent(dataName)
    let quarantinePath = (folder as NSString).appendingPathComponent("quarantine.jsonl")
    let manifestPath = (folder as NSString).appendingPathComponent("manifest.json")

    let writer = try CSVWriter(path: dataPath, schema: plan.target, crlf: recipe.target.lineEnding == "crlf")
    let quarantine = QuarantineWriter(path: quarantinePath, withholdingRawText: !plan.protections.isEmpty)
    // The reader runs on this thread. Workers apply the steps (unless one remembers earlier
    // batches: then they run here, in order), encode the CSV and profile; the encoded rows and the
    // quarantine are written in batch order, so the output is the same for any number of threads.
    let inParallel = plan.appliesInParallel
    let stepsOnWorkers = plan
    let sourceName = recipe.source.path
    // A source column that reaches the target unchanged is typed once, by the target's profile;
    // only rows the steps removed are tallied for it here (a barrier reorders rows: all are).
    let unchanged = plan.hasBarriers ? [] : plan.unchangedColumns
    let typedBySource = Array(Set(reader.schema.fields.indices).subtracting(unchanged.map(\.source))).sorted()
    let typedByTarget = unchanged.map(\.source)
    let profiling = ParallelFold<RunBatch, RunProfile, CuratedBatch, RunOutputs>(
      workers: ProcessInfo.processInfo.activeProcessorCount, capacity: 2,
      initial: RunProfile(source: ProfileAccumulator(schema: reader.schema), target: ProfileAccumulator(
          schema: plan.target, bias: recipe.bias, domains: domains, rules: rules?.probes ?? RuleProbes())),
      combined: RunOutputs(writer: writer, quarantine: quarantine, columns: plan.target.count),
      fold: { state, item in
        if let source = item.source { state.source.observeTypes(source, columns: typedBySource, rows: nil) }
        var curated = item.curated ?? CuratedBatch(stepsOnWorkers, item.source!, sourceName: sourceName)
        curated.readerRejects = item.readerRejects
        if let source = item.source, !typedByTarget.isEmpty {
          state.source.observeTypes(source, columns: typedByTarget, rows: source.rowsMissing(from: curated.batch))
        }
        if let batch = curated.batch {
          curated.profile = state.target.observeDeferring(batch)
          curated.encoded = writer.encode(batch)
          curated.rows = batch.rowCount
          curated.batch = nil
        }
        return curated
      },
      combine: { outputs, curated in outputs.write(curated) })
    var rowsRead = 0
    do {
      if plan.hasBarriers {
        // A barrier (`sort`) holds every row until the source is read, then gives them to the
        // steps after it; what each stage leaves goes to the workers in order.
        // The file of the batch being read; nil once the source is read.
        var readingFile: String?
        var left = CuratedBatch(nil, [], filtered: 0, file: sourceName)
        try plan.stream({ body in
          while let chunk = try reader.next() {
            rowsRead += chunk.batch.rowCount + chunk.rejects.count
            readingFile = chunk.batch.source
            left = CuratedBatch(nil, [], filtered: 0, file: sourceName)
            try body(chunk.batch)
            profiling.submit(RunBatch(source: chunk.batch, readerRejects: chunk.rejects, curated: left))
          }
          readingFile = nil
        }, emit: { batch, refused, filtered in
          // After a barrier, a batch names its file when all its rows come from one.
          let named = readingFile ?? batch?.source ?? ""
          let piece = CuratedBatch(batch, refused, filtered: filtered, file: named.isEmpty ? sourceName : named)
          if readingFile != nil { left.absorb(piece) } else { profiling.submit(RunBatch(source: nil, readerRejects: [], curated: piece)) }
        })
      } else {
        while let chunk = try reader.next() {
          rowsRead += chunk.batch.rowCount + chunk.rejects.count
          let curated = inParallel ? nil : CuratedBatch(plan, chunk.batch, sourceName: sourceName)
          profiling.submit(RunBatch(source: chunk.batch, readerRejects: chunk.rejects, curated: curated))
        }
      }
    } catch {
      _ = profiling.finish()
      throw error
    }
    var (states, outputs) = profiling.finish()
    if let error = outputs.error { throw error }
    var profiled = states.removeFirst()
    for state in states {
      profiled.source.merge(state.source)
      profiled.target.merge(state.target)
    }
    profiled.target.setDeferred(outputs.profile)
    for (s, t) in unchanged { profiled.source.mergeTypes(of: s, from: profiled.target, column: t) }
    let byReader = outputs.quarantinedByReader
    let bySteps = outputs.quarantinedBySteps
    let filtered = outputs.filtered
    let sourceTypes = profiled.source
    let targetProfile = profiled.target

    let protections = plan.protections
    // A hashed or masked column is as sensitive as the recipe says a column is: its top values
    // could be reversed (an unkeyed hash by dictionary) or reveal what masking left.
    let sensitive = Set(recipe.columns.filter(\.sensitive).map(\.name)).union(protections.keys)
    let declared = Set(recipe.columns.filter { PIISuggestion.Declared($0).isDeclared }.map(\.name))
    let profile = targetProfile.result(sensitive: sensitive, declared: declared)
    let accounting = Manifest.Accounting(
      rowsRead: rowsRead, rowsWritten: writer.rowsWritten, rowsFiltered: filtered, rowsQuarantined: quarantine.count,
      quarantinedByReader: byReader, quarantinedBySteps: bySteps)
    var manifest = Manifest(
      product: recipe.product,
      run: .init(tool: "onboard \(OnboardVersion.number)", recipe: recipe.file, startedAt: Manifest.timestamp(runStart)),
      source: .init(
        path: recipe.source.path, format: opened.format.rawValue,
        files: opened.files.map { Pipeline.relative($0.path, to: recipe.source.resolvedPath, shownAs: recipe.source.path) },
        dialect: opened.settings,
        schema: sourceTypes.inferredTypes().fields),
      steps: plan.steps.enumerated().map { i, planned in
        .init(index: planned.context.reference.index, kind: planned.context.reference.kind,
              summary: type(of: planned.step).summary, schemaAfter: plan.schemas[i + 1].fields)
      },
      target: .init(
        path: recipe.target.path, format: recipe.target.format, dataFile: dataName,
        schema: target.map { column in
          var c = column
          c.nullable = profile[column.name].map { $0.nulls > 0 } ?? true
          c.protection = protections[column.name]
          // Personal data the recipe does not declare: sensitive, as detected, for the steward to confirm.
          if let found = profile[column.name]?.personalData, found.decidedBy == "detected" {
            c.sensitive = true
            c.classification = found.suggestedClassification
            c.classifiedBy = "detected"
          }
          return c
        }),
      lineage: plan.lineage,
      profile: profile,
      accounting: accounting,
      quarantine: quarantine.count == 0 ? nil : .init(file: "quarantine.jsonl", rows: quarantine.count, byReason: quarantine.countsByCode))

    var report: QualityReport?
    var published = true
    var qualityFiles: [String] = []
    if let rules, let policy = recipe.quality {
      let judged = rules.report(
        profile: profile, probes: targetProfile.ruleProbes, dataSource: recipe.source.path, startedOn: runStart,
        completedOn: Checker.runEnd(start: runStart), history: history.values, references: rules.readReferences())
      if let path = policy.history { try history.appending(judged, runAt: manifest.run.startedAt).write(to: path) }
      published = !judged.rules.contains(where: policy.blocks)
      let names = ["quality.json", "quality.junit.xml"]
      try AtomicFile.write(try GlueResultDocument.data(judged), to: (folder as NSString).appendingPathComponent(names[0]))
      try AtomicFile.write(JUnitReport.data(judged), to: (folder as NSString).appendingPathComponent(names[1]))
      qualityFiles = names.map { (folder as NSString).appendingPathComponent($0) }
      manifest.quality = Manifest.QualityInfo(judged, policy: policy, published: published, resultFiles: names)
      report = judged
    }
    // Data that failed a blocking rule is never published: its temporary file is dropped, and
    // the data of an earlier run stays as it was. The quarantine and the manifest are written.
    if published { try writer.commit() }
    try quarantine.commit()
    try AtomicFile.write(try manifest.jsonData(), to: manifestPath)
    return Result(
      manifest: manifest, folder: folder, dataFile: dataPath, quarantineFile: quarantine.count == 0 ? nil : quarantinePath,
      manifestFile: manifestPath, quality: report, published: published, qualityFiles: qualityFiles)
  }

  /// A source file as the recipe names it: relative paths stay relative, so manifests do not
  /// carry a machine's folders.
  static func relative(_ file: String, to root: String, shownAs given: String) -> String {
    if file == root { return given }
    let prefix = root.hasSuffix("/") ? root : root + "/"
    guard file.hasPrefix(prefix) else { return file }
    return (given as NSString).appendingPathComponent(String(file.dropFirst(prefix.count)))
  }

  /// Every documented column must exist in the target, with the declared type if one is given.
  static func checkColumns(_ recipe: Recipe, against schema: Schema) throws -> [Manifest.TargetColumn] {
    let specs = Dictionary(recipe.columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    for spec in recipe.columns {
      guard let i = schema.index(of: spec.name) else {
        var error = RecipeError.unknownColumn(spec.name, among: schema.names, at: spec.location, step: nil)
        error.message += " in `columns`: the steps do not produce it"
        throw error
      }
      if let declared = spec.type, declared != schema[i].type {
        throw RecipeError(
          "type-mismatch", "column '\(spec.name)' is declared \(declared) but the steps make it \(schema[i].type)",
          at: spec.location, column: spec.name, fix: "add a cast step to \(declared), or change the declared type")
      }
      // A domain that cannot hold for the planned type (a range on text) fails before any row.
      _ = try spec.domain?.planned(for: schema[i].type)
    }
    return schema.fields.map { field in
      let spec = specs[field.name]
      return Manifest.TargetColumn(
        name: field.name, type: field.type, nullable: true, description: spec?.description,
        sensitive: spec?.sensitive ?? false, classification: spec?.classification,
        classifiedBy: PIISuggestion.Declared(spec).isDeclared ? "recipe" : nil)
    }
  }
}
