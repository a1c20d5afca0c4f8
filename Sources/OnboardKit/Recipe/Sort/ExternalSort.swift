import Foundation

/// The rows a `sort` holds during a run, and the sort itself: in memory while they fit in
/// `budget` bytes; beyond it, each full load is sorted and spilled as a *run* of blocks to a
/// `SpillFile`, and the runs are merged at the end with a heap.
///
/// Memory: the held rows (at most `budget`: their batches, their keys, and 20 bytes a row for
/// the sort), then, while merging, one decoded block per run of about `budget / fanIn` bytes with
/// at most `fanIn` runs at once (more runs are first merged in passes of `fanIn` into longer
/// ones), plus the output batch being built. So about twice the budget plus one output batch,
/// whatever the number of rows. Disk: the spilled rows, twice over during a merge pass.
///
/// Stable: a run holds rows in reading order, runs are merged in reading order (a tie goes to the
/// earlier run) and passes merge neighbouring runs, so equal keys keep their reading order.
///
/// Like `RunState`, a box that a step makes fresh in `plan` and uses from one thread at a time.
final class ExternalSort: @unchecked Sendable {
  /// Rows per batch given to the steps after the sort, as readers make them.
  static let outputRows = 65_536
  /// Runs merged at once.
  static let fanIn = 64

  struct Block {
    var offset: Int
    var length: Int
  }

  /// What the sort did in its last run, for tests.
  struct Stats {
    var runs = 0
    var mergePasses = 0
    var spilledBytes = 0
    var peakHeldBytes = 0
  }

  let order: SortOrder
  let budget: Int
  let folder: String
  private(set) var stats = Stats()

  // The rows held now: batches, the keys of all their rows (row g is the g-th row taken), and the
  // batch of each row.
  private var held: [Batch] = []
  private var keys = KeyRows()
  private var blockOf: [UInt32] = []
  private var starts: [Int] = []
  private var batchBytes = 0
  private var heldBytes: Int { batchBytes + keys.byteCount + blockOf.capacity * 4 + blockOf.count * 16 }

  private var file: SpillFile?
  private var runs: [[Block]] = []
  private var spilledRows = 0
  private var buffer: [UInt8] = []

  init(order: SortOrder, budget: Int, folder: String) {
    precondition(order.count > 0, "a sort needs a key")
    self.order = order
    self.budget = max(budget, 1)
    self.folder = folder
  }

  /// Whether a spill file is open: between the first spill and the end of `drain`.
  var hasSpillFile: Bool { file?.isOpen ?? false }

  private var blockBytes: Int { max(budget / Self.fanIn, 1) }

  /// Rows per spilled block for rows of `bytesPerRow`: about `blockBytes`, at least one row.
  private func blockRows(bytesPerRow: Int) -> Int { max(1, min(Self.outputRows, blockBytes / max(bytesPerRow, 1))) }

  /// Takes a batch's rows; sorts and spills what is held once it exceeds the budget.
  func add(_ batch: Batch) throws {
    let rows = batch.rowCount
    guard rows > 0 else { return }
    starts.append(blockOf.count)
    blockOf.append(contentsOf: repeatElement(UInt32(held.count), count: rows))
    order.appendKeys(of: batch, to: &keys)
    held.append(batch)
    batchBytes += Self.footprint(batch)
    stats.peakHeldBytes = max(stats.peakHeldBytes, heldBytes)
    if heldBytes > budget { try spillHeld() }
  }

  /// Gives every row taken, in order, in batches of `outputRows`; then forgets them and closes
  /// (so frees) the spill file, whether or not `emit` throws.
  func drain(_ emit: (Batch) throws -> Void) throws {
    defer { reset() }
    if runs.isEmpty {
      let refs = sortedHeld()
      for start in stride(from: 0, to: refs.count, by: Self.outputRows) {
        try emit(Self.gather(held, refs[start ..< min(refs.count, start + Self.outputRows)]))
      }
      return
    }
    try spillHeld()
    guard var file else { return }
    let rows = blockRows(bytesPerRow: stats.spilledBytes / max(spilledRows, 1))
    while runs.count > Self.fanIn {
      let next = try SpillFile(folder: folder)
      var merged: [[Block]] = []
      for start in stride(from: 0, to: runs.count, by: Self.fanIn) {
        var run: [Block] = []
        try merge(Array(runs[start ..< min(runs.count, start + Self.fanIn)]), in: file, rows: rows) { batch in
          run.append(try write(batch, to: next))
        }
        merged.append(run)
      }
      file.close()
      file = next
      self.file = next
      runs = merged
      stats.mergePasses += 1
    }
    try merge(runs, in: file, rows: Self.outputRows, emit)
  }

