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
/// traversal and database files refused, request ids, and the read-only mode.
@Suite struct ServerTests {
    /// An output root with one stored run and its artifact files.
    static func output() throws -> URL {
        let output = try Fixtures.makeTemporaryDirectory("serve")
        let store = try Store.open(path: output.appendingPathComponent("securescan.db").path)
        try store.save(.sample(), targetPath: "/src/demo", artifactsDirectory: output.appendingPathComponent("demo/run1").path)
        try Fixtures.write([
            "index.html": "<h1>all targets</h1>", "demo/index.html": "<h1>demo</h1>",
            "demo/run1/report.html": "<h1>report</h1>", "demo/run1/findings.json": "{\"kind\": \"securescan-findings\"}",
            "demo/.partial-run2/report.html": "half",
        ], under: output)
        return output
    }

    @Test(arguments: [TestingSetup.router, .live])
    func publicRoutesAnswer(setup: TestingSetup) async throws {
        let output = try Self.output()
        defer { try? FileManager.default.removeItem(at: output) }
        let app = try SecureScanServer.application(ServerConfiguration(port: 0, outputRoot: output.path))
        try await app.test(setup) { client in
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
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func theSiteServesArtifactsButNeverTheDatabaseOrPartialRuns(setup: TestingSetup) async throws {
        let output = try Self.output()
        defer { try? FileManager.default.removeItem(at: output) }
        let app = try SecureScanServer.application(ServerConfiguration(port: 0, outputRoot: output.path))
        try await app.test(setup) { client in
            try await client.execute(uri: "/site/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("all targets"))
            }
            try await client.execute(uri: "/site/demo/run1/report.html", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            }
            for uri in ["/site/securescan.db", "/site/securescan.db-wal", "/site/demo/.partial-run2/report.html",
                        "/site/../securescan.db", "/site/%2e%2e/etc/passwd", "/site/demo/%2e%2e/%2e%2e/secret"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound || response.status == .badRequest, "\(uri) answered \(response.status)")
                    #expect(!String(buffer: response.body).contains("SQLite"), "\(uri)")
                }
            }
        }
    }

    @Test func readOnlyRefusesEveryChangeAndLeavesTheDatabaseAlone() async throws {
        let output = try Self.output()
        defer { try? FileManager.default.removeItem(at: output) }
        let database = output.appendingPathComponent("securescan.db")
        let before = try Data(contentsOf: database)
        let app = try SecureScanServer.application(ServerConfiguration(port: 0, outputRoot: output.path, readOnly: true))
        try await app.test(.router) { client in
            for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
                try await client.execute(uri: "/api/v1/scans", method: method) { response in
                    #expect(response.status == .methodNotAllowed)
                    #expect(String(buffer: response.body).contains("read-only"))
                }
            }
            try await client.execute(uri: "/health", method: .get) { response in #expect(response.status == .ok) }
            try await client.execute(uri: "/site/demo/run1/findings.json", method: .get) { response in #expect(response.status == .ok) }
        }
        #expect(try Data(contentsOf: database) == before)
    }

    @Test func readOnlyNeedsAnExistingCurrentDatabase() throws {
        let empty = try Fixtures.makeTemporaryDirectory("serve-empty")
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: StoreError.self) { _ = try SecureScanServer.application(ServerConfiguration(outputRoot: empty.path, readOnly: true)) }
        #expect(!FileManager.default.fileExists(atPath: empty.appendingPathComponent("securescan.db").path))
    }
}
