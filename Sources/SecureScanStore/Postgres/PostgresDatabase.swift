#if canImport(Glibc)
import Glibc
#endif
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// A PostgreSQL store's server: a pool of connections (postgres-nio's `PostgresClient`) that runs for the
/// life of this value, and a schema brought to the same named migrations as the SQLite store's.
///
/// postgres-nio's types never leave this module. Nothing is logged: a log line could carry a statement's
/// parameters, and the password must never reach one.
public final class PostgresDatabase: Sendable {
    public let location: PostgresLocation
    let client: PostgresClient
    private let runner: Task<Void, Never>

    /// A logger that drops everything.
    static let silent = Logger(label: "securescan.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(location: PostgresLocation, client: PostgresClient) {
        self.location = location
        self.client = client
        runner = Task { await client.run() }
    }

    /// Connects and brings the schema up to date (once, however many processes start at the same time).
    /// - Throws: ``StoreError/serverUnreachable(server:reason:)`` when the server cannot be reached or refuses
    ///   the login (naming host, port and database, never the password); ``StoreError/newerSchema(server:applied:known:)``
    ///   when a newer SecureScan migrated the database.
    /// With `readOnly` (an auditor's server, a role that may only `SELECT`), nothing is created or migrated:
    /// the schema must already be this version's.
    public static func open(_ location: PostgresLocation, readOnly: Bool = false) async throws(StoreError) -> PostgresDatabase {
        // One direct connection first: the pool would wait for a server that does not answer, where a user
        // needs to hear at once which one and why.
        do {
            let probe = try await PostgresConnection.connect(
                configuration: PostgresConnection.Configuration(
                    host: location.host, port: location.port, username: location.user, password: location.password,
                    database: location.database, tls: try connectionTLS(location)),
                id: 0, logger: silent)
            try? await probe.close()
        } catch {
            let problem = location.passwordFileProblem.map { " (\($0))" } ?? ""
            throw .serverUnreachable(server: location.description, reason: describe(error, location: location) + problem)
        }
        let database: PostgresDatabase
        do {
            var configuration = PostgresClient.Configuration(
                host: location.host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: try clientTLS(location))
            configuration.options.maximumConnections = 8
            database = PostgresDatabase(location: location, client: PostgresClient(configuration: configuration, backgroundLogger: silent))
        } catch {
            throw .serverUnreachable(server: location.description, reason: describe(error, location: location))
        }
        do {
            if readOnly { try await database.checkSchema() } else { try await database.migrate() }
        } catch {
            await database.close()
            throw error
        }
        return database
    }

    /// Reads the ledger without writing anything: it must list exactly this version's migrations.
    /// - Throws: ``StoreError/schemaOutOfDate(path:)`` for a database not yet created or migrated by this
    ///   version, ``StoreError/newerSchema(server:applied:known:)``, or the server's words when the role
    ///   may not read the ledger.
    func checkSchema() async throws(StoreError) {
        let exists: Bool
        do {
            var found = false
            for try await (name) in try await client.query("SELECT to_regclass(\(PostgresSchema.ledger))::text", logger: Self.silent)
                .decode(String?.self) {
                found = name != nil
            }
            exists = found
        } catch {
            throw .readFailed(reason: Self.describe(error, location: location))
        }
        guard exists else { throw .schemaOutOfDate(path: location.description) }
        let applied = try await appliedMigrations()
        let known = PostgresSchema.migrations.map(\.name)
        let unknown = applied.filter { !known.contains($0) }
        guard unknown.isEmpty else { throw .newerSchema(server: location.description, applied: unknown, known: known.last ?? "") }
        guard applied == known else { throw .schemaOutOfDate(path: location.description) }
    }

    /// Stops the pool and waits for its connections to close.
    public func close() async {
        runner.cancel()
        await runner.value
    }