  /// Forgets every row and closes the spill file.
  func reset() {
    held = []
    keys = KeyRows()
    blockOf = []
    starts = []
    batchBytes = 0
    file?.close()
    file = nil
    runs = []
    spilledRows = 0
    buffer = []
  }

  // MARK: - Held rows

  /// The held rows in sorted order, as `block << 32 | row` references.
  private func sortedHeld() -> [UInt64] {
    let count = blockOf.count, width = order.count
    // Each entry carries its row's first key, so most comparisons read no other memory.
    struct Entry {
      var prefix: UInt64
      var row: UInt32
      var kind: UInt8
    }
    let order = self.order
    var entries = keys.withView { view in
      (0 ..< count).map { g in Entry(prefix: view.prefixes[g * width], row: UInt32(g), kind: view.classes[g * width]) }
    }
    keys.withView { view in
      entries.sort { a, b in
        if a.kind != b.kind { return a.kind < b.kind }
        if a.prefix != b.prefix { return a.prefix < b.prefix }
        let r = order.compare(view, Int(a.row), view, Int(b.row))
        return r != 0 ? r < 0 : a.row < b.row  // equal keys: reading order
      }
    }
    return entries.map { e in
      let block = Int(blockOf[Int(e.row)])
      return UInt64(block) << 32 | UInt64(Int(e.row) - starts[block])
    }
  }

  /// Sorts the held rows and writes them as one run.
  private func spillHeld() throws {
    guard !blockOf.isEmpty else { return }
    let refs = sortedHeld()
    let file = try self.file ?? SpillFile(folder: folder)
    self.file = file
    let rows = blockRows(bytesPerRow: heldBytes / refs.count)
    var run: [Block] = []
    for start in stride(from: 0, to: refs.count, by: rows) {
      run.append(try write(Self.gather(held, refs[start ..< min(refs.count, start + rows)]), to: file))
    }
    runs.append(run)
    stats.runs += 1
    spilledRows += refs.count
    (held, keys, blockOf, starts, batchBytes) = ([], KeyRows(), [], [], 0)
  }

  private func write(_ batch: Batch, to file: SpillFile) throws -> Block {
    buffer.removeAll(keepingCapacity: true)
    BatchSpill.encode(batch, into: &buffer)
    stats.spilledBytes += buffer.count
    return Block(offset: try file.append(buffer), length: buffer.count)
  }

  // MARK: - Merge

  /// A run being merged: its current block, decoded, with its keys.
  private final class Cursor {
    let blocks: [Block]
    /// Position among the runs merged: ties go to the earlier run.
    let rank: Int
    var next = 0
    var batch = Batch(schema: Schema([]), columns: [], origins: [])
    var keys = KeyRows()
    var row = 0
    /// Index of `batch` in the merge's table of blocks.
    var slot = 0

    init(blocks: [Block], rank: Int) {
      self.blocks = blocks
      self.rank = rank
    }
  }

  /// Merges `runs` of `file` in order, giving `sink` batches of `rows` rows (the last may be shorter).
  private func merge(_ runs: [[Block]], in file: SpillFile, rows: Int, _ sink: (Batch) throws -> Void) throws {
    let order = self.order
    func load(_ c: Cursor) throws {
      let block = c.blocks[c.next]
      c.next += 1
      c.batch = try file.readBatch(at: block.offset, length: block.length)
      guard c.batch.rowCount > 0, c.batch.columns.count > order.keys.map(\.index).max()! else {
        throw SpillError.corrupt("a block without rows or key columns")
      }
      c.keys.removeAll()
      order.appendKeys(of: c.batch, to: &c.keys)
      c.row = 0
    }
    func less(_ a: Cursor, _ b: Cursor) -> Bool {
      let r = a.keys.withView { x in b.keys.withView { y in order.compare(x, a.row, y, b.row) } }
      return r != 0 ? r < 0 : a.rank < b.rank
    }

    var heap: [Cursor] = []
    for (rank, blocks) in runs.enumerated() where !blocks.isEmpty {
      let c = Cursor(blocks: blocks, rank: rank)
      try load(c)
      heap.append(c)
    }
    func siftDown(_ start: Int) {
      var i = start
      while true {
        let l = 2 * i + 1, r = l + 1
        var m = i
        if l < heap.count && less(heap[l], heap[m]) { m = l }
        if r < heap.count && less(heap[r], heap[m]) { m = r }
        guard m != i else { return }
        heap.swapAt(i, m)
        i = m
      }
    }
    for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }

