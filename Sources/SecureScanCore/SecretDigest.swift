import Crypto

/// The only form in which a secret's value outlives the scanner that found it.
public enum SecretDigest {
    /// A domain-separated SHA-256 of the value: equal secrets give equal digests, and the digest
    /// is only ever hashed again into a fingerprint, never stored on its own.
    public static func of(_ value: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("securescan/secret-value/v1\u{0}".utf8))
        hasher.update(data: Array(value))
        return hasher.finalize().hexString
    }
}
