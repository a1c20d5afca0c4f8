/// The kinds of personal data the PII detectors recognise.
///
/// Most kinds have a value detector (a function on a value's bytes); `personName` and `address`
/// are recognised from the column name only: no byte rule tells a name or a street from other text.
public enum PIIKind: String, Sendable, CaseIterable, Hashable, Comparable {
  case email
  case phone
  case iban
  case paymentCard = "payment_card"
  case ipAddress = "ip_address"
  case dateOfBirth = "date_of_birth"
  case usSSN = "us_ssn"
  case germanTaxID = "de_tax_id"
  case ukNINO = "uk_nino"
  case dutchBSN = "nl_bsn"
  case personName = "person_name"
  case address

  /// The kinds with a value detector, in the order `PIITally` counts them. A column whose values
  /// match several kinds equally well is reported as the earliest of them.
  public static let valueKinds: [PIIKind] = [
    .email, .iban, .paymentCard, .ipAddress, .usSSN, .ukNINO, .germanTaxID, .dutchBSN, .phone, .dateOfBirth,
  ]

  /// Index into `PIITally`'s counts, or nil for a kind recognised by name only.
  public var valueIndex: Int? { PIIKind.valueKinds.firstIndex(of: self) }

  public var hasValueDetector: Bool { valueIndex != nil }

  /// The sensitivity suggested for a column of this kind.
  public var sensitivity: PIISensitivity {
    switch self {
    case .email, .phone, .ipAddress, .dateOfBirth, .personName, .address: .personal
    case .iban, .paymentCard: .financial
    case .usSSN, .germanTaxID, .ukNINO, .dutchBSN: .nationalIdentifier
    }
  }

  public static func < (a: PIIKind, b: PIIKind) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// The classification suggested for a column that holds personal data. A suggestion always also
/// means `sensitive: true`; the raw value is what the manifest carries as the column's classification.
public enum PIISensitivity: String, Sendable, Hashable {
  /// Data about a person: contact details, network addresses, birth dates, names, addresses.
  case personal
  /// Personal financial data: bank accounts (IBAN) and payment cards (PCI DSS scope).
  case financial = "personal-financial"
  /// Government-issued identifiers of a person.
  case nationalIdentifier = "personal-national-id"
}
