import Foundation
import HTTPTypes
import Hummingbird
import Logging
import HummingbirdTesting
import TestSupport
@testable import SecureScanScanners
@testable import SecureScanCore
@testable import SecureScanServer
@testable import SecureScanStore

/// A server's world for tests: an output root with stored runs, a scannable directory inside the
/// server's root, and one key per role (plus a revoked one).
struct TestServer {
    enum Role: String, CaseIterable, Sendable {
        case read, write, admin, revoked
    }

    let output: URL
    let scanRoot: URL
    let store: Store
    /// Where ``store`` is: the SQLite file in ``output``, or a database of its own on the shared cluster.
    let database: StoreLocation
    let keys: [Role: String]
    /// The two stored runs, oldest first (the second compares with the first).
    let runIDs: [String]

    static let firstRun = "20261129T000000Z-aaaaaa"
    static let secondRun = "20261130T000000Z-bbbbbb"

    /// The key that seals webhook secrets (a PostgreSQL store needs one given; SQLite's is a file beside it).
    static let secretKey = String(repeating: "5e", count: 32)

    static func make(_ label: String = "server", backend: StoreBackend = .sqlite) throws -> TestServer {
        let output = try Fixtures.makeTemporaryDirectory(label)
        let database: StoreLocation = switch backend {
        case .sqlite: .sqlite(path: output.appendingPathComponent("securescan.db").path)
        case .postgres: .postgres(try StoreBackend.newDatabase())
        }
        let store = try Store.open(database)
        let first = RunReport.sample(runID: firstRun)
        try store.save(first, targetPath: "/src/demo", artifactsDirectory: output.appendingPathComponent("demo/\(firstRun)").path)
        let second = RunReport.sample(runID: secondRun, previous: first.findings)
        try store.save(second, targetPath: "/src/demo", artifactsDirectory: output.appendingPathComponent("demo/\(secondRun)").path)
        try Fixtures.write([
            "index.html": "<h1>all targets</h1>", "demo/index.html": "<h1>demo</h1>",
            "demo/\(secondRun)/report.html": "<h1>stored report</h1>", "demo/\(secondRun)/findings.json": "{\"kind\": \"securescan-findings\"}",
            "demo/.partial-run3/report.html": "half",
        ], under: output)
        var keys: [Role: String] = [:]
        for role in Role.allCases {
            let scope: APIScope = role == .revoked ? .admin : APIScope(rawValue: role.rawValue)!
            let (record, token) = try store.createKey(name: role.rawValue, scopes: [scope], expiresAt: nil, createdBy: "test", at: "2026-11-29T00:00:00Z")
            if role == .revoked { _ = try store.revokeKey(id: record.id, at: "2026-11-29T00:00:01Z", protectLastAdmin: false) }
            keys[role] = token.plaintext
        }
        let scanRoot = output.appendingPathComponent("repos")
        try Fixtures.write([
            "app/settings.py": "AWS_ACCESS_KEY_ID = \"AKIAQ3EGVP7IWUFYJDPY\"\n",
            "Dockerfile": "FROM python:latest\nUSER root\n",
        ], under: scanRoot.appendingPathComponent("webapp"))
        return TestServer(output: output, scanRoot: scanRoot, store: store, database: database, keys: keys, runIDs: [firstRun, secondRun])
    }

    func configuration(readOnly: Bool = false, environmentKey: String? = nil, workers: Int = 1,
                       allowedNetworks: [IPRange] = [], rateLimit: (perMinute: Int, burst: Int)? = (60, 10), cacheBytes: Int = 64 << 20,
                       database: StoreLocation? = nil) -> ServerConfiguration {
        ServerConfiguration(
            port: 0, outputRoot: output.path, database: database ?? self.database, readOnly: readOnly, environmentKey: environmentKey, roots: [scanRoot.path], workers: workers,
            vulnerabilityDatabase: output.appendingPathComponent("no-vulndb").path,
            templatesDirectory: Fixtures.repositoryRoot.appendingPathComponent("templates").path,
            webhookAllowedNetworks: allowedNetworks, scanRateLimit: rateLimit, cacheBytes: cacheBytes,
            secretKey: self.database.isShared ? TestServer.secretKey : nil)
    }

    func application(readOnly: Bool = false, environmentKey: String? = nil, workers: Int = 1, allowedNetworks: [IPRange] = [],
                     rateLimit: (perMinute: Int, burst: Int)? = (60, 10), scanners: [any ScannerAdapter] = Scanners.all,
                     cacheBytes: Int = 64 << 20, database: StoreLocation? = nil) throws -> some ApplicationProtocol {
        try SecureScanServer.application(configuration(readOnly: readOnly, environmentKey: environmentKey, workers: workers,
                                                       allowedNetworks: allowedNetworks, rateLimit: rateLimit, cacheBytes: cacheBytes,
                                                       database: database),
                                         logger: TestServer.logger, scanners: scanners)
    }

    func headers(_ role: Role?) -> HTTPFields {
        guard let role else { return [:] }
        return [HTTPField.Name("X-API-Key")!: keys[role]!]
    }

    /// Request lines are for operators; tests keep only errors.
    static let logger: Logger = {
        var logger = Logger(label: "securescan.server.test")
        logger.logLevel = .error
        return logger
    }()

    func remove() {
        store.close()
        try? FileManager.default.removeItem(at: output)
    }
}

extension HTTPFields {
    static let json: HTTPFields = [.contentType: "application/json"]

    func merging(_ other: HTTPFields) -> HTTPFields {
        var fields = self
        for field in other { fields[field.name] = field.value }
        return fields
    }
}

/// A response body as JSON.
func json(_ buffer: ByteBuffer) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))
}

extension ByteBuffer {
    init(json: String) { self.init(string: json) }
}
