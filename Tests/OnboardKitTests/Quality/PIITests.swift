import Foundation
import Testing

@testable import OnboardKit

/// PII detection: each detector on known-valid and known-invalid values, column-name hints, the
/// suggestion rule, the merge law of `PIITally`, a generated file with planted PII among noise
/// columns, and the German credit data (which holds none).
@Suite struct PIITests {
  static func check(_ detector: (UnsafeBufferPointer<UInt8>) -> Bool, _ value: String) -> Bool {
    var value = value
    return value.withUTF8 { detector($0) }
  }

  static func expectAll(
    _ detector: (UnsafeBufferPointer<UInt8>) -> Bool, valid: [String], invalid: [String],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for v in valid {
      let matched = check(detector, v)
      #expect(matched, "should match: \(v)", sourceLocation: sourceLocation)
    }
    for v in invalid {
      let matched = check(detector, v)
      #expect(!matched, "should not match: \(v)", sourceLocation: sourceLocation)
    }
  }

  // MARK: - Detectors

  @Test func email() {
    Self.expectAll(
      EmailDetector.matches,
      valid: [
        "jane.doe@example.com", "j@example.org", "first.last+tag@sub.example.co.uk", "o'brien@example.ie",
        "user_name-1@my-host.example", "x@xn--mnchen-3ya.de", "müller@beispiel.de", "a!#$%&*+/=?^`{|}~@example.com",
      ],
      invalid: [
        "plainaddress", "@example.com", "jane@", "jane@example", "jane..doe@example.com", ".jane@example.com",
        "jane.@example.com", "jane@-example.com", "jane@example-.com", "jane@example.c", "jane@example.123",
        "jane doe@example.com", "a@b@example.com", "\"jane doe\"@example.com", "jane@[192.0.2.1]",
        "jane@example..com",
      ])
  }

  @Test func phone() {
    Self.expectAll(
      PhoneDetector.matches,
      valid: [
        "+49 30 1234567", "+4930123456", "+1-212-555-0123", "+44 (0)20 7946 0958", "+33 6 12 34 56 78",
        "0049 30 1234567", "030 1234567", "0151-12345678", "(030) 123 45 67", "06 12 34 56 78", "030/1234567",
        "212-555-0123", "(212) 555-0123", "212.555.0123", "1-800-555-0199", "020 7946 0958",
      ],
      invalid: [
        "1234567", "0301234567", "12345678901", "1234.56", "-1234.56", "1,234,567", "1.234.567", "+0 30 1234567",
        "+49 30", "2024-01-15", "01.02.1990", "15/01/2024", "123-45-6789", "4111 1111 1111 1111", "112-555-0123",
        "212-155-0123", "12:30:45", "030--1234567", "030 1234567 ext 5", "0 1 2", "+49 30 1234567890123456",
      ])
  }

  /// ECBS / SWIFT registry example IBANs, printed and electronic forms.
  static let ecbsIBANs = [
    "DE89 3704 0044 0532 0130 00", "GB29 NWBK 6016 1331 9268 19", "FR14 2004 1010 0505 0001 3M02 606",
    "NL91 ABNA 0417 1643 00", "BE68 5390 0754 7034", "CH93 0076 2011 6238 5295 7", "AT61 1904 3002 3457 3201",
    "ES91 2100 0418 4502 0005 1332", "IT60 X054 2811 1010 0000 0123 456", "GR16 0110 1250 0000 0001 2300 695",
    "NO93 8601 1117 947", "PL61 1090 1014 0000 0712 1981 2874", "SE45 5000 0000 0583 9825 7466",
    "DK50 0040 0440 1162 43", "FI21 1234 5600 0007 85", "IE29 AIBK 9311 5212 3456 78",
    "PT50 0002 0123 1234 5678 9015 4", "LU28 0019 4006 4475 0000", "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
    "DE89370400440532013000", "de89370400440532013000",
  ]

  @Test func iban() {
    Self.expectAll(
      IBANDetector.matches, valid: Self.ecbsIBANs,
      invalid: [
        "DE88 3704 0044 0532 0130 00",  // check digits off by one
        "DE89 3704 0044 0532 0130 01",  // a digit of the account changed
        "GB29 NWBK 6016 1331 9268 1",  // one short for GB
        "DE89 3704 0044 0532 0130 000",  // one long for DE
        "XX89 3704 0044 0532 0130 00",  // no such country
        "DE89  3704 0044 0532 0130 00",  // double space
        "DE89-3704-0044-0532-0130-00", "DE8937040044053201300O", "1234567890123456",
      ])
  }

