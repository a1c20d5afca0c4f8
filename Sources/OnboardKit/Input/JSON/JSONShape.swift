/// Every key path of a source and the kinds of value seen at each: a tree of nodes, built by
/// the schema pass and then used by the reading pass to send each key to its column.
///
/// Node 0 is the row. An object's keys are its child nodes, in first-seen order; an array's
/// elements share one child node. Lookups of a key under a parent go first to a guess (the key
/// that followed the previous key last time, so rows that repeat one key order cost one byte
/// comparison per key), then to a hash table. Changes made while reading a row are journalled,
/// so a row that turns out malformed can be taken back without a trace.
struct JSONShape {
  /// The kinds of JSON value, as bits.
  struct Kinds: OptionSet {
    let rawValue: UInt8
    static let null = Kinds(rawValue: 1)
    static let boolean = Kinds(rawValue: 2)
    /// A number with no fraction or exponent and at most 18 digits (it fits a `bigint`).
    static let integer = Kinds(rawValue: 4)
    static let double = Kinds(rawValue: 8)
    static let string = Kinds(rawValue: 16)
    static let object = Kinds(rawValue: 32)
    static let array = Kinds(rawValue: 64)
    /// Set with `integer` for a whole number of ten or more digits, which may not fit an `int`.
    static let wideInteger = Kinds(rawValue: 128)
  }

  struct Node {
    var kinds: Kinds = []
    var parent: Int32
    /// The key in `keyBytes` (decoded); `keyCount` is -1 for an array's element node.
    var keyStart: Int
    var keyCount: Int32
    var hash: UInt64
    /// Whether the key is spelled in JSON without escapes (no quote, backslash or control byte),
    /// so that input bytes can be compared with it directly.
    var plain = false
    var element: Int32 = -1
    /// The guessed first key of this object, and the guessed key after this one.
    var firstGuess: Int32 = -1
    var nextGuess: Int32 = -1
  }

  static let row: Int32 = 0

  private(set) var nodes: [Node] = [Node(kinds: .object, parent: -1, keyStart: 0, keyCount: -1, hash: 0)]
  private var keyBytes: [UInt8] = []
  /// Open addressing by `hash`: a node index, `empty`, or `removed` (a tombstone left by a roll-back).
  private var slots = [Int32](repeating: JSONShape.empty, count: 64)
  private var occupied = 0
  private var journal: [Change] = []
  private var scratch = JSONScratch()

  private static let empty: Int32 = -1
  private static let removed: Int32 = -2

  private enum Change {
    case kinds(node: Int32, old: Kinds)
    case added
  }

  // MARK: - Finding keys

  /// The fast path for rows that repeat the key order of the row before: the guessed key after
  /// `previous` (-1: the first key) of `parent`, if the bytes at `start` spell exactly it and its
  /// closing quote. Returns the node and the index after the quote. No scan, hashing or write.
  @inline(__always)
  func guessedKey(of parent: Int32, after previous: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ limit: Int)
    -> (node: Int32, end: Int)?
  {
    let guess = previous < 0 ? nodes[Int(parent)].firstGuess : nodes[Int(previous)].nextGuess
    guard guess >= 0, Int(guess) < nodes.count else { return nil }
    let node = nodes[Int(guess)]
    let close = start + Int(node.keyCount)
    guard node.parent == parent, node.plain, close < limit, bytes[close] == JSONTokens.quote else { return nil }
    if node.keyCount == 0 { return (guess, close + 1) }
    let same = keyBytes.withUnsafeBufferPointer { keys in
      JSONShape.equal(keys.baseAddress! + node.keyStart, bytes.baseAddress! + start, Int(node.keyCount))
    }
    return same ? (guess, close + 1) : nil
  }

