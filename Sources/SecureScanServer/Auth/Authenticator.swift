import Foundation
import HTTPTypes
import Hummingbird
import SecureScanCore
import SecureScanStore
import Synchronization

/// Finds the caller of a request: `X-API-Key` (which wins) or `Authorization: Bearer`, checked against
/// `SECURESCAN_API_KEY` (in constant time) and the database's keys (salted hashes). There is no
/// anonymous mode: a request without a valid key gets 401, whatever the server's configuration.
final class Authenticator: Sendable {
    let store: Store
    let environmentKey: String?
    let readOnly: Bool
    let now: @Sendable () -> Date
    /// When each key's `last_used_at` was last written: at most once a minute, so reads stay reads.
    private let touched = Mutex<[String: Date]>([:])

    init(store: Store, environmentKey: String?, readOnly: Bool, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.environmentKey = environmentKey.flatMap { $0.trimmingSpaces.isEmpty ? nil : $0.trimmingSpaces }
        self.readOnly = readOnly
        self.now = now
    }

    static let apiKeyHeader = HTTPField.Name("X-API-Key")!

    /// The key a request presents, if any.
    static func presentedKey(_ request: Request) -> String? {
        if let key = request.headers[apiKeyHeader]?.trimmingSpaces, !key.isEmpty { return key }
        if let authorization = request.headers[.authorization]?.trimmingSpaces {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let key = String(parts[1]).trimmingSpaces
                if !key.isEmpty { return key }
            }
        }
        return nil
    }

    /// The caller, or a 401 saying what is wrong.
    func authenticate(_ request: Request) throws -> Principal {
        guard let presented = Self.presentedKey(request) else {
            let hint = hasCredentials ? "" : " (no API key exists yet: create one with `securescan keys create --name NAME --scope admin`)"
            throw ServerError.unauthorized("X-API-Key header required" + hint)
        }
        return try principal(forKey: presented)
    }

    /// The principal a presented key stands for.
    func principal(forKey presented: String) throws -> Principal {
        if let environmentKey, ConstantTime.equal(presented, environmentKey) { return .environment }
        guard let token = APIKeyToken(parsing: presented), let record = try? store.key(matching: token) else {
            throw ServerError.unauthorized("Invalid API key")
        }
        let time = Self.timestamp(now())
        if record.revokedAt != nil { throw ServerError.unauthorized("API key \(record.id) has been revoked") }
        if !record.isActive(at: time) { throw ServerError.unauthorized("API key \(record.id) expired at \(record.expiresAt ?? "?")") }
        touch(record.id)
        return Principal(id: record.id, name: record.name, scopes: record.scopes, source: .database)
    }

    /// The principal bound into an event token, if it may still read.
    func principal(forKeyID id: String) throws -> Principal {
        if id == Principal.environment.id {
            guard environmentKey != nil else { throw ServerError.unauthorized("Env-var key no longer configured") }
            return .environment
        }
        guard let record = try? store.key(id: id), record.isActive(at: Self.timestamp(now())) else {
            throw ServerError.unauthorized("Bound key is revoked or missing")
        }
        return Principal(id: record.id, name: record.name, scopes: record.scopes, source: .database)
    }

    /// Whether anything can authenticate at all.
    var hasCredentials: Bool {
        environmentKey != nil || ((try? store.hasActiveKeys(at: Self.timestamp(now()))) ?? false)
    }

    private func touch(_ id: String) {
        guard !readOnly else { return }
        let time = now()
        let due = touched.withLock { last -> Bool in
            if let previous = last[id], time.timeIntervalSince(previous) < 60 { return false }
            last[id] = time
            return true
        }
        if due { try? store.touchKey(id: id, at: Self.timestamp(time)) }
    }

    static func timestamp(_ date: Date) -> String { ServerTime.timestamp(date) }
}
