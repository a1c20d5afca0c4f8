/// Which kinds of personal data a column's name hints at, in English and German.
///
/// The name is split into lower-case words at non-alphanumeric characters and at camelCase
/// boundaries (`customerEmail`, `IBANNumber`, `date_of_birth`, `Geburts-Datum`). A kind is hinted
/// when a word is one of its short `words` (`tel`, `dob`, `ssn`, `ip`: whole words only, so `hotel`
/// or `zipper` do not hint), or when the words run together contain one of its longer `stems`
/// (`phone` in `telephone`, `birth` in `dateOfBirth`, `geburt` in `geburtsdatum`, `strasse`).
/// Names are edge values: this builds Strings freely.
public enum PIINameHints {
  struct Rule: Sendable {
    var kinds: [PIIKind]
    var words: Set<String>
    var stems: [String]
  }

  static let nationalIDs: [PIIKind] = [.usSSN, .germanTaxID, .ukNINO, .dutchBSN]

  static let rules: [Rule] = [
    Rule(kinds: [.email], words: ["mail"], stems: ["email"]),
    Rule(
      kinds: [.phone], words: ["tel", "mobile", "mobil", "cell", "fax", "handy", "msisdn", "mob"],
      stems: ["phone", "telefon", "mobilnummer", "handynummer", "faxnummer", "rufnummer", "cellnumber"]),
    Rule(kinds: [.iban], words: ["iban"], stems: ["ibannumber", "ibannummer"]),
    Rule(
      kinds: [.paymentCard], words: ["pan", "cc", "ccnumber", "ccnum"],
      stems: ["creditcard", "debitcard", "paymentcard", "cardnumber", "cardno", "kreditkarte", "kartennummer"]),
    Rule(kinds: [.ipAddress], words: ["ip", "ipv4", "ipv6"], stems: ["ipaddress", "ipadresse", "ipaddr"]),
    Rule(kinds: [.dateOfBirth], words: ["dob", "bday", "geb"], stems: ["birth", "geburt"]),
    Rule(kinds: [.usSSN], words: ["ssn"], stems: ["socialsecurity"]),
    Rule(kinds: [.germanTaxID], words: ["idnr", "tin"], stems: ["steuerid", "steueridentifikation", "taxid"]),
    Rule(kinds: [.ukNINO], words: ["nino"], stems: ["nationalinsurance"]),
    Rule(kinds: [.dutchBSN], words: ["bsn"], stems: ["burgerservicenummer", "sofinummer"]),
    Rule(kinds: nationalIDs, words: [], stems: ["nationalid", "personalausweis", "ausweisnummer"]),
    Rule(
      kinds: [.personName], words: ["firstname", "lastname", "surname", "forename", "fullname", "vorname", "nachname"],
      stems: ["firstname", "lastname", "surname", "givenname", "fullname", "middlename", "vorname", "nachname", "familienname", "maidenname"]),
    Rule(
      kinds: [.address], words: ["addr", "zip", "plz", "street"],
      stems: ["address", "adresse", "anschrift", "street", "strasse", "straße", "postcode", "postalcode", "zipcode", "postleitzahl", "hausnummer", "wohnort"]),
  ]

  /// Words that make a plain `name` a person's name (`customer_name`, `Kundenname` aside, which
  /// the stems do not cover: `name` alone is too common, as in `product_name`).
  static let personQualifiers: Set<String> = [
    "customer", "client", "person", "contact", "user", "employee", "patient", "member", "holder", "owner",
    "account", "kunde", "kunden", "mitarbeiter", "inhaber", "full", "first", "last", "given", "family",
  ]

  /// The kinds the column name hints at, sorted.
  public static func kinds(forColumn name: String) -> [PIIKind] {
    let words = self.words(name)
    let joined = words.joined()
    var found = Set<PIIKind>()
    for rule in rules where words.contains(where: rule.words.contains) || rule.stems.contains(where: { joined.contains($0) }) {
      found.formUnion(rule.kinds)
    }
    if words.contains("name") && (words.count == 1 || words.contains(where: personQualifiers.contains)) {
      found.insert(.personName)
    }
    // `email_address`, `ip_address`: the address is the e-mail's or the host's, not a street.
    if found.contains(.email) || found.contains(.ipAddress) { found.remove(.address) }
    return found.sorted()
  }

  /// The name split into lower-case words at non-alphanumerics and camelCase boundaries.
  public static func words(_ name: String) -> [String] {
    var words: [String] = []
    var current: [Character] = []
    let chars = Array(name)
    func flush() {
      if !current.isEmpty { words.append(String(current).lowercased()) }
      current = []
    }
    for (k, c) in chars.enumerated() {
      guard c.isLetter || c.isNumber else {
        flush()
        continue
      }
      if let last = current.last, c.isUppercase {
        // `customerEmail` → customer|Email; `IBANNumber` → IBAN|Number.
        let nextIsLower = k + 1 < chars.count && chars[k + 1].isLowercase
        if last.isLowercase || last.isNumber || (last.isUppercase && nextIsLower) { flush() }
      }
      current.append(c)
    }
    flush()
    return words
  }
}
