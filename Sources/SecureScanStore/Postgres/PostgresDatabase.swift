#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// A PostgreSQL store's server: a pool of connections (``PostgresPool``) and a schema brought to the
/// same named migrations as the SQLite store's.
///
/// postgres-nio's types never leave this module. Nothing is logged: a log line could carry a statement's
/// parameters, and the password must never reach one.
public final class PostgresDatabase: Sendable {
    public let location: PostgresLocation
    let pool: PostgresPool
    /// Announcements of stored scan events (``PostgresEventSignals``).
    let signals: PostgresEventSignals

    /// A logger that drops everything.
    static let silent = Logger(label: "securescan.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// How long a transaction that lost its connection (or lost a serialization race) waits before each
    /// new attempt: about 15 s in all, long enough for a server restart or a failover.
    static let retryDelays: [Double] = [0.1, 0.25, 0.5, 1, 2, 4, 7]

    private init(location: PostgresLocation, pool: PostgresPool) {
        self.location = location
        self.pool = pool
        signals = PostgresEventSignals(configuration: pool.configuration)
    }

    /// Connects and brings the schema up to date (once, however many processes start at the same time).
    /// - Throws: ``StoreError/serverUnreachable(server:reason:)`` when the server cannot be reached or refuses
    ///   the login (naming host, port and database, never the password); ``StoreError/newerSchema(server:applied:known:)``
    ///   when a newer SecureScan migrated the database.
    /// With `readOnly` (an auditor's server, a role that may only `SELECT`), nothing is created or migrated:
    /// the schema must already be this version's.
    public static func open(_ location: PostgresLocation, readOnly: Bool = false, maximumConnections: Int = 8) throws(StoreError) -> PostgresDatabase {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = PostgresConnection.Configuration(
                host: location.host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: try connectionTLS(location))
        } catch {
            throw .serverUnreachable(server: location.description, reason: describe(error))
        }
        let database = PostgresDatabase(location: location, pool: PostgresPool(configuration: configuration, maximumConnections: maximumConnections))
        // The first connection says at once why the server cannot be used (no retries: a user typing a
        // command needs to hear which server and why, not wait).
        do {
            try database.pool.withConnection { _ in }
        } catch {
            let problem = location.passwordFileProblem.map { " (\($0))" } ?? ""
            throw .serverUnreachable(server: location.description, reason: describe(error) + problem)
        }
        do {
            if readOnly { try database.checkSchema() } else { try database.migrate() }
        } catch {
            database.close()
            throw error
        }
        return database
    }

