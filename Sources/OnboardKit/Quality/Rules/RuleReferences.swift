import Foundation

/// What the comparison rules need from one second source: where it is and how to read it, and
/// the keyed tables to build over its rows. Columns are named, not numbered: the reference's
/// columns are known only once it is opened. Its profile (rows, column types, sums and means)
/// comes with every read.
struct ReferenceNeeds: Sendable {
  var reference: RuleEnvironment.Reference
  var keyed: [KeyedRequest] = []

  struct KeyedRequest: Sendable, Equatable {
    var keys: [String]
    var compared: [String]
  }
}

extension RulePlanning {
  /// Registers `alias` to be read after the pass; false when no second source has that alias.
  mutating func needReference(_ alias: String) -> Bool {
    guard let reference = environment.references[alias] else { return false }
    if probes.references[alias] == nil { probes.references[alias] = ReferenceNeeds(reference: reference) }
    return true
  }

  /// Asks for a keyed table over the reference `alias` (registered with `needReference`); the
  /// index of its result in `RuleReferences.Loaded.keyed`.
  mutating func needKeyed(_ request: ReferenceNeeds.KeyedRequest, from alias: String) -> Int {
    if let i = probes.references[alias]?.keyed.firstIndex(of: request) { return i }
    probes.references[alias]?.keyed.append(request)
    return (probes.references[alias]?.keyed.count ?? 1) - 1
  }
}

/// The second sources of the comparison rules, each read once after the primary pass
/// (`RuleSet.readReferences`), with a profile and the keyed tables its rules asked for. A source
/// that could not be read keeps the reason, for its rules to report as ERROR.
public struct RuleReferences: Sendable {
  var sources: [String: Read] = [:]

  public init() {}

  enum Read: Sendable {
    case read(Loaded)
    case unreadable(path: String, reason: String)
  }

  struct Loaded: Sendable {
    var path: String
    /// The reader's columns, to find the rules' column names in.
    var schema: Schema
    var profile: TableProfile
    /// One per `ReferenceNeeds.keyed` request, in its order: the table, or why it could not be
    /// built (a column the reference lacks: the rule fails naming it).
    var keyed: [Keyed]
  }

  enum Keyed: Sendable {
    case table(KeyedRowHashes)
    case missing(String)
  }

  /// The reference a rule reads; throws ERROR when it could not be read.
  func source(_ alias: String) throws(ComparisonRule.Unmeasured) -> Loaded {
    switch sources[alias] {
    case .read(let source)?: return source
    case .unreadable(let path, let reason)?:
      throw .error("the reference '\(alias)' (\(path)) cannot be read: \(reason)")
    case nil:
      // Planning registered every alias a rule reads; a report built without `readReferences` lands here.
      throw .error("the reference '\(alias)' was not read: call RuleSet.readReferences before report")
    }
  }

  /// Reads one reference with a profiler carrying the keyed tables asked for.
  static func read(_ needs: ReferenceNeeds, alias: String, threads: Int?) -> Read {
    let path = needs.reference.path
    do {
      let opened = try Source.open(path: path, options: needs.reference.options, batchSize: Profiler.batchRows)
      let schema = opened.reader.schema
      var probes = RuleProbes()
      var handles: [Result<Int, ComparisonRule.Unmeasured>] = []
      for request in needs.keyed {
        do throws(ComparisonRule.Unmeasured) {
          let keys = try request.keys.map { name throws(ComparisonRule.Unmeasured) in try column(name, in: schema, alias: alias) }
          let compared = try request.compared.map { name throws(ComparisonRule.Unmeasured) in try column(name, in: schema, alias: alias) }
          guard case .keyed(let i) = probes.add(KeyedRowHashes(keys: keys, compared: compared)) else {
            preconditionFailure("a keyed table has a keyed handle")
          }
          handles.append(.success(i))
        } catch {
          handles.append(.failure(error))
        }
      }
      var profiler = Profiler(threads: threads)
      profiler.rules = probes
      let accumulator = try profiler.profile(opened.reader)
      let keyed: [Keyed] = handles.map { handle in
        switch handle {
        case .success(let i): .table(accumulator.ruleProbes.keyed[i])
        case .failure(let problem): .missing(problem.message)
        }
      }
      return .read(Loaded(path: path, schema: schema, profile: accumulator.result(), keyed: keyed))
    } catch {
      return .unreadable(path: path, reason: String(describing: error))
    }
  }

  /// A column of the reference, found as a rule's columns are (exact name, else a unique match
  /// without case); a missing one fails the rule with the nearest name.
  static func column(_ name: String, in schema: Schema, alias: String) throws(ComparisonRule.Unmeasured) -> Int {
    do {
      return try RulePlanning(schema: schema, now: 0).column(name)
    } catch {
      let message = if case .settled(_, let why) = error.measurement.value { why } else { "column '\(name)' does not exist" }
      throw .fail("in the reference '\(alias)': \(message)")
    }
  }
}

extension RuleSet {
  /// Reads each second source that the comparison rules name, once, in alias order. Call it after
  /// the primary pass and give the result to `report`; a source that cannot be read does not
  /// stop the run: its rules report ERROR with the reason.
  public func readReferences(threads: Int? = nil) -> RuleReferences {
    var read = RuleReferences()
    for alias in probes.references.keys.sorted() {
      read.sources[alias] = RuleReferences.read(probes.references[alias]!, alias: alias, threads: threads)
    }
    return read
  }
}
