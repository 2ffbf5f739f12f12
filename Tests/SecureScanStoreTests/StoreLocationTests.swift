import Foundation
import Testing
import TestSupport
@testable import SecureScanStore

/// `--database` and `SECURESCAN_DATABASE_URL`: an SQLite path or a PostgreSQL URL, and where the password
/// may come from (never the command line, never a message).
@Suite struct StoreLocationTests {
    static let none: [String: String] = ["HOME": "/nonexistent", "USER": "auditor"]

    @Test func aPathIsSQLiteAndNothingIsTheDefaultFile() throws {
        #expect(try StoreLocation.resolve("runs.db", defaultPath: "output/securescan.db", environment: Self.none) == .sqlite(path: "runs.db"))
        #expect(try StoreLocation.resolve(nil, defaultPath: "output/securescan.db", environment: Self.none) == .sqlite(path: "output/securescan.db"))
    }

    @Test func aURLIsReadWithItsDefaults() throws {
        guard case .postgres(let location) = try StoreLocation.resolve("postgres://db.internal/securescan", defaultPath: "x", environment: Self.none) else {
            Issue.record("not PostgreSQL"); return
        }
        #expect(location.host == "db.internal" && location.port == 5432 && location.database == "securescan")
        #expect(location.user == "auditor" && location.tls == .prefer && location.password == nil)
        let full = try PostgresLocation(url: "postgresql://ci%40acme@[::1]:6543/audits?sslmode=verify-full&sslrootcert=/etc/ca.pem",
                                        fromEnvironment: false, environment: Self.none)
        #expect(full.user == "ci@acme" && full.host == "::1" && full.port == 6543 && full.database == "audits")
        #expect(full.tls == .verifyFull && full.rootCertificates == "/etc/ca.pem")
        #expect(full.description == "postgres://ci@acme@[::1]:6543/audits?sslmode=verify-full")
    }

    @Test func aPasswordOnTheCommandLineIsRefusedAndNeverRepeated() {
        do {
            _ = try StoreLocation.resolve("postgres://app:s3cr3t-pw@db/securescan", defaultPath: "x", environment: Self.none)
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("SECURESCAN_DATABASE_URL"))
            #expect(!error.description.contains("s3cr3t-pw"))
        }
    }

    @Test func thePasswordComesFromTheEnvironmentURLThenPGPASSWORDThenThePasswordFile() throws {
        var environment = Self.none
        environment["SECURESCAN_DATABASE_URL"] = "postgres://app:from%3Aurl@db:5433/securescan?sslmode=require"
        guard case .postgres(let fromURL) = try StoreLocation.resolve(nil, defaultPath: "x", environment: environment) else {
            Issue.record("not PostgreSQL"); return
        }
        #expect(fromURL.password == "from:url" && fromURL.passwordSource == "SECURESCAN_DATABASE_URL")
        #expect(!fromURL.description.contains("from") && !"\(fromURL)".contains("url") && !String(reflecting: fromURL).contains("from:url"))

        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("pgpass").path
        try Data("# comment\nother:*:*:*:wrong\ndb:5433:*:app:from\\:file\n*:*:*:*:fallback\n".utf8).write(to: URL(fileURLWithPath: file))
        chmod(file, 0o600)
        var withFile = Self.none
        withFile["PGPASSFILE"] = file
        let viaFile = try PostgresLocation(url: "postgres://app@db:5433/securescan", fromEnvironment: false, environment: withFile)
        #expect(viaFile.password == "from:file" && viaFile.passwordSource == file)
        let fallback = try PostgresLocation(url: "postgres://app@elsewhere/securescan", fromEnvironment: false, environment: withFile)
        #expect(fallback.password == "fallback")
        withFile["PGPASSWORD"] = "from-env"
        #expect(try PostgresLocation(url: "postgres://app@db:5433/securescan", fromEnvironment: false, environment: withFile).password == "from-env")
        // A password file others can read is ignored, as libpq does.
        chmod(file, 0o644)
        withFile["PGPASSWORD"] = nil
        let ignored = try PostgresLocation(url: "postgres://app@db:5433/securescan", fromEnvironment: false, environment: withFile)
        #expect(ignored.password == nil && ignored.passwordSource == nil)
        #expect(ignored.passwordFileProblem == "\(file) was not read: others may read it (chmod 600 \(file)), as libpq requires")
    }

    @Test(arguments: [
        ("postgres://db", "names no database"),
        ("postgres:///securescan", "names no host"),
        ("postgres://db:99999/securescan", "port '99999'"),
        ("postgres://db/securescan?sslmode=sometimes", "sslmode 'sometimes'"),
        ("postgres://db/securescan?password=x", "not taken as a URL parameter"),
        ("postgres://db/securescan?connect_timeout=3", "unknown URL parameter 'connect_timeout'"),
    ])
    func badURLsSayWhatIsWrong(url: String, expected: String) {
        do {
            _ = try StoreLocation.resolve(url, defaultPath: "x", environment: Self.none)
            Issue.record("\(url) was accepted")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
        var environment = Self.none
        environment["SECURESCAN_DATABASE_URL"] = "/var/lib/securescan.db"
        #expect(throws: StoreError.self) { try StoreLocation.resolve(nil, defaultPath: "x", environment: environment) }
    }
}
