import SecureScanCore

/// A database API key as listings show it: never the secret, never the hash.
public struct APIKeyRecord: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The first 16 characters of the plaintext (`ssk_<id>_` and one more).
    public var prefix: String
    public var scopes: [APIScope]
    public var createdAt: String
    /// The key id (or `env`, `cli`) that created it.
    public var createdBy: String?
    public var expiresAt: String?
    public var lastUsedAt: String?
    public var revokedAt: String?

    /// Usable at `time`: not revoked and not expired.
    public func isActive(at time: String) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > time } ?? true)
    }
}
