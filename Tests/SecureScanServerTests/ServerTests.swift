import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanServer
@testable import SecureScanStore

/// The server in process (router) and over a real socket (live): public routes, the artifact site with
/// traversal and database files refused, request ids, legacy paths, and the read-only mode.
@Suite struct ServerTests {
    @Test(arguments: [TestingSetup.router, .live])
    func publicRoutesAnswer(setup: TestingSetup) async throws {
        let world = try TestServer.make("serve")
        defer { world.remove() }
        try await world.application().test(setup) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
                #expect(response.headers[HTTPField.Name("X-Request-ID")!] != nil)
            }
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""status":"ready""#))
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(String(buffer: response.body).contains(#""name":"SecureScan""#))
            }
            try await client.execute(uri: "/health", method: .get, headers: [HTTPField.Name("X-Request-ID")!: "abc-123"]) { response in
                #expect(response.headers[HTTPField.Name("X-Request-ID")!] == "abc-123")
            }
            try await client.execute(uri: "/api/v1/nothing-here", method: .get, headers: world.headers(.read)) { response in
                #expect(response.status == .notFound)
                let parsed35 = try json(response.body)
                #expect(parsed35["detail"]?.stringValue == "Not Found: /api/v1/nothing-here")
            }
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func theSiteServesArtifactsButNeverTheDatabaseOrPartialRuns(setup: TestingSetup) async throws {
        let world = try TestServer.make("serve-site")
        defer { world.remove() }
        try await world.application().test(setup) { client in
            try await client.execute(uri: "/site/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("all targets"))
            }
            try await client.execute(uri: "/site/demo/\(TestServer.secondRun)/report.html", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            }
            for uri in ["/site/securescan.db", "/site/securescan.db-wal", "/site/demo/.partial-run3/report.html", "/site/.securescan-secret.key",
                        "/site/../securescan.db", "/site/%2e%2e/etc/passwd", "/site/demo/%2e%2e/%2e%2e/secret"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound || response.status == .badRequest, "\(uri) answered \(response.status)")
                    #expect(!String(buffer: response.body).contains("SQLite"), "\(uri)")
                }
            }
        }
    }

    @Test func legacyPathsAnswerTheSameWithDeprecationHeaders() async throws {
        let world = try TestServer.make("serve-legacy")
        defer { world.remove() }
        try await world.application().test(.router) { client in
            let current = try await client.execute(uri: "/api/v1/scans/\(TestServer.secondRun)/summary", method: .get, headers: world.headers(.read)) { response in
                #expect(response.headers[HTTPField.Name("Deprecation")!] == nil)
                return String(buffer: response.body)
            }
            try await client.execute(uri: "/api/scans/\(TestServer.secondRun)/summary?x=1", method: .get, headers: world.headers(.read)) { response in
                #expect(String(buffer: response.body) == current)
                #expect(response.headers[HTTPField.Name("Deprecation")!] == "true")
                #expect(response.headers[HTTPField.Name("Sunset")!] == "Wed, 31 Dec 2026 23:59:59 GMT")
                #expect(response.headers[HTTPField.Name("Link")!] == "</api/v1/scans/\(TestServer.secondRun)/summary>; rel=\"successor-version\"")
            }
            try await client.execute(uri: "/api/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[HTTPField.Name("Deprecation")!] == "true")
            }
            try await client.execute(uri: "/health", method: .get) { response in #expect(response.headers[HTTPField.Name("Deprecation")!] == nil) }
        }
    }

    @Test func readOnlyRefusesEveryChangeAndLeavesTheDatabaseAlone() async throws {
        let world = try TestServer.make("serve-readonly")
        defer { world.remove() }
        let database = world.output.appendingPathComponent("securescan.db")
        try world.store.checkpoint()
        let before = try Data(contentsOf: database)
        try await world.application(readOnly: true).test(.router) { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get) { try json($0.body) }
            for operation in OpenAPITests.operations(document) where operation.method != .get {
                let mutates = document["paths"]?[operation.path]?[operation.method.rawValue.lowercased()]?["x-mutates"] == .bool(true)
                guard mutates else { continue }
                try await client.execute(uri: operation.concrete, method: operation.method, headers: world.headers(.admin).merging(.json),
                                         body: ByteBuffer(string: #"{"name": "x", "target_path": "/", "status": "false_positive"}"#)) { response in
                    #expect(response.status == .methodNotAllowed, "\(operation)")
                    let parsed99 = try json(response.body)
                    #expect(parsed99["detail"]?.stringValue?.contains("read-only") == true)
                    #expect(response.headers[.allow] != nil)
                }
            }
            // An auditor still reads everything, and may mint an event token.
            for uri in ["/api/v1/scans", "/api/v1/scans/\(TestServer.secondRun)/findings", "/api/v1/scans/\(TestServer.secondRun)/report?format=sarif",
                        "/api/v1/scans/\(TestServer.secondRun)/sbom?format=spdx", "/api/v1/compliance/coverage?scan_id=\(TestServer.secondRun)",
                        "/api/v1/dashboard/stats", "/api/v1/keys/me", "/site/demo/\(TestServer.secondRun)/findings.json"] {
                try await client.execute(uri: uri, method: .get, headers: world.headers(.read)) { response in
                    #expect(response.status == .ok, "\(uri) answered \(response.status.code)")
                }
            }
            try await client.execute(uri: "/api/v1/scans/\(TestServer.secondRun)/event-token", method: .post, headers: world.headers(.read)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/scans/\(TestServer.secondRun)/events", method: .get, headers: world.headers(.read)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("event: scan.complete"))
            }
        }
        #expect(try Data(contentsOf: database) == before)
    }

    /// The auditor's server on a shared PostgreSQL store, logged in as a role that may only `SELECT`
    /// (the grants the README documents): every read answers, every change is refused before it reaches
    /// the database, and nothing in the read path writes (a write would be refused by the server).
    @Test(arguments: [TestingSetup.router, .live])
    func readOnlyServesASharedStoreThroughASelectOnlyRole(setup: TestingSetup) async throws {
        let world = try TestServer.make("serve-pg-readonly", backend: .postgres)
        defer { world.remove() }
        guard case .postgres(let owner) = world.database else { return }
        let cluster = try PostgresCluster.shared()
        let role = "auditor_\(owner.database)"
        try cluster.psql("""
            CREATE ROLE \(role) LOGIN PASSWORD 'auditor-secret-1';
            GRANT CONNECT ON DATABASE \(owner.database) TO \(role);
            GRANT USAGE ON SCHEMA public TO \(role);
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role);
            """, database: owner.database)
        let auditor = try PostgresLocation(url: "postgres://\(role)@127.0.0.1:\(owner.port)/\(owner.database)?sslmode=disable",
                                           fromEnvironment: false, environment: ["PGPASSWORD": "auditor-secret-1", "HOME": "/nonexistent"])
        // Writing through that role is refused by the server itself, naming the privilege.
        let direct = try Store.open(.postgres(auditor))
        defer { direct.close() }
        #expect(try direct.runs().count == 2)
        do {
            try direct.touchKey(id: "k", at: "2026-12-04T00:00:00Z")
            Issue.record("a SELECT-only role wrote")
        } catch {
            #expect(error.description.contains("permission denied for table api_keys"), "\(error)")
        }
        try await world.application(readOnly: true, database: .postgres(auditor)).test(setup) { client in
            for uri in ["/api/v1/scans", "/api/v1/scans/\(TestServer.secondRun)/findings", "/api/v1/scans/\(TestServer.secondRun)/report?format=sarif",
                        "/api/v1/scans/\(TestServer.secondRun)/sbom?format=spdx", "/api/v1/compliance/coverage?scan_id=\(TestServer.secondRun)",
                        "/api/v1/dashboard/stats", "/api/v1/keys/me", "/api/v1/notifications", "/ready"] {
                try await client.execute(uri: uri, method: .get, headers: world.headers(.read)) { response in
                    #expect(response.status == .ok, "\(uri) answered \(response.status.code): \(String(buffer: response.body))")
                }
            }
            try await client.execute(uri: "/api/v1/scans/\(TestServer.secondRun)/events", method: .get, headers: world.headers(.read)) { response in
                #expect(String(buffer: response.body).contains("event: scan.complete"))
            }
            try await client.execute(uri: "/api/v1/webhooks", method: .post, headers: world.headers(.admin).merging(.json),
                                     body: ByteBuffer(string: #"{"name": "x", "url": "https://example.com/hook"}"#)) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
    }

    @Test func readOnlyNeedsAnExistingCurrentDatabase() throws {
        let empty = try Fixtures.makeTemporaryDirectory("serve-empty")
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: StoreError.self) { _ = try SecureScanServer.application(ServerConfiguration(outputRoot: empty.path, readOnly: true)) }
        #expect(!FileManager.default.fileExists(atPath: empty.appendingPathComponent("securescan.db").path))
    }
}
