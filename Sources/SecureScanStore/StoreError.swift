/// Errors of the store. The description is the message a user reads.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case migrationFailed(path: String, reason: String)
    case schemaOutOfDate(path: String)
    case writeFailed(reason: String)
    case readFailed(reason: String)
    case unknownRun(id: String)
    case unknownTarget(name: String)
    case updateFailed(reason: String)
    case unknownScan(id: String)
    case scanActive(id: String, status: String)
    case scanNoLongerRunning(id: String)
    case unknownKey(id: String)
    case lastAdminKey(id: String)
    case unknownFingerprint(String)
    case unknownComment(id: String)
    case unknownNotification(id: String)
    case unknownWebhook(id: String)
    case unknownBatch(id: String)
    /// A `postgres://` URL that cannot be used: what is wrong with it (never its password).
    case invalidDatabaseURL(String)
    /// The PostgreSQL server cannot be reached or refused the login: the server (never the password) and why.
    case serverUnreachable(server: String, reason: String)
    /// The database was migrated by a newer version: the migrations this one does not know, and its last.
    case newerSchema(server: String, applied: [String], known: String)
    /// `db migrate-store` refuses a destination that already holds rows: the store and one such table.
    case destinationNotEmpty(store: String, table: String, rows: Int)
    /// A copy whose destination does not hold what was read from the source (rolled back).
    case copyMismatch(table: String, source: Int, destination: Int)
    /// A batch target's claim ran out and another process took it over (or finished it): this process's
    /// result for it is not stored.
    case batchClaimLost(batchID: String, target: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open database \(path): \(reason)"
        case .migrationFailed(let path, let reason): "cannot upgrade database \(path): \(reason)"
        case .schemaOutOfDate(let path): "database \(path) was written by an older version; open it once with `securescan scan` to upgrade"
        case .writeFailed(let reason): "cannot save the run: \(reason) (nothing was written)"
        case .readFailed(let reason): "cannot read the database: \(reason)"
        case .unknownRun(let id): "no run with id \(id)"
        case .unknownTarget(let name): "no target named \(name)"
        case .updateFailed(let reason): "cannot write to the database: \(reason) (nothing was changed)"
        case .unknownScan(let id): "Scan not found: \(id)"
        case .scanActive(let id, let status): "Cannot delete scan \(id) in '\(status)' state; cancel it first"
        case .scanNoLongerRunning(let id): "scan \(id) was cancelled or finished elsewhere; its results were not saved"
        case .unknownKey(let id): "Key not found: \(id)"
        case .lastAdminKey(let id): "Cannot revoke \(id): it is the last active admin key. Create another admin key first (or set SECURESCAN_API_KEY)"
        case .unknownFingerprint(let fingerprint): "no stored finding has the fingerprint \(fingerprint)"
        case .unknownComment(let id): "Comment not found: \(id)"
        case .unknownNotification(let id): "Notification not found: \(id)"
        case .unknownWebhook(let id): "Webhook not found: \(id)"
        case .unknownBatch(let id): "no batch with id \(id)"
        case .invalidDatabaseURL(let message): "invalid database URL: \(message)"
        case .serverUnreachable(let server, let reason): "cannot reach the PostgreSQL store \(server): \(reason)"
        case .newerSchema(let server, let applied, let known):
            "the store \(server) was migrated by a newer SecureScan (it has \(applied.map { "'\($0)'" }.joined(separator: ", ")); "
                + "this version knows migrations up to '\(known)'): upgrade securescan"
        case .destinationNotEmpty(let store, let table, let rows):
            "the store \(store) is not empty (\(table) has \(rows) row\(rows == 1 ? "" : "s")); copy into a new, empty database"
        case .batchClaimLost(let batchID, let target):
            "batch \(batchID): another process took over target \(target) after this one's claim ran out; its result here was not stored"
        case .copyMismatch(let table, let source, let destination):
            "the copy of \(table) has \(destination) rows where the source has \(source); nothing was written"
        }
    }
}
