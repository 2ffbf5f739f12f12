import SecureScanCore

/// API keys: created with their plaintext shown once, stored as salted hashes, revoked by timestamp.
extension Store {
    static func key(row: SQLRow) -> APIKeyRecord {
        APIKeyRecord(
            id: row["id"], name: row["name"], prefix: row["prefix"],
            scopes: JSONColumn.decode([String].self, row["scopes"], default: []).compactMap(APIScope.init(rawValue:)),
            createdAt: row["created_at"], createdBy: row["created_by"], expiresAt: row["expires_at"],
            lastUsedAt: row["last_used_at"], revokedAt: row["revoked_at"])
    }

    /// Creates a key; the returned token's plaintext is shown once and never stored.
    public func createKey(name: String, scopes: [APIScope], expiresAt: String?, createdBy: String?, at time: String) throws(StoreError) -> (APIKeyRecord, APIKeyToken) {
        try write { db in
            // A 48-bit random id collides essentially never; the loop only guards the impossible case.
            for _ in 0..<5 {
                let token = APIKeyToken.generate()
                guard try db.value(Int.self, "SELECT 1 FROM api_keys WHERE id = ?", [token.id]) == nil else { continue }
                let sortedScopes = Array(Set(scopes)).sorted()
                try db.execute("""
                        INSERT INTO api_keys (id, name, key_hash, prefix, scopes, created_at, created_by, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, [token.id, name, token.hash(), token.displayPrefix, JSONColumn.encode(sortedScopes.map(\.rawValue)),
                                time, createdBy, expiresAt])
                let record = APIKeyRecord(id: token.id, name: name, prefix: token.displayPrefix, scopes: sortedScopes, createdAt: time,
                                          createdBy: createdBy, expiresAt: expiresAt)
                return (record, token)
            }
            throw StoreError.updateFailed(reason: "could not generate a unique key id; please retry")
        }
    }

    /// Every key, newest first, revoked ones included.
    public func keys() throws(StoreError) -> [APIKeyRecord] {
        try keyPage(limit: .max).map(\.key)
    }

    /// A page of keys, newest first, after the cursor `before` (a row position).
    public func keyPage(limit: Int, before: Int64? = nil) throws(StoreError) -> [(position: Int64, key: APIKeyRecord)] {
        try read { db in
            try db.rows("SELECT rowid AS position, * FROM api_keys WHERE (? IS NULL OR rowid < ?) ORDER BY rowid DESC LIMIT ?", [before, before, min(limit, Int(Int32.max))]).map { ($0["position"], Store.key(row: $0)) }
        }
    }

    public func key(id: String) throws(StoreError) -> APIKeyRecord {
        let found = try read { db in try db.row("SELECT * FROM api_keys WHERE id = ?", [id]).map(Store.key(row:)) }
        guard let found else { throw .unknownKey(id: id) }
        return found
    }

    /// The key a presented token belongs to, if its hash verifies (revoked and expired keys included:
    /// the caller says why they are refused).
    public func key(matching token: APIKeyToken) throws(StoreError) -> APIKeyRecord? {
        try read { db in
            guard let row = try db.row("SELECT * FROM api_keys WHERE id = ?", [token.id]),
                  token.verifies(row["key_hash"]) else { return nil }
            return Store.key(row: row)
        }
    }

    /// Whether any key could authenticate at `time`.
    public func hasActiveKeys(at time: String) throws(StoreError) -> Bool {
        try read { db in
            try db.value(Int.self, "SELECT 1 FROM api_keys WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?) LIMIT 1", [time]) != nil
        }
    }

    /// Notes a key's use (callers throttle this: it is a write).
    public func touchKey(id: String, at time: String) throws(StoreError) {
        try write { db in try db.execute("UPDATE api_keys SET last_used_at = ? WHERE id = ?", [time, id]) }
    }

    /// Revokes a key (idempotent). With `protectLastAdmin`, refuses to revoke the last active admin key.
    public func revokeKey(id: String, at time: String, protectLastAdmin: Bool) throws(StoreError) -> APIKeyRecord {
        try write { db in
            guard let row = try db.row("SELECT * FROM api_keys WHERE id = ?", [id]) else {
                throw StoreError.unknownKey(id: id)
            }
            var key = Store.key(row: row)
            guard key.revokedAt == nil else { return key }
            if protectLastAdmin, key.isActive(at: time), key.scopes.contains(.admin) {
                let others = try db.rows("SELECT * FROM api_keys WHERE id != ? AND revoked_at IS NULL", [id]
                ).map(Store.key(row:)).filter { $0.isActive(at: time) && $0.scopes.contains(.admin) }
                if others.isEmpty { throw StoreError.lastAdminKey(id: id) }
            }
            try db.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ?", [time, id])
            key.revokedAt = time
            return key
        }
    }
}