  /// Byte equality, eight bytes at a time: keys are short, so a call to `memcmp` costs more.
  @inline(__always)
  static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var i = 0
    while i + 8 <= count {
      if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) {
        return false
      }
      i += 8
    }
    while i < count {
      if a[i] != b[i] { return false }
      i += 1
    }
    return true
  }

  /// The child of `parent` named by the key `bytes[start ..< end]` (`escaped`: it holds escapes
  /// to decode), guessing from `previous`, the key before it in this object (-1 for the first).
  /// Unknown keys are added when `insert` is true, else the answer is -1.
  @inline(__always)
  mutating func child(
    of parent: Int32, after previous: Int32, key bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
    escaped: Bool, insert: Bool
  ) -> Int32 {
    let guess = previous < 0 ? nodes[Int(parent)].firstGuess : nodes[Int(previous)].nextGuess
    if !escaped, guess >= 0, Int(guess) < nodes.count, nodes[Int(guess)].parent == parent,
      keyEquals(Int(guess), UnsafeBufferPointer(rebasing: bytes[start ..< end]))
    {
      return guess
    }
    let found: Int32
    if escaped {
      scratch.bytes.removeAll(keepingCapacity: true)
      JSONStringDecoding.decode(bytes, from: start, to: end, canonical: false, into: &scratch)
      // A copy of the array reference, not of the bytes: `lookUp` cannot touch `scratch`.
      let key = scratch.bytes
      found = key.withUnsafeBufferPointer { lookUp(parent, $0, insert: insert) }
    } else {
      found = lookUp(parent, UnsafeBufferPointer(rebasing: bytes[start ..< end]), insert: insert)
    }
    if found >= 0 {
      if previous < 0 { nodes[Int(parent)].firstGuess = found } else { nodes[Int(previous)].nextGuess = found }
    }
    return found
  }

  @inline(__always)
  private func keyEquals(_ node: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = nodes[node]
    guard Int(n.keyCount) == key.count else { return false }
    guard key.count > 0, let keyBase = key.baseAddress else { return true }
    return keyBytes.withUnsafeBufferPointer { JSONShape.equal($0.baseAddress! + n.keyStart, keyBase, key.count) }
  }

  private static func hash(_ parent: Int32, _ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    Hashing.finalize(Hashing.hash(key) &+ UInt64(UInt32(bitPattern: parent)) &* 0x9e37_79b9_7f4a_7c15)
  }

  private mutating func lookUp(_ parent: Int32, _ key: UnsafeBufferPointer<UInt8>, insert: Bool) -> Int32 {
    let h = JSONShape.hash(parent, key)
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[i]
      if s == JSONShape.empty { break }
      if s >= 0 && nodes[Int(s)].hash == h && nodes[Int(s)].parent == parent && keyEquals(Int(s), key) { return s }
      i = (i + 1) & mask
    }
    guard insert else { return -1 }
    let node = Int32(nodes.count)
    let plain = !key.contains { $0 == JSONTokens.quote || $0 == JSONTokens.backslash || $0 < 0x20 }
    nodes.append(Node(parent: parent, keyStart: keyBytes.count, keyCount: Int32(key.count), hash: h, plain: plain))
    keyBytes.append(contentsOf: key)
    slots[i] = node
    occupied += 1
    journal.append(.added)
    if occupied * 2 > slots.count { rehash(size: slots.count * 2) }
    return node
  }

  private mutating func rehash(size: Int) {
    slots = [Int32](repeating: JSONShape.empty, count: size)
    occupied = 0
    for (index, node) in nodes.enumerated() where node.keyCount >= 0 {
      var i = Int(truncatingIfNeeded: node.hash) & (size - 1)
      while slots[i] != JSONShape.empty { i = (i + 1) & (size - 1) }
      slots[i] = Int32(index)
      occupied += 1
    }
  }

  /// The node of `array`'s elements, added when `insert` is true and there is none yet.
  mutating func element(of array: Int32, insert: Bool) -> Int32 {
    let existing = nodes[Int(array)].element
    guard existing < 0 && insert else { return existing }
    let node = Int32(nodes.count)
    nodes.append(Node(parent: array, keyStart: keyBytes.count, keyCount: -1, hash: 0))
    nodes[Int(array)].element = node
    journal.append(.added)
    return node
  }

  /// Records that a value of `kind` was seen at `node`.
  @inline(__always)
  mutating func mark(_ node: Int32, _ kind: Kinds) {
    let old = nodes[Int(node)].kinds
    if !old.contains(kind) {
      journal.append(.kinds(node: node, old: old))
      nodes[Int(node)].kinds = old.union(kind)
    }
  }

  // MARK: - Rows

  /// Keeps the changes of the row just read.
  @inline(__always)
  mutating func commit() {
    if !journal.isEmpty { journal.removeAll(keepingCapacity: true) }
  }

  /// Takes back every change since the last `commit`, newest first.
  mutating func rollBack() {
    while let change = journal.popLast() {
      switch change {
      case .kinds(let node, let old):
        nodes[Int(node)].kinds = old
      case .added:
        let node = nodes.removeLast()
        let index = Int32(nodes.count)
        keyBytes.removeSubrange(node.keyStart...)
        if node.keyCount < 0 {
          nodes[Int(node.parent)].element = -1
        } else {
          // A tombstone, not an empty slot: keys placed after this one may have probed past it.
          let mask = slots.count - 1
          var i = Int(truncatingIfNeeded: node.hash) & mask
          while slots[i] != index { i = (i + 1) & mask }
          slots[i] = JSONShape.removed
        }
      }
    }
  }

  /// Adds what `later` saw, as if its rows came after this shape's: keys new here are appended
  /// in `later`'s first-seen order, kinds are united. Shapes of consecutive chunks merged in
  /// order equal the shape of the whole, so the schema pass can run on several cores.
  mutating func merge(_ later: JSONShape) {
    var mapped = [Int32](repeating: -1, count: later.nodes.count)
    mapped[Int(JSONShape.row)] = JSONShape.row
    // A node comes after its parent, so the parent is always mapped first.
    for index in 1 ..< later.nodes.count {
      let node = later.nodes[index]
      let parent = mapped[Int(node.parent)]
      let mine =
        node.keyCount < 0
        ? element(of: parent, insert: true)
        : later.keyBytes[node.keyStart ..< node.keyStart + Int(node.keyCount)].withUnsafeBufferPointer {
          lookUp(parent, $0, insert: true)
        }
      mapped[index] = mine
      nodes[Int(mine)].kinds.formUnion(node.kinds)
    }
    commit()
  }

  // MARK: - Reading the tree

  /// The decoded key of `node`, for column and field names.
  func name(_ node: Int32) -> String {
    let n = nodes[Int(node)]
    return String(decoding: keyBytes[n.keyStart ..< n.keyStart + Int(max(n.keyCount, 0))], as: UTF8.self)
  }

  /// The children of every node in first-seen order (nodes are appended in the order first seen).
  func childLists() -> [[Int32]] {
    var lists = [[Int32]](repeating: [], count: nodes.count)
    for (index, node) in nodes.enumerated() where node.parent >= 0 && node.keyCount >= 0 {
      lists[Int(node.parent)].append(Int32(index))
    }
    return lists
  }
}
