import Foundation

/// Where a store lives: an SQLite file (the embedded default), or a PostgreSQL server shared by many
/// machines (`--database postgres://…` or `SECURESCAN_DATABASE_URL`).
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// The environment variable a PostgreSQL URL may come from (and the only place it may carry a password).
    public static let environmentVariable = "SECURESCAN_DATABASE_URL"

    /// Where the store is: `database` (a path or a `postgres://` / `postgresql://` URL) when given, else
    /// `SECURESCAN_DATABASE_URL` when set, else the SQLite file `defaultPath`.
    /// - Throws: ``StoreError/invalidDatabaseURL(_:)`` for a URL that cannot be used, naming what is wrong
    ///   (never its password).
    public static func resolve(_ database: String?, defaultPath: String,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) -> StoreLocation {
        if let database, PostgresLocation.isURL(database) {
            return .postgres(try PostgresLocation(url: database, fromEnvironment: false, environment: environment))
        }
        if let database { return .sqlite(path: database) }
        if let url = environment[environmentVariable], !url.isEmpty {
            guard PostgresLocation.isURL(url) else {
                throw .invalidDatabaseURL("\(environmentVariable) must be a postgres:// URL (an SQLite file is given with --database)")
            }
            return .postgres(try PostgresLocation(url: url, fromEnvironment: true, environment: environment))
        }
        return .sqlite(path: defaultPath)
    }

    /// Whether the store is a server that several hosts share.
    public var isShared: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// For messages: the file, or the server's URL without any password.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): location.description
        }
    }
}

/// A PostgreSQL database to connect to. The password is held apart from everything that is printed.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// How the connection is encrypted, in libpq's words (`sslmode`).
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Plain text (loopback, a trusted network).
        case disable
        /// TLS when the server offers it, unverified (libpq's default).
        case prefer
        /// TLS required, the certificate not verified.
        case require
        /// TLS required, the certificate verified against the trusted roots, not the host name.
        case verifyCA = "verify-ca"
        /// TLS required, the certificate and host name verified.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    public var tls: TLSMode
    /// A file of trusted root certificates (`sslrootcert`), else the system's.
    public var rootCertificates: String?
    /// Never printed: not part of ``description`` or of equality's text forms.
    public var password: String?
    /// Where the password came from, for messages (`PGPASSWORD`, `~/.pgpass`, `SECURESCAN_DATABASE_URL`).
    public var passwordSource: String?
    /// Why a password file that exists was not read (too open permissions), told with a refused login.
    public var passwordFileProblem: String?

    static let schemes = ["postgres://", "postgresql://"]

    static func isURL(_ text: String) -> Bool { schemes.contains { text.lowercased().hasPrefix($0) } }

    /// Reads `postgres://[user[:password]@]host[:port]/database[?sslmode=…&sslrootcert=…]`.
    ///
    /// A password written in a URL given on the command line would be readable in `ps` output and shell
    /// history, so it is refused there; it may come from the URL in `SECURESCAN_DATABASE_URL`, from
    /// `PGPASSWORD`, or from the password file (`PGPASSFILE`, else `~/.pgpass`, as libpq reads it).
    public init(url: String, fromEnvironment: Bool, environment: [String: String]) throws(StoreError) {
        let origin = fromEnvironment ? StoreLocation.environmentVariable : "--database"
        guard let scheme = PostgresLocation.schemes.first(where: { url.lowercased().hasPrefix($0) }) else {
            throw .invalidDatabaseURL("\(origin): not a postgres:// URL")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        var authority = rest
        var path = Substring("")
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        }
        var userInfo: Substring?
        if let at = authority.lastIndex(of: "@") {
            userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
        }
        var user = environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        var password: String?
        if let userInfo {
            let parts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            if let name = parts.first, !name.isEmpty { user = try PostgresLocation.decode(name, field: "user name", origin: origin) }
            if parts.count == 2 {
                guard fromEnvironment else {
                    throw .invalidDatabaseURL("--database: the URL holds a password, which `ps` and the shell history would show; "
                                              + "put the URL in \(StoreLocation.environmentVariable), or the password in PGPASSWORD or ~/.pgpass")
                }
                password = try PostgresLocation.decode(parts[1], field: "password", origin: origin)
            }
        }
        // Host, or [IPv6], then an optional port.
        var hostText = authority
        var port = 5432
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            hostText = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { port = try PostgresLocation.port(after.dropFirst(), origin: origin) }
        } else if let colon = authority.lastIndex(of: ":") {
            hostText = authority[..<colon]
            port = try PostgresLocation.port(authority[authority.index(after: colon)...], origin: origin)
        }
        let host = try PostgresLocation.decode(hostText, field: "host", origin: origin)
        guard !host.isEmpty else { throw .invalidDatabaseURL("\(origin): the URL names no host (postgres://HOST/DATABASE)") }
        let database = try PostgresLocation.decode(path, field: "database", origin: origin)
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalidDatabaseURL("\(origin): the URL names no database (postgres://\(host)/DATABASE)")
        }
        var tls = TLSMode.prefer
        var rootCertificates: String?
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count == 2 ? try PostgresLocation.decode(parts[1], field: key, origin: origin) : ""
            switch key {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw .invalidDatabaseURL("\(origin): sslmode '\(value)' is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case "sslrootcert":
                rootCertificates = value
            case "password":
                throw .invalidDatabaseURL("\(origin): a password is not taken as a URL parameter; use PGPASSWORD or ~/.pgpass")
            default:
                throw .invalidDatabaseURL("\(origin): unknown URL parameter '\(key)' (known: sslmode, sslrootcert)")
            }
        }
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.tls = tls
        self.rootCertificates = rootCertificates
        if let password {
            self.password = password
            passwordSource = StoreLocation.environmentVariable
        } else if let given = environment["PGPASSWORD"] {
            self.password = given
            passwordSource = "PGPASSWORD"
        } else {
            let file = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? NSHomeDirectory() + "/.pgpass")
            switch PasswordFile.lookup(file: file, host: host, port: port, database: database, user: user) {
            case .found(let found):
                self.password = found
                passwordSource = file
            case .ignored(let problem):
                passwordFileProblem = problem
            case .none:
                break
            }
        }
    }

    /// `postgres://user@host:port/database?sslmode=…`: what messages show. Never the password.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(shownHost):\(port)/\(database)" + (tls == .prefer ? "" : "?sslmode=\(tls.rawValue)")
    }

    /// The same as ``description``, so that a debugger or `dump` never shows the password either.
    public var debugDescription: String { description }

    private static func port(_ text: Substring, origin: String) throws(StoreError) -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else {
            throw .invalidDatabaseURL("\(origin): port '\(text)' is not a number from 1 to 65535")
        }
        return port
    }

    private static func decode(_ text: Substring, field: String, origin: String) throws(StoreError) -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw .invalidDatabaseURL("\(origin): the \(field) has a malformed %-escape")
        }
        return decoded
    }
}