    /// Runs `body` in one transaction and commits it; anything `body` throws rolls it back. A read sees
    /// one snapshot (`REPEATABLE READ READ ONLY`). A lost connection, a server restarting or a
    /// serialization failure retries the whole transaction (``retryDelays``), so a run is stored whole
    /// or not at all; anything else is rethrown as is.
    func transaction<T>(readOnly: Bool, _ body: (any SQLConnection) throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try pool.withConnection { connection in
                    let session = PostgresSession(connection: connection)
                    try session.execute(readOnly ? "START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY" : "START TRANSACTION")
                    do {
                        let result = try body(session)
                        try session.execute("COMMIT")
                        return result
                    } catch {
                        if (try? session.execute("ROLLBACK")) == nil { _ = try? connection.close().wait() }
                        throw error
                    }
                }
            } catch where attempt < Self.retryDelays.count && Self.isTransient(error) {
                Thread.sleep(forTimeInterval: Self.retryDelays[attempt])
                attempt += 1
            }
        }
    }

    /// A failure worth retrying: the connection or the server went away, or the server asks for a retry
    /// (serialization failure, deadlock, shutting down, connection exceptions).
    ///
    /// A statement sent just after the server ended the session (its FATAL message has arrived, the
    /// channel is not closed yet) fails as "client closed the connection", the server's error underneath:
    /// postgres-nio closes the connection itself in answer. That is as transient as what caused it. With
    /// nothing underneath, the store closed the connection and no retry can help.
    static func isTransient(_ error: any Error) -> Bool {
        if let error = error as? PSQLError {
            switch error.code {
            case .serverClosedConnection, .connectionError, .uncleanShutdown: return true
            case .clientClosedConnection: return error.underlying.map(isTransient) ?? false
            case .server:
                let state = error.serverInfo?[.sqlState] ?? ""
                return ["40001", "40P01", "57P01", "57P02", "57P03"].contains(state) || state.hasPrefix("08")
            default: return false
            }
        }
        return error is NIOConnectionError || error is IOError || error is ChannelError || error is PostgresSession.ConnectionClosed
    }

    /// Reads the ledger without writing anything: it must list exactly this version's migrations.
    /// - Throws: ``StoreError/schemaOutOfDate(path:)`` for a database not yet created or migrated by this
    ///   version, ``StoreError/newerSchema(server:applied:known:)``, or the server's words when the role
    ///   may not read the ledger.
    func checkSchema() throws(StoreError) {
        let exists: Bool
        do {
            exists = try transaction(readOnly: true) { db in
                try db.value(String.self, "SELECT to_regclass(?)::text", [PostgresSchema.ledger]) != nil
            }
        } catch {
            throw .readFailed(reason: Self.describe(error))
        }
        guard exists else { throw .schemaOutOfDate(path: location.description) }
        let applied = try appliedMigrations()
        let known = PostgresSchema.migrations.map(\.name)
        let unknown = applied.filter { !known.contains($0) }
        guard unknown.isEmpty else { throw .newerSchema(server: location.description, applied: unknown, known: known.last ?? "") }
        guard applied == known else { throw .schemaOutOfDate(path: location.description) }
    }

    /// Closes the idle connections.
    public func close() {
        signals.close()
        pool.close()
    }

    /// The server's version (`SHOW server_version`).
    public func serverVersion() throws(StoreError) -> String {
        do {
            return try transaction(readOnly: true) { db in try db.value(String.self, "SHOW server_version") ?? "" }
        } catch {
            throw .readFailed(reason: Self.describe(error))
        }
    }

    /// The migrations the database has, in the order they were applied.
    public func appliedMigrations() throws(StoreError) -> [String] {
        do {
            return try transaction(readOnly: true) { db in
                try db.values(String.self, "SELECT identifier FROM \(PostgresSchema.ledger) ORDER BY position")
            }
        } catch {
            throw .readFailed(reason: Self.describe(error))
        }
    }

    /// Applies the migrations this version knows and the database lacks, in one transaction under an
    /// advisory lock; refuses a database that has migrations this version does not know. A current schema
    /// is only read, so a role that may change rows but not the schema (migrated by its owner with
    /// `securescan db check-store`) opens it.
    func migrate() throws(StoreError) {
        do {
            try checkSchema()
            return
        } catch .schemaOutOfDate, .readFailed {
            // Not there yet, behind, or unreadable: migrating says which.
        }
        let known = PostgresSchema.migrations
        let server = location.description
        do {
            try transaction(readOnly: false) { db in
                try db.execute("SELECT pg_advisory_xact_lock(?)", [PostgresSchema.migrationLock])
                try db.execute("""
                    CREATE TABLE IF NOT EXISTS \(PostgresSchema.ledger) (
                        position INTEGER PRIMARY KEY,
                        identifier TEXT NOT NULL UNIQUE,
                        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                    )
                    """)
                let applied = try db.values(String.self, "SELECT identifier FROM \(PostgresSchema.ledger) ORDER BY position")
                let unknown = applied.filter { name in !known.contains { $0.name == name } }
                guard unknown.isEmpty else {
                    throw StoreError.newerSchema(server: server, applied: unknown, known: known.last?.name ?? "")
                }
                for (position, migration) in known.enumerated() where !applied.contains(migration.name) {
                    for statement in migration.statements { try db.execute(statement) }
                    try db.execute("INSERT INTO \(PostgresSchema.ledger) (position, identifier) VALUES (?, ?)", [position + 1, migration.name])
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .migrationFailed(path: server, reason: Self.describe(error))
        }
    }

    /// The TLS a connection uses for the location's `sslmode`: `prefer` and `require` encrypt without
    /// verifying, `verify-ca` checks the chain, `verify-full` the chain and the host name; `sslrootcert`
    /// names the trusted roots.
    static func connectionTLS(_ location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch location.tls {
        case .disable: return .disable
        case .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        if let roots = location.rootCertificates { configuration.trustRoots = .file(roots) }
        let context = try NIOSSLContext(configuration: configuration)
        return location.tls == .prefer ? .prefer(context) : .require(context)
    }

    /// A postgres-nio error in words: the server's message when it sent one (a refused login, a missing
    /// privilege), else what failed underneath (a refused connection). `PSQLError` hides its details from
    /// `description` on purpose; none of what is read here holds the password.
    static func describe(_ error: any Error) -> String {
        if let error = error as? StoreError { return error.description }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let code = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + code
            }
            if let underlying = error.underlying { return describe(underlying) }
            return "\(error.code)"
        }
        // NIO's "SingleConnectionFailure(target: [IPv4]127.0.0.1/127.0.0.1:5432, error: connection reset (error
        // set): Connection refused (errno: 111))" said as the system says it: "Connection refused".
        if let error = error as? NIOConnectionError {
            let reasons = error.connectionErrors.map { failure in
                (failure.error as? IOError).map { String(cString: strerror($0.errnoCode)) } ?? String(describing: failure.error)
            }
            if reasons.isEmpty, let lookup = error.dnsAError ?? error.dnsAAAAError {
                return "cannot resolve \(error.host): \(lookup)"
            }
            return Set(reasons).sorted().joined(separator: "; ")
        }
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        return String(describing: error)
    }
}
