import Foundation
import Testing

@testable import OnboardKit

/// The rules that compare the data with a second source (ReferentialIntegrity, RowCountMatch,
/// DatasetMatch, SchemaMatch, AggregateMatch), on small CSVs whose metrics are worked out by hand
/// in the comments: each passes and fails, and each pinned choice (NULLs, text equality, type
/// kinds, unsuitable keys, unknown aliases, missing columns) has a case.
@Suite struct ComparisonRuleTests: RuleExpectations {
  static let now = Date(timeIntervalSince1970: 1_767_225_600)

  /// The primary data. customer_id is NULL on order 14; order 12 is (2, DE), which no customer is.
  static let orders = """
    order_id,customer_id,country,amount
    10,1,DE,10.5
    11,2,FR,20
    12,2,DE,5.5
    13,9,DE,4
    14,,US,10

    """

  /// Six customers, one with a NULL id whose country (US) is order 14's.
  static let customers = """
    customer_id,country,name
    1,DE,Ann
    2,FR,Bob
    3,US,Cid
    4,DE,Dan
    5,FR,Eve
    ,US,Nobody

    """

  /// Another system's orders: other key and customer names; order 12's country is FR, order 13's
  /// amount is written "4.0", order 14 is missing and order 15 is extra.
  static let ordersV2 = """
    id,customer,country,amount
    10,1,DE,10.5
    11,2,FR,20
    12,2,FR,5.5
    13,9,DE,4.0
    15,3,US,7

    """

  /// The orders with a 64-bit order_id and a two-decimal amount: the same schema, other widths.
  static let wide = """
    order_id,customer_id,country,amount
    5000000000,1,DE,10.5
    11,2,FR,20
    12,2,DE,5.5
    13,9,DE,4.25
    14,,US,10

    """

  /// The orders with a word among the amounts: amount is text there.
  static let retyped = orders.replacingOccurrences(of: "13,9,DE,4\n", with: "13,9,DE,four\n")

  /// Customers with id 2 twice.
  static let duplicated = customers.replacingOccurrences(of: "3,US,Cid", with: "2,US,Cid")

