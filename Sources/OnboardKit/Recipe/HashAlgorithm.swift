import Crypto
import Foundation

/// DataBrew's `CRYPTOGRAPHIC_HASH` algorithms, computed by swift-crypto (BoringSSL), never by hand.
///
/// Digests are written in standard base64 with padding (RFC 4648 §4): DataBrew's action page does
/// not say which encoding it writes, and AWS Glue's `CryptographicHash` transform, the same PII
/// action outside DataBrew, shows base64 in its documented output.
enum HashAlgorithm: String, CaseIterable, Sendable {
  case md5 = "MD5"
  case sha1 = "SHA1"
  case sha256 = "SHA256"
  case sha512 = "SHA512"
  case hmacMD5 = "HMAC_MD5"
  case hmacSHA1 = "HMAC_SHA1"
  case hmacSHA256 = "HMAC_SHA256"
  case hmacSHA512 = "HMAC_SHA512"

  /// DataBrew's default when a recipe names none.
  static let databrewDefault = HashAlgorithm.hmacSHA256

  var isKeyed: Bool { rawValue.hasPrefix("HMAC_") }

  /// A function from a value's bytes to its digest; keyed algorithms take `key` (set up once, so
  /// the HMAC pads are derived once per batch, not once per value).
  func hasher(key: HashKey?) -> (UnsafeBufferPointer<UInt8>) -> [UInt8] {
    switch self {
    case .md5: Self.plain(Insecure.MD5.self)
    case .sha1: Self.plain(Insecure.SHA1.self)
    case .sha256: Self.plain(SHA256.self)
    case .sha512: Self.plain(SHA512.self)
    case .hmacMD5: Self.keyed(Insecure.MD5.self, key)
    case .hmacSHA1: Self.keyed(Insecure.SHA1.self, key)
    case .hmacSHA256: Self.keyed(SHA256.self, key)
    case .hmacSHA512: Self.keyed(SHA512.self, key)
    }
  }

  /// The digest of `bytes`, for tests and one-off use.
  func digest(_ bytes: [UInt8], key: HashKey? = nil) -> [UInt8] {
    bytes.withUnsafeBufferPointer { hasher(key: key)($0) }
  }

  private static func plain<H: HashFunction>(_: H.Type) -> (UnsafeBufferPointer<UInt8>) -> [UInt8] {
    { Array(H.hash(data: $0)) }
  }

  private static func keyed<H: HashFunction>(_: H.Type, _ key: HashKey?) -> (UnsafeBufferPointer<UInt8>) -> [UInt8] {
    // The step resolves the key at plan time; a keyed hasher without one is a programming error.
    guard let key else { preconditionFailure("an HMAC needs a key") }
    let prepared = HMAC<H>(key: key.key)
    return { bytes in
      var mac = prepared
      mac.update(data: bytes)
      return Array(mac.finalize())
    }
  }
}

/// An HMAC key. Its bytes never appear in a description, a debug print or a mirror, so a step
/// printed for debugging cannot leak it.
struct HashKey: @unchecked Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  // `SymmetricKey` is immutable once made (its storage is never written after init), so sharing
  // it across threads is safe; swift-crypto 3 just does not declare it Sendable.
  let key: SymmetricKey

  init(_ bytes: [UInt8]) { key = SymmetricKey(data: bytes) }

  var byteCount: Int { key.bitCount / 8 }
  var description: String { "HashKey(\(byteCount) bytes, redacted)" }
  var debugDescription: String { description }
  var customMirror: Mirror { Mirror(self, children: [:]) }
}
