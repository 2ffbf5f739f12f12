import Crypto

/// Secrets the server must be able to read back (webhook signing secrets) are stored sealed with
/// AES-256-GCM under a key kept outside the database, so a copy of the database (a backup, an
/// auditor's copy) does not carry them in clear.
public struct SecretSeal: Sendable {
    public static let keyLength = 32
    private static let scheme = "aesgcm1:"
    private let key: SymmetricKey

    /// nil unless `key` is 32 bytes.
    public init?(key: [UInt8]) {
        guard key.count == Self.keyLength else { return nil }
        self.key = SymmetricKey(data: key)
    }

    /// A new random key.
    public static func generateKey() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    /// `aesgcm1:<base64url(nonce ‖ ciphertext ‖ tag)>`.
    public func seal(_ plaintext: String) -> String {
        // AES-GCM sealing only fails for a wrong key size, which the initializer rules out.
        let box = try! AES.GCM.seal(Array(plaintext.utf8), using: key)
        return Self.scheme + Base64URL.encode(box.combined!)
    }

    /// The plaintext, or nil when `sealed` is not ours or was sealed under another key.
    public func open(_ sealed: String) -> String? {
        guard sealed.hasPrefix(Self.scheme), let bytes = Base64URL.decode(String(sealed.dropFirst(Self.scheme.count))),
              let box = try? AES.GCM.SealedBox(combined: bytes), let plain = try? AES.GCM.open(box, using: key) else { return nil }
        return String(decoding: plain, as: UTF8.self)
    }
}