  /// Card schemes' published test numbers.
  static let testCards = [
    "4111111111111111", "4012888888881881", "4222222222222", "5555555555554444", "5105105105105100",
    "2223003122003222", "378282246310005", "371449635398431", "6011111111111117", "6011000990139424",
    "3530111333300000", "3566002020360505", "30569309025904", "38520000023237", "6200000000000005",
    "4111 1111 1111 1111", "4111-1111-1111-1111", "3782 822463 10005",
  ]

  @Test func paymentCard() {
    Self.expectAll(
      PaymentCardDetector.matches, valid: Self.testCards,
      invalid: [
        "4111111111111112",  // Luhn fails
        "5555555555554445", "378282246310006",
        "1234567812345670",  // Luhn passes, no issuer starts with 1
        "9111111111111119",  // Luhn passes, unknown prefix
        "41111111111111",  // Visa issues 13, 16 or 19 digits, not 14
        "411111111111",  // too short
        "4111  1111 1111 1111", "4111_1111_1111_1111", "4111111111111111.00", "-4111111111111111",
      ])
  }

  @Test func ipAddresses() {
    Self.expectAll(
      IPv4Detector.matches, valid: ["192.168.0.1", "10.0.0.255", "0.0.0.0", "255.255.255.255", "8.8.8.8"],
      invalid: ["256.1.1.1", "192.168.0", "192.168.0.1.5", "192.168.01.1", "1234.5.6.7", "1.2.3.", ".1.2.3", "1..2.3", "a.b.c.d"])
    Self.expectAll(
      IPv6Detector.matches,
      valid: [
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:db8:85a3::8a2e:370:7334", "::1", "::", "fe80::",
        "::ffff:192.0.2.128", "2001:db8::192.0.2.33", "1:2:3:4:5:6:7:8", "1::8", "FE80::0202:B3FF:FE1E:8329",
      ],
      invalid: [
        "12:30", "12:30:45", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "2001:db8::85a3::7334", "2001:db8:85a3:0:0:8a2e:370g:7334",
        "12345::1", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "::ffff:999.0.2.128", "1:2:3:4:5:6:7:1.2.3.4",
      ])
  }

  @Test func birthDates() {
    Self.expectAll(
      BirthDateDetector.matches,
      valid: ["1985-07-23", "1985/07/23", "23.07.1985", "23/07/1985", "07/23/1985", "1-2-1960", "29.02.2000", "1900-01-01"],
      invalid: [
        "1899-12-31", "2031-01-01", "29.02.1999", "31.04.1985", "1985-13-01", "1985-00-10", "23.07.85", "1985-07-23T00:00:00",
        "19850723", "23-07/1985", "2024-1", "12.345.678",
      ])
  }

  @Test func nationalIdentifiers() {
    Self.expectAll(
      USSSNDetector.matches, valid: ["536-22-8726", "001-01-0001", "772 12 3456"],
      invalid: [
        "000-12-3456", "666-12-3456", "900-12-3456", "123-00-4567", "123-45-0000", "078-05-1120", "219-09-9999",
        "123-45-6789", "536228726", "536-22 8726", "53-622-8726",
      ])
    Self.expectAll(
      GermanTaxIDDetector.matches, valid: ["86095742719", "47036892816", "65929970489", "57549285017", "25768131411", "86 095 742 719"],
      invalid: [
        "86095742718",  // check digit
        "12345678903",  // check digit right, but no digit repeats in the first ten
        "06095742719",  // leading zero
        "11111111116", "860957427190", "8609574271",
      ])
    Self.expectAll(
      UKNINODetector.matches, valid: ["AB123456C", "AB 12 34 56 C", "ab123456d", "JG103759A"],
      invalid: ["QQ123456C", "DA123456C", "AO123456C", "GB123456A", "ZZ123456A", "AB123456E", "AB12345C", "AB1234567C", "A1123456C"])
    Self.expectAll(
      DutchBSNDetector.matches, valid: ["111222333", "123456782", "1112.22.333", "11122237"],
      invalid: ["111222334", "123456789", "000000000", "11122233", "1234567", "1234567890", "111-222-333", "1112.2223"])
  }

