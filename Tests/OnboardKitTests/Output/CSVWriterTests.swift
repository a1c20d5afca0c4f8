import Foundation
import Testing

@testable import OnboardKit

/// What the CSV writer emits: RFC 4180 quoting only where needed, empty text apart from null, and
/// typed values in their canonical text; read back by an independent parser, value for value.
@Suite struct CSVWriterTests {
  static func write(_ batch: Batch, delimiter: UInt8 = UInt8(ascii: ",")) throws -> String {
    let folder = try TemporaryFolder()
    let path = folder.file("out.csv").path
    let writer = try CSVWriter(path: path, schema: batch.schema, delimiter: delimiter)
    try writer.write(batch)
    try writer.commit()
    return try String(contentsOfFile: path, encoding: .utf8)
  }

  static func batch(_ columns: [(String, Column)]) -> Batch {
    let rows = columns.first?.1.count ?? 0
    return Batch(
      schema: Schema(columns.map { Field(name: $0.0, type: .string) }), columns: columns.map(\.1),
      origins: (0 ..< rows).map { RowOrigin(line: $0 + 2, byteOffset: 0) })
  }

  @Test func quotesOnlyWhatNeedsIt() throws {
    let batch = Self.batch([
      ("plain", .text(TextColumn(["a", "", nil, "b c"]))),
      ("special", .text(TextColumn(["x,y", "say \"hi\"", "two\nlines", "cr\rhere"]))),
      ("n", .int64(TypedColumn([-12, nil, 0, 7], zero: 0))),
      ("d", .decimal(TypedColumn([1250, -5, nil, 0], zero: 0), scale: 2)),
    ])
    let text = try Self.write(batch)
    let expected = [
      "plain,special,n,d", "a,\"x,y\",-12,12.50", "\"\",\"say \"\"hi\"\"\",,-0.05", ",\"two\nlines\",0,", "b c,\"cr\rhere\",7,0.00",
    ]
    #expect(text == expected.joined(separator: "\n") + "\n")
    #expect(SimpleCSV.parse(text) == [
      ["plain", "special", "n", "d"], ["a", "x,y", "-12", "12.50"], ["", "say \"hi\"", nil, "-0.05"],
      [nil, "two\nlines", "0", nil], ["b c", "cr\rhere", "7", "0.00"],
    ])
  }

  @Test func typedValuesAreCanonical() throws {
    let batch = Self.batch([
      ("x", .double(TypedColumn([2.5, 3, .nan, -.infinity, 1e300], zero: 0))),
      ("day", .date(TypedColumn([0, 19_723, -1, nil, 2_932_896], zero: 0))),
      ("at", .timestamp(TypedColumn([0, 1_704_067_200_000_001, nil, -1, 86_399_000_000], zero: 0))),
      ("ok", .boolean(TypedColumn([true, false, nil, true, false], zero: false))),
    ])
    #expect(SimpleCSV.parse(try Self.write(batch)) == [
      ["x", "day", "at", "ok"],
      ["2.5", "1970-01-01", "1970-01-01 00:00:00", "true"],
      ["3", "2024-01-01", "2024-01-01 00:00:00.000001", "false"],
      ["NaN", "1969-12-31", nil, nil],
      ["-Infinity", nil, "1969-12-31 23:59:59.999999", "true"],
      ["1e+300", "9999-12-31", "1970-01-01 23:59:59", "false"],
    ])
  }

  /// A delimiter that typed text can hold (a space, a dot) makes typed values quoted where needed.
  @Test func aDelimiterInsideTypedValuesIsQuoted() throws {
    let batch = Self.batch([("at", .timestamp(TypedColumn([0], zero: 0))), ("s", .text(TextColumn(["a b"])))])
    #expect(try Self.write(batch, delimiter: UInt8(ascii: " ")) == "at s\n\"1970-01-01 00:00:00\" \"a b\"\n")
  }
}