  /// Checks `data` against `cases`, with every reference above under its alias (and `broken`, a
  /// file that does not exist).
  func check(_ cases: [Expected], data: String = ComparisonRuleTests.orders, threads: Int = 1) throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("orders.csv", data)
    var references: [String: RuleEnvironment.Reference] = [:]
    let sources = [
      "customers": Self.customers, "v2": Self.ordersV2, "copy": Self.orders, "wide": Self.wide, "retyped": Self.retyped,
      "duplicated": Self.duplicated,
    ]
    for (alias, text) in sources { references[alias] = .init(path: try folder.write("\(alias).csv", text).path) }
    references["broken"] = .init(path: folder.file("absent.csv").path)
    let document = try DQDLParser.parse("Rules = [\n  " + cases.map(\.rule).joined(separator: ",\n  ") + "\n]\n")
    let report = try Checker.check(
      path: file.path, rules: document, rulesName: "rules.dqdl", threads: threads, references: references, now: Self.now
    ).report
    try Self.verify(cases, report)
  }

  /// Orders 10, 11 and 12 have a customer (1, 2, 2); 13's (9) is unknown and 14's is NULL, which
  /// never matches, not even the customer with a NULL id: 3/5 = 0.6. As tuples with the country,
  /// only (1, DE) and (2, FR) exist: 2/5 = 0.4.
  @Test func referentialIntegrity() throws {
    try check([
      Self.rule(#"ReferentialIntegrity "customer_id" "customers.customer_id" >= 0.6"#, .pass, ["Column.customers.ReferentialIntegrity": 0.6]),
      Self.rule(
        #"ReferentialIntegrity "customer_id" "customers.customer_id" = 1.0"#, .fail, ["Column.customers.ReferentialIntegrity": 0.6],
        message: "2 rows of 5 not found, 1 of them with a NULL"),
      Self.rule(
        #"ReferentialIntegrity "customer_id, country" "customers.{customer_id, country}" = 0.4"#, .pass,
        ["Column.customers.ReferentialIntegrity": 0.4]),
      Self.rule(#"ReferentialIntegrity "customer_id,country" "customers.{customer_id,country}" > 0.5"#, .fail),
      // The reference's columns may be named otherwise: v2's `customer` holds 1, 2, 2, 9, 3.
      Self.rule(#"ReferentialIntegrity "customer_id" "v2.customer" = 0.8"#, .pass, ["Column.v2.ReferentialIntegrity": 0.8]),
    ])
  }

  @Test func rowCountMatch() throws {
    // 5 orders ÷ 6 customers.
    try check([
      Self.rule(#"RowCountMatch "customers" between 0.8 and 0.9"#, .pass, ["Dataset.customers.RowCountMatch": 5.0 / 6.0]),
      Self.rule(#"RowCountMatch "customers" = 1.0"#, .fail, message: "5 rows ÷ 6"),
      Self.rule(#"RowCountMatch "copy" = 1.0"#, .pass, ["Dataset.copy.RowCountMatch": 1]),
    ])
  }

  /// Joined on order_id → id. Amounts: 10, 11, 12 equal; 13 is "4" here and "4.0" there (values
  /// compare as text); 14 has no row there: 3/5. With the country, 12 differs too: 2/5. Customers
  /// are equal on the four joined rows: 4/5. The copy matches every row, order 14's NULL
  /// customer equal to NULL: 1.
  @Test func datasetMatch() throws {
    try check([
      Self.rule(#"DatasetMatch "v2" "order_id->id" "amount" = 0.6"#, .pass, ["Dataset.v2.DatasetMatch": 0.6]),
      Self.rule(
        #"DatasetMatch "v2" "order_id->id" "country,amount" >= 0.5"#, .fail, ["Dataset.v2.DatasetMatch": 0.4],
        message: "of 5 rows, 2 differ and 1 has no key in the reference"),
      Self.rule(#"DatasetMatch "v2" "order_id->id" "customer_id->customer" = 0.8"#, .pass, ["Dataset.v2.DatasetMatch": 0.8]),
      Self.rule(#"DatasetMatch "copy" "order_id" = 1.0"#, .pass, ["Dataset.copy.DatasetMatch": 1]),
      Self.rule(#"DatasetMatch "copy" "order_id->order_id" "customer_id" = 1.0"#, .pass),
      // Without compared columns every non-key column is compared by name; v2 has no customer_id.
      Self.rule(#"DatasetMatch "v2" "order_id->id" >= 0.5"#, .fail, message: "in the reference 'v2': column 'customer_id' does not exist"),
    ])
  }

  /// Keys must be unique and non-NULL on both sides: customer_id repeats 2 and has a NULL in the
  /// orders; the duplicated customers repeat 2, and the customers have a NULL id.
  @Test func datasetMatchRejectsUnsuitableKeys() throws {
    try check([
      Self.rule(
        #"DatasetMatch "customers" "customer_id" "country" > 0"#, .error,
        message: "Provided key map not suitable for given data frames"),
      Self.rule(#"DatasetMatch "customers" "customer_id" "country" > 0"#, .error, message: "the data has 1 row with a NULL key"),
      Self.rule(#"DatasetMatch "customers" "customer_id" "country" > 0"#, .error, message: "the data has 1 key on more than one row"),
      Self.rule(
        #"DatasetMatch "duplicated" "order_id->customer_id" "country" > 0"#, .error,
        message: "the reference 'duplicated' has 1 key on more than one row"),
    ])
  }

  /// Names and kinds of types, order ignored. `copy`: all 4. `wide`: bigint against int and
  /// decimal(4,2) against decimal(3,1) are the same kinds: 4/4. `retyped`: amount is text there:
  /// 3/4. v2: only country and amount share a name: 2/4. customers has 3 columns, the orders 4:
  /// 0, failing whatever the condition.
  @Test func schemaMatch() throws {
    try check([
      Self.rule(#"SchemaMatch "copy" = 1.0"#, .pass, ["Dataset.copy.SchemaMatch": 1]),
      Self.rule(#"SchemaMatch "wide" = 1.0"#, .pass, ["Dataset.wide.SchemaMatch": 1]),
      Self.rule(#"SchemaMatch "retyped" = 1.0"#, .fail, ["Dataset.retyped.SchemaMatch": 0.75], message: "'amount' is decimal(3,1), string there"),
      Self.rule(#"SchemaMatch "v2" = 0.5"#, .pass, ["Dataset.v2.SchemaMatch": 0.5]),
      Self.rule(#"SchemaMatch "customers" >= 0"#, .fail, ["Dataset.customers.SchemaMatch": 0], message: "4 columns and the reference 'customers' 3"),
    ])
  }

  /// Sums of amount: 10.5 + 20 + 5.5 + 4 + 10 = 50 here, 10.5 + 20 + 5.5 + 4 + 7 = 47 in v2. The
  /// mean amount is 10 and the customer ids (NULL left out) sum to 1 + 2 + 2 + 9 = 14.
  @Test func aggregateMatch() throws {
    try check([
      Self.rule(#"AggregateMatch "sum(amount)" "sum(copy.amount)" = 1.0"#, .pass, ["Column.amount.AggregateMatch": 1]),
      Self.rule(#"AggregateMatch "sum(amount)" "sum(v2.amount)" = 1.0"#, .fail, ["Column.amount.AggregateMatch": 50.0 / 47.0]),
      Self.rule(#"AggregateMatch "avg(amount)" "sum(customer_id)" < 0.75"#, .pass, ["Column.amount,customer_id.AggregateMatch": 10.0 / 14.0]),
      Self.rule(#"AggregateMatch "SUM(amount)" "avg(primary.amount)" = 5"#, .pass, ["Column.amount.AggregateMatch": 5]),
      Self.rule(#"AggregateMatch "sum(country)" "sum(v2.amount)" = 1"#, .fail, message: "'country' has no numbers to take the sum of"),
      Self.rule(#"AggregateMatch "max(amount)" "sum(v2.amount)" = 1"#, .error, message: "sum(column) or avg(column)"),
    ])
  }

  /// An alias no reference has is an ERROR saying how to give one; a reference that cannot be
  /// read is an ERROR with the reason. Neither stops the other rules.
  @Test func unknownAndUnreadableReferences() throws {
    try check([
      Self.rule(#"RowCountMatch "nowhere" = 1.0"#, .error, message: "give --reference nowhere=path to onboard check, or quality.references in the recipe"),
      Self.rule(#"ReferentialIntegrity "customer_id" "nowhere.id" = 1.0"#, .error, message: "no reference is named 'nowhere'"),
      Self.rule(#"AggregateMatch "sum(amount)" "sum(db.table.amount)" = 1.0"#, .error, message: "no reference is named 'db.table'"),
      Self.rule(#"SchemaMatch "broken" = 1.0"#, .error, message: "the reference 'broken'"),
      Self.rule(#"RowCountMatch "customers" > 0"#, .pass),
    ])
  }

  /// A column missing on either side fails, naming the nearest; malformed parameters are errors.
  @Test func missingColumnsAndMalformedParameters() throws {
    try check([
      Self.rule(#"ReferentialIntegrity "customer" "customers.customer_id" = 1.0"#, .fail, message: "did you mean 'customer_id'?"),
      Self.rule(
        #"ReferentialIntegrity "customer_id" "customers.customerid" = 1.0"#, .fail,
        message: "in the reference 'customers': column 'customerid' does not exist; did you mean 'customer_id'?"),
      Self.rule(#"DatasetMatch "v2" "order_id->ID" "amount->amount_" = 1.0"#, .fail, message: "'amount_' does not exist"),
      Self.rule(#"DatasetMatch "v2" "orderid->id" "amount" = 1.0"#, .fail, message: "did you mean 'order_id'?"),
      Self.rule(#"AggregateMatch "sum(amount)" "sum(v2.amounts)" = 1.0"#, .fail, message: "did you mean 'amount'?"),
      Self.rule(#"ReferentialIntegrity "customer_id,country" "customers.customer_id" = 1.0"#, .error, message: "must be as many"),
      Self.rule(#"ReferentialIntegrity "customer_id" "customers" = 1.0"#, .error, message: "\"ref.zip\""),
      Self.rule(#"DatasetMatch "v2" "order_id->" = 1.0"#, .error, message: "key mapping"),
    ])
  }

  /// No rows: ReferentialIntegrity and DatasetMatch fail, as in Deequ; RowCountMatch is 0 ÷ 6.
  @Test func emptyData() throws {
    try check(
      [
        Self.rule(#"ReferentialIntegrity "customer_id" "customers.customer_id" >= 0"#, .fail, message: "the data has no rows"),
        Self.rule(#"DatasetMatch "copy" "order_id" >= 0"#, .fail, message: "the data has no rows"),
        Self.rule(#"RowCountMatch "customers" = 0"#, .pass, ["Dataset.customers.RowCountMatch": 0]),
      ], data: "order_id,customer_id,country,amount\n")
  }

  /// 120,000 rows (two batches of the reader, two workers) against a copy of 100,000 rows (two
  /// batches): the keyed tables of both sides merge across workers.
  ///
  /// ref_id is id mod 1000 and the lookup holds 0 ... 899: 900 of every 1,000 ids match, 0.9.
  /// The copy holds ids 1 ... 100,000 and changes v on every 7th: 100,000 − 14,285 = 85,715
  /// rows match, of 120,000.
  @Test func manyRowsAcrossBatchesAndWorkers() throws {
    let folder = try TemporaryFolder()
    var data = "id,ref_id,v\n"
    var copy = "id,ref_id,v\n"
    for id in 1 ... 120_000 {
      let v = id * 3 % 101
      data += "\(id),\(id % 1000),\(v)\n"
      if id <= 100_000 { copy += "\(id),\(id % 1000),\(id % 7 == 0 ? v + 1 : v)\n" }
    }
    var lookup = "ref_id\n"
    for key in 0 ..< 900 { lookup += "\(key)\n" }
    let file = try folder.write("data.csv", data)
    let references: [String: RuleEnvironment.Reference] = [
      "copy": .init(path: try folder.write("copy.csv", copy).path), "lookup": .init(path: try folder.write("lookup.csv", lookup).path),
    ]
    let document = try DQDLParser.parse(
      """
      Rules = [
        ReferentialIntegrity "ref_id" "lookup.ref_id" = 0.9,
        DatasetMatch "copy" "id" "v" > 0.7,
        DatasetMatch "copy" "id" > 0.7,
        RowCountMatch "copy" = 1.2,
        AggregateMatch "sum(v)" "sum(copy.v)" > 1
      ]
      """)
    var metrics: [[String: Double]] = []
    for threads in [1, 2] {
      let report = try Checker.check(
        path: file.path, rules: document, rulesName: "rules.dqdl", threads: threads, references: references, now: Self.now
      ).report
      #expect(report.rules.allSatisfy { $0.result == .pass }, "\(report.rules.map { "\($0.description): \($0.message ?? "")" })")
      metrics.append(report.rules.reduce(into: [:]) { all, rule in all.merge(rule.metrics) { a, _ in a } })
    }
    #expect(metrics[0]["Column.lookup.ReferentialIntegrity"] == 0.9)
    #expect(metrics[0]["Dataset.copy.DatasetMatch"] == 85_715.0 / 120_000.0)
    #expect(metrics[0]["Dataset.copy.RowCountMatch"] == 1.2)
    #expect(metrics[0] == metrics[1], "one worker or two, the same metrics")
  }

  /// A recipe names its references in quality.references, relative to the recipe's folder; the
  /// rules are judged on the curated data.
  @Test func recipeReferences() throws {
    let folder = try TemporaryFolder()
    try folder.write("orders.csv", Self.orders)
    try FileManager.default.createDirectory(at: folder.file("lookups"), withIntermediateDirectories: true)
    try folder.write("lookups/customers.csv", Self.customers)
    let recipe = try Recipe.load(
      path: folder.write(
        "r.yaml",
        """
        product: {name: orders}
        source: {path: orders.csv}
        target: {path: out}
        quality:
          blocking: false
          references:
            customers: lookups/customers.csv
          dqdl: |
            Rules = [
              ReferentialIntegrity "customer_id" "customers.customer_id" = 0.6,
              RowCountMatch "customers" = 1
            ]

        """
      ).path)
    let result = try Pipeline.run(recipe: recipe)
    let rules = try #require(result.quality?.rules)
    #expect(rules.map(\.result) == [.pass, .fail])
    #expect(rules[0].metrics["Column.customers.ReferentialIntegrity"] == 0.6)
    #expect(rules[1].metrics["Dataset.customers.RowCountMatch"] == 5.0 / 6.0)
  }
}
