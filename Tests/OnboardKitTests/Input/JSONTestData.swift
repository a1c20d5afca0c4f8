/// Deterministic JSON objects with the mess of real producer files: keys missing or null, key
/// order changing, escapes and non-ASCII text, nested objects and arrays, and a key that only
/// appears late in the file.
enum JSONTestData {
  static let names = [
    #"plain"#, #"say \"hi\""#, #"back\\slash"#, #"two\nlines"#, #"caf\u00e9"#, "café", #"\ud83d\ude00 grin"#,
    #"a\/b"#, #"tab\there"#, "日本", #"\u0001 control"#, "", "comma, and ; semicolon",
  ]

  /// One object per element, each on one line, as written into a file.
  static func objects(count: Int, seed: UInt64) -> [String] {
    var rng = SplitMix64(seed: seed)
    func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }
    func pick<T>(_ values: [T]) -> T { values[Int(rng.next() % UInt64(values.count))] }
    var out: [String] = []
    out.reserveCapacity(count)
    for id in 1 ... count {
      var fields: [String] = ["\"id\":\(id)"]
      fields.append("\"name\":\"\(pick(names))\"")
      if !chance(3) {
        let cents = Int(rng.next() % 1_000_000) - 200_000
        fields.append("\"amount\":" + (chance(5) ? "null" : "\(cents / 100).\(String(abs(cents) % 100 + 100).dropFirst())"))
      }
      if !chance(10) { fields.append("\"flag\":\(chance(50))") }
      if chance(90) { fields.append("\"score\":" + (chance(50) ? "\(rng.next() % 1000)" : "\(Double(rng.next() % 10_000) / 8)")) }
      if !chance(20) {
        let tags = (0 ..< Int(rng.next() % 4)).map { _ in "\"" + pick(["x", "y", "z é", #"q\"uote"#]) + "\"" }
        fields.append("\"tags\":[" + tags.joined(separator: ",") + "]")
      }
      if chance(5) {
        fields.append("\"address\":null")
      } else if !chance(5) {
        var inner = ["\"city\":\"" + pick(["Oslo", "Bergen", "Tromsø", #"Å\u00e5"#]) + "\""]
        if !chance(30) { inner.append("\"zip\":\"\(1000 + rng.next() % 9000)\"") }
        if chance(50) { inner.append("\"geo\":{\"lat\":\(Double(rng.next() % 9000) / 100),\"lon\":\(rng.next() % 180)}") }
        fields.append("\"address\":{" + inner.joined(separator: ",") + "}")
      }
      if chance(20) { fields.append("\"code\":\"00\(rng.next() % 100)\"") }
      if id > count * 3 / 4 && chance(2) { fields.append("\"late\":\"only at the end\"") }
      if chance(10) { fields.reverse() }
      out.append("{" + fields.joined(separator: chance(10) ? ", " : ",") + "}")
    }
    return out
  }
}