    /// The server's version (`SHOW server_version`).
    public func serverVersion() async throws(StoreError) -> String {
        do {
            var version = ""
            for try await (text) in try await client.query("SHOW server_version", logger: Self.silent).decode(String.self) { version = text }
            return version
        } catch {
            throw .readFailed(reason: Self.describe(error, location: location))
        }
    }

    /// The migrations the database has, in the order they were applied.
    public func appliedMigrations() async throws(StoreError) -> [String] {
        do {
            var names: [String] = []
            for try await (name) in try await client.query("SELECT identifier FROM \(unescaped: PostgresSchema.ledger) ORDER BY position", logger: Self.silent)
                .decode(String.self) {
                names.append(name)
            }
            return names
        } catch {
            throw .readFailed(reason: Self.describe(error, location: location))
        }
    }

    /// Applies the migrations this version knows and the database lacks, in one transaction under an
    /// advisory lock; refuses a database that has migrations this version does not know.
    func migrate() async throws(StoreError) {
        let known = PostgresSchema.migrations
        let server = location.description
        do {
            try await client.withTransaction(logger: Self.silent) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))", logger: Self.silent)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS \(unescaped: PostgresSchema.ledger) (
                        position INTEGER PRIMARY KEY,
                        identifier TEXT NOT NULL UNIQUE,
                        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                    )
                    """, logger: Self.silent)
                var applied: [String] = []
                for try await name in try await connection.query(
                    "SELECT identifier FROM \(unescaped: PostgresSchema.ledger) ORDER BY position", logger: Self.silent).decode(String.self) {
                    applied.append(name)
                }
                let unknown = applied.filter { name in !known.contains { $0.name == name } }
                guard unknown.isEmpty else {
                    throw StoreError.newerSchema(server: server, applied: unknown, known: known.last?.name ?? "")
                }
                for (position, migration) in known.enumerated() where !applied.contains(migration.name) {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Self.silent)
                    }
                    try await connection.query(
                        "INSERT INTO \(unescaped: PostgresSchema.ledger) (position, identifier) VALUES (\(position + 1), \(migration.name))",
                        logger: Self.silent)
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as PostgresTransactionError {
            if let refusal = error.closureError as? StoreError { throw refusal }
            throw .migrationFailed(path: server, reason: Self.describe(error, location: location))
        } catch {
            throw .migrationFailed(path: server, reason: Self.describe(error, location: location))
        }
    }

    /// The TLS a single connection uses for the location's `sslmode`.
    static func connectionTLS(_ location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
        guard let configuration = try tlsConfiguration(location) else { return .disable }
        let context = try NIOSSLContext(configuration: configuration)
        return location.tls == .prefer ? .prefer(context) : .require(context)
    }

    /// The TLS the pool uses for the location's `sslmode`.
    static func clientTLS(_ location: PostgresLocation) throws -> PostgresClient.Configuration.TLS {
        guard let configuration = try tlsConfiguration(location) else { return .disable }
        return location.tls == .prefer ? .prefer(configuration) : .require(configuration)
    }

    /// libpq's modes: `prefer` and `require` encrypt without verifying, `verify-ca` checks the chain,
    /// `verify-full` the chain and the host name; `sslrootcert` names the trusted roots.
    static func tlsConfiguration(_ location: PostgresLocation) throws -> TLSConfiguration? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch location.tls {
        case .disable: return nil
        case .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        if let roots = location.rootCertificates { configuration.trustRoots = .file(roots) }
        return configuration
    }

    /// A postgres-nio error in words: the server's message when it sent one (a refused login, a missing
    /// privilege), else what failed underneath (a refused connection). `PSQLError` hides its details from
    /// `description` on purpose; none of what is read here holds the password.
    static func describe(_ error: any Error, location: PostgresLocation) -> String {
        if let error = error as? PostgresTransactionError {
            if let failure = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError {
                return describe(failure, location: location)
            }
        }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let code = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + code
            }
            if let underlying = error.underlying { return describe(underlying, location: location) }
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