    // Output rows refer to blocks in `table` until the batch is gathered; a block a cursor has
    // moved past stays there until then.
    var table: [Batch] = []
    var refs: [UInt64] = []
    refs.reserveCapacity(rows)
    func register(_ c: Cursor) {
      c.slot = table.count
      table.append(c.batch)
    }
    for c in heap { register(c) }
    while let c = heap.first {
      refs.append(UInt64(c.slot) << 32 | UInt64(c.row))
      c.row += 1
      if c.row == c.batch.rowCount {
        if c.next < c.blocks.count {
          try load(c)
          register(c)
        } else {
          heap.swapAt(0, heap.count - 1)
          heap.removeLast()
        }
      }
      if heap.count > 1 { siftDown(0) }
      if refs.count == rows {
        try sink(Self.gather(table, refs[...]))
        refs.removeAll(keepingCapacity: true)
        table.removeAll()
        for c in heap { register(c) }
      }
    }
    if !refs.isEmpty { try sink(Self.gather(table, refs[...])) }
  }

  // MARK: - Batches

  /// The rows `refs` (`block << 32 | row`) of `blocks`, in that order, as one batch: schema and
  /// column kinds of the first block (every block has the planned schema), origins kept, the
  /// source file kept when all rows share it (else empty: unknown).
  static func gather(_ blocks: [Batch], _ refs: ArraySlice<UInt64>) -> Batch {
    let first = blocks[Int(refs.first! >> 32)]
    let rows = refs.count
    @inline(__always) func split(_ ref: UInt64) -> (Int, Int) { (Int(ref >> 32), Int(ref & 0xffff_ffff)) }
    let columns = first.columns.indices.map { c -> Column in
      func typed<E>(_ extract: (Column) -> TypedColumn<E>?) -> TypedColumn<E> {
        let sources = blocks.map { block -> TypedColumn<E> in
          guard let column = extract(block.columns[c]) else {
            preconditionFailure("column \(first.schema[c].name) changes kind between batches")
          }
          return column
        }
        var values: [E] = []
        var validity = Validity()
        values.reserveCapacity(rows)
        validity.reserveCapacity(rows)
        for ref in refs {
          let (b, r) = split(ref)
          values.append(sources[b].values[r])
          validity.append(sources[b].validity.isValid(r))
        }
        return TypedColumn(values: values, validity: validity)
      }
      switch first.columns[c] {
      case .text:
        let sources = blocks.map { block -> TextColumn in
          guard case .text(let t) = block.columns[c] else { preconditionFailure("column \(first.schema[c].name) changes kind between batches") }
          return t
        }
        var byteCount = 0
        for ref in refs {
          let (b, r) = split(ref)
          byteCount += sources[b].offsets[r + 1] - sources[b].offsets[r]
        }
        var out = TextColumn()
        out.reserveCapacity(rows: rows, bytes: byteCount)
        for ref in refs {
          let (b, r) = split(ref)
          if sources[b].isNull(r) { out.appendNull() } else { out.append(sources[b].value(r)) }
        }
        return .text(out)
      case .boolean: return .boolean(typed { if case .boolean(let t) = $0 { t } else { nil } })
      case .int64: return .int64(typed { if case .int64(let t) = $0 { t } else { nil } })
      case .decimal(_, let scale):
        return .decimal(typed { if case .decimal(let t, scale) = $0 { t } else { nil } }, scale: scale)
      case .double: return .double(typed { if case .double(let t) = $0 { t } else { nil } })
      case .date: return .date(typed { if case .date(let t) = $0 { t } else { nil } })
      case .timestamp: return .timestamp(typed { if case .timestamp(let t) = $0 { t } else { nil } })
      }
    }
    var batch = Batch(schema: first.schema, columns: columns, origins: refs.map { ref in
      let (b, r) = split(ref)
      return blocks[b].origins[r]
    })
    let source = first.source
    let shared = blocks.allSatisfy { $0.source == source } || refs.allSatisfy { blocks[Int($0 >> 32)].source == source }
    batch.source = shared ? source : ""
    return batch
  }

  /// The memory a batch takes: its arrays' capacity.
  static func footprint(_ batch: Batch) -> Int {
    var bytes = batch.origins.capacity * MemoryLayout<RowOrigin>.stride
    for column in batch.columns {
      let rows = column.count
      switch column {
      case .text(let c): bytes += c.bytes.capacity + c.offsets.capacity * 8 + rows / 8
      case .boolean(let c): bytes += c.values.capacity + rows / 8
      case .date(let c): bytes += c.values.capacity * 4 + rows / 8
      case .int64(let c), .decimal(let c, _), .timestamp(let c): bytes += c.values.capacity * 8 + rows / 8
      case .double(let c): bytes += c.values.capacity * 8 + rows / 8
      }
    }
    return bytes
  }
}