  /// Each detector's matches land on its own kind in the tally.
  @Test func tallyCountsEachKind() {
    let examples: [(String, PIIKind)] = [
      ("jane.doe@example.com", .email), ("DE89 3704 0044 0532 0130 00", .iban), ("4111 1111 1111 1111", .paymentCard),
      ("192.168.0.1", .ipAddress), ("2001:db8::1", .ipAddress), ("536-22-8726", .usSSN), ("AB 12 34 56 C", .ukNINO),
      ("86095742719", .germanTaxID), ("123456782", .dutchBSN), ("+49 30 1234567", .phone), ("1985-07-23", .dateOfBirth),
    ]
    for (value, kind) in examples {
      var tally = PIITally()
      var v = "  " + value + " "
      v.withUTF8 { tally.observe($0) }
      let matched = tally.result.matches.filter { $0.value > 0 }.map(\.key)
      #expect(matched == [kind], "\(value): \(matched)")
    }
    var tally = PIITally()
    for null in ["", "   ", "NA", "N/A", "NULL", "null"] {
      var v = null
      v.withUTF8 { tally.observe($0) }
    }
    tally.observeNull()
    #expect(tally.rows == 7 && tally.nonNull == 0)
  }

  // MARK: - Names, suggestions, the recipe wins

  @Test func columnNameHints() {
    let cases: [(String, [PIIKind])] = [
      ("email", [.email]), ("customerEmail", [.email]), ("E_Mail_Adresse", [.email]), ("email_address", [.email]),
      ("phone_number", [.phone]), ("Telefonnummer", [.phone]), ("mobileNo", [.phone]), ("telephone", [.phone]),
      ("tel", [.phone]), ("hotel", []), ("IBANNumber", [.iban]), ("iban", [.iban]), ("credit_card_number", [.paymentCard]),
      ("Kreditkartennummer", [.paymentCard]), ("ssn", [.usSSN]), ("social_security_number", [.usSSN]), ("dob", [.dateOfBirth]),
      ("dateOfBirth", [.dateOfBirth]), ("Geburtsdatum", [.dateOfBirth]), ("birth_date", [.dateOfBirth]),
      ("steuer_id", [.germanTaxID]), ("nino", [.ukNINO]), ("bsn", [.dutchBSN]), ("ip_address", [.ipAddress]),
      ("client_ip", [.ipAddress]), ("zipper", []), ("first_name", [.personName]), ("Nachname", [.personName]),
      ("customer_name", [.personName]), ("name", [.personName]), ("product_name", []), ("street_address", [.address]),
      ("Strasse", [.address]), ("PLZ", [.address]), ("postal_code", [.address]), ("amount", []), ("purpose", []),
      ("personal_status_and_sex", []), ("national_id", [.usSSN, .germanTaxID, .ukNINO, .dutchBSN]),
    ]
    for (name, kinds) in cases { #expect(PIINameHints.kinds(forColumn: name) == kinds, "\(name)") }
    #expect(PIINameHints.words("customerEmailAddress") == ["customer", "email", "address"])
    #expect(PIINameHints.words("IBANNumber") == ["iban", "number"])
    #expect(PIINameHints.words("date_of-birth 2") == ["date", "of", "birth", "2"])
  }

  static func tally(_ values: [String?]) -> PIITally {
    var tally = PIITally()
    tally.observe(TextColumn(values))
    return tally
  }

  @Test func suggestionThresholds() {
    // 8 of 10 phones: passes 0.8 without a hint.
    let phones = (0 ..< 8).map { "+49 30 123456\($0)" } + ["none", "unknown"]
    let s = PIISuggestion(column: "contact", tally: Self.tally(phones).result)
    #expect(s.kind == .phone && s.share == 0.8 && s.matching == 8 && s.nonNull == 10 && !s.nameHinted)
    #expect(s.sensitivity == .personal)
    // 6 of 10: not enough without a hint, enough with one.
    let some = Array(phones.prefix(6)) + ["none", "unknown", "x", "y"]
    #expect(!PIISuggestion(column: "contact", tally: Self.tally(some).result).isFlagged)
    let hinted = PIISuggestion(column: "phone", tally: Self.tally(some).result)
    #expect(hinted.isFlagged && hinted.kind == .phone && hinted.nameHinted && hinted.share == 0.6)
    // A hint alone does not flag a kind that has a value detector.
    let telephone = PIISuggestion(column: "telephone", tally: Self.tally(["none", "yes", nil]).result)
    #expect(!telephone.isFlagged && telephone.kind == .phone && telephone.share == 0 && telephone.nameHinted)
    // Dates need the name hint to be birth dates.
    let dates = ["1985-07-23", "1990-01-02", "1970-12-31"]
    #expect(!PIISuggestion(column: "booking_date", tally: Self.tally(dates).result).isFlagged)
    let dob = PIISuggestion(column: "Geburtsdatum", tally: Self.tally(dates).result)
    #expect(dob.kind == .dateOfBirth && dob.sensitivity == .personal && dob.share == 1)
    // Name-only kinds are suggested on the name.
    let name = PIISuggestion(column: "last_name", tally: Self.tally(["Doe", "Roe"]).result)
    #expect(name.kind == .personName && name.share == nil && name.isFlagged && name.nameHinted)
    // Nothing at all.
    let none = PIISuggestion(column: "amount", tally: Self.tally(["1.5", "2"]).result)
    #expect(none.kind == nil && !none.isFlagged)
    let empty = PIISuggestion(column: "email", tally: Self.tally([nil, ""]).result)
    #expect(!empty.isFlagged)
  }

  @Test func recipeDeclarationWins() {
    let ibans = PIISuggestion(column: "account", tally: Self.tally(Self.ecbsIBANs).result)
    #expect(ibans.kind == .iban && ibans.sensitivity == .financial)
    let undeclared = ibans.decide(declared: .init())
    #expect(undeclared == .init(sensitive: true, classification: "personal-financial", source: .detected, overridesDetection: false))
    let declaredPublic = ibans.decide(declared: .init(sensitive: false, classification: "public-test-data"))
    #expect(declaredPublic == .init(sensitive: false, classification: "public-test-data", source: .recipe, overridesDetection: true))
    let declaredOwn = ibans.decide(declared: .init(sensitive: true, classification: "restricted"))
    #expect(declaredOwn == .init(sensitive: true, classification: "restricted", source: .recipe, overridesDetection: false))
    let plain = PIISuggestion(column: "amount", tally: Self.tally(["1"]).result)
    #expect(plain.decide(declared: .init()) == .init(sensitive: false, classification: nil, source: .none, overridesDetection: false))
    #expect(plain.decide(declared: .init(sensitive: true)).sensitive)
    #expect(PIISuggestion.Declared(nil) == .init())
  }

  // MARK: - Merge law

  static func mixedValues(_ n: Int, seed: UInt64) -> [String?] {
    var rng = SplitMix64(seed: seed)
    let pool: [String?] = [
      nil, "", "NA", "jane.doe@example.com", "bad@", "DE89 3704 0044 0532 0130 00", "DE88 3704 0044 0532 0130 00",
      "4111111111111111", "4111111111111112", "192.168.0.1", "::1", "536-22-8726", "AB123456C", "86095742719",
      "123456782", "+49 30 1234567", "030 1234567", "1985-07-23", "2024-01-15", "1234.56", "hello world",
    ]
    return (0 ..< n).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
  }

  @Test(arguments: [0, 1, 37, 500, 999, 1000])
  func tallyMergeLaw(split: Int) {
    let values = Self.mixedValues(1000, seed: 5)
    let sequential = Self.tally(values)
    var a = Self.tally(Array(values[..<split]))
    let b = Self.tally(Array(values[split...]))
    a.merge(b)
    #expect(a == sequential)
    #expect(a.result == sequential.result)
    var empty = PIITally()
    empty.merge(sequential)
    #expect(empty == sequential)
    #expect(sequential.rows == 1000 && sequential.result.matches.values.allSatisfy { $0 > 0 })
  }

  // MARK: - Planted PII in a generated file

  static func digits(_ n: Int, _ rng: inout SplitMix64) -> String {
    String((0 ..< n).map { _ in Character(String(rng.next() % 10)) })
  }

  /// A valid IBAN for `country` and `bban`: the check digits make the MOD 97-10 remainder 1.
  static func iban(_ country: String, _ bban: String) -> String {
    var remainder = 0
    for c in (bban + country + "00").unicodeScalars {
      if c.properties.numericType != nil {
        remainder = (remainder * 10 + Int(c.value - 48)) % 97
      } else {
        remainder = (remainder * 100 + Int(c.value - 65 + 10)) % 97
      }
    }
    let check = 98 - remainder
    return country + (check < 10 ? "0" : "") + String(check) + bban
  }

  /// A card number of `length` digits starting with `prefix`, with a valid Luhn digit.
  static func card(_ prefix: String, length: Int, _ rng: inout SplitMix64) -> String {
    let payload = prefix + digits(length - prefix.count - 1, &rng)
    var sum = 0
    for (k, c) in payload.reversed().enumerated() {
      var d = Int(String(c))!
      if k % 2 == 0 {
        d *= 2
        if d > 9 { d -= 9 }
      }
      sum += d
    }
    return payload + String((10 - sum % 10) % 10)
  }

  static func grouped(_ s: String, by size: Int) -> String {
    var out = ""
    for (k, c) in s.enumerated() {
      if k > 0 && k % size == 0 { out += " " }
      out.append(c)
    }
    return out
  }

  /// 12,000 rows: planted e-mails (in a column whose name says nothing), IBANs, card numbers,
  /// phone numbers and IP addresses, 95 % of each column (the rest empty or junk), among noise:
  /// ids, 9-digit references, amounts, booking dates, free text.
  static func generatedCSV(rows: Int) -> (text: String, planted: [String: Int]) {
    var rng = SplitMix64(seed: 2026)
    let names = ["anna", "ben", "clara", "david", "eva", "felix", "greta", "hans", "ines", "jonas"]
    let domains = ["example.com", "beispiel.de", "mail.example.org", "firma-gmbh.de"]
    let words = ["order", "shipped", "to", "warehouse", "late", "delivery", "customer", "called", "ok", "refund", "pending"]
    var lines = ["id,reference,amount,booking_date,comment,contact,account,card_number,phone,client_ip"]
    lines.reserveCapacity(rows + 1)
    var counts: [String: Int] = [:]
    func planted(_ column: String, _ make: (inout SplitMix64) -> String, _ rng: inout SplitMix64) -> String {
      switch rng.next() % 100 {
      case 0 ..< 3: return ""
      case 3 ..< 5: return ["unknown", "n/a", "-", "tbd"][Int(rng.next() % 4)]
      default:
        counts[column, default: 0] += 1
        return make(&rng)
      }
    }
    for i in 0 ..< rows {
      let id = String(100_000 + i)
      let reference = String(100_000_000 + Int(rng.next() % 900_000_000))
      let amount = (rng.next() % 5 == 0 ? "-" : "") + String(rng.next() % 100_000) + "." + digits(2, &rng)
      let month = 1 + rng.next() % 12
      let day = 1 + rng.next() % 28
      let date = "20\(20 + rng.next() % 5)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
      let comment = (0 ..< (2 + Int(rng.next() % 6))).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
        + (rng.next() % 3 == 0 ? " #\(rng.next() % 100_000)" : "")
      let contact = planted("contact", { rng in
        "\(names[Int(rng.next() % 10)]).\(names[Int(rng.next() % 10)])\(rng.next() % 1000)@\(domains[Int(rng.next() % 4)])"
      }, &rng)
      let account = planted("account", { rng in
        let number = rng.next() % 2 == 0 ? Self.iban("DE", digits(18, &rng)) : Self.iban("GB", "NWBK" + digits(14, &rng))
        return rng.next() % 2 == 0 ? grouped(number, by: 4) : number
      }, &rng)
      let cardNumber = planted("card_number", { rng in
        let (prefix, length) = [("4", 16), ("51", 16), ("2221", 16), ("37", 15), ("6011", 16)][Int(rng.next() % 5)]
        let number = Self.card(prefix, length: length, &rng)
        return rng.next() % 3 == 0 && length == 16 ? grouped(number, by: 4) : number
      }, &rng)
      let phone = planted("phone", { rng in
        switch rng.next() % 5 {
        case 0: "+49 30 \(digits(7, &rng))"
        case 1: "+44 20 7946 \(digits(4, &rng))"
        case 2: "030 \(digits(7, &rng))"
        case 3: "0151-\(digits(8, &rng))"
        default: "(212) 555-\(digits(4, &rng))"
        }
      }, &rng)
      let ip = planted("client_ip", { rng in
        rng.next() % 4 == 0
          ? "2001:db8::\(String(rng.next() % 65536, radix: 16))"
          : "10.\(rng.next() % 256).\(rng.next() % 256).\(1 + rng.next() % 254)"
      }, &rng)
      lines.append([id, reference, amount, date, comment, contact, account, cardNumber, phone, ip].joined(separator: ","))
    }
    return (lines.joined(separator: "\n") + "\n", counts)
  }

  /// Reads a file with the project's reader and tallies every column.
  static func tallies(_ path: String) throws -> [(String, PIITally)] {
    let opened = try Source.openCSV(path: path, batchSize: 4096)
    let names = opened.reader.schema.names
    var tallies = names.map { _ in PIITally() }
    while let result = try opened.reader.next() {
      for (k, column) in result.batch.columns.enumerated() {
        guard case .text(let text) = column else {
          Issue.record("column \(names[k]) is not text")
          continue
        }
        tallies[k].observe(text)
      }
    }
    return Array(zip(names, tallies))
  }

  @Test func plantedPIIIsFoundAndNoiseIsNot() throws {
    let folder = try TemporaryFolder()
    let rows = 12_000
    let generated = Self.generatedCSV(rows: rows)
    let file = try folder.write("planted.csv", generated.text)
    let suggestions = try Self.tallies(file.path).map { PIISuggestion(column: $0.0, tally: $0.1.result) }
    let expected: [String: PIIKind] = [
      "contact": .email, "account": .iban, "card_number": .paymentCard, "phone": .phone, "client_ip": .ipAddress,
    ]
    for s in suggestions {
      print("PII planted: \(s.column) kind=\(s.kind?.rawValue ?? "-") share=\(s.share.map { String(format: "%.4f", $0) } ?? "-") matching=\(s.matching)/\(s.nonNull) flagged=\(s.isFlagged)")
      #expect(s.nonNull > 0 && s.nonNull <= rows)
      if let kind = expected[s.column] {
        #expect(s.kind == kind && s.isFlagged, "\(s.column) should be \(kind): \(s)")
        #expect((s.share ?? 0) >= PIISuggestion.Thresholds.standard.valueShare)
        // Every planted value is found, and nothing else in the column (junk, 2 % of rows) is.
        #expect(s.matching == generated.planted[s.column], "\(s.column): \(s.matching) of \(generated.planted[s.column] ?? 0)")
      } else {
        #expect(!s.isFlagged, "noise column \(s.column) flagged: \(s)")
      }
    }
    #expect(Set(suggestions.map(\.column)) == Set(["id", "reference", "amount", "booking_date", "comment"]).union(expected.keys))
    // Noise that could be mistaken: 9-digit references pass the BSN 11-test about 1 in 11 times;
    // booking dates are dates, but no name says birth.
    let reference = try #require(suggestions.first { $0.column == "reference" })
    #expect(reference.kind == .dutchBSN && (reference.share ?? 1) < 0.12)
  }

  // MARK: - German credit: no PII

  @Test func germanCreditHasNoPII() throws {
    let tallies = try Self.tallies(TestPaths.decodedCSV.path)
    #expect(tallies.count == 21)
    for (name, tally) in tallies {
      let s = PIISuggestion(column: name, tally: tally.result)
      let anyMatch = tally.result.matches.filter { $0.value > 0 }
      if !anyMatch.isEmpty || !s.nameHints.isEmpty {
        print("PII german-credit: \(name) hints=\(s.nameHints.map(\.rawValue)) matches=\(anyMatch.map { "\($0.key.rawValue)=\($0.value)" })")
      }
      #expect(tally.rows == 1000)
      #expect(!s.isFlagged, "\(name) flagged: \(s)")
      #expect(s.decide(declared: .init()).sensitive == false)
    }
    let telephone = try #require(tallies.first { $0.0 == "telephone" })
    let s = PIISuggestion(column: telephone.0, tally: telephone.1.result)
    #expect(s.nameHints == [.phone] && s.share == 0 && !s.isFlagged)
  }
}
