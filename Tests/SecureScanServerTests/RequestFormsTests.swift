import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanServer
@testable import SecureScanStore

/// The forms a client may write a request in, as the API contract test found them: percent-encoded path
/// parameters, paths relative to the scan roots, page cursors of this and earlier versions, and the
/// OpenAPI document's own examples, which the server accepts as they stand.
@Suite struct RequestFormsTests {
    static func json(_ buffer: ByteBuffer) throws -> Any { try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) }

    @Test func aPercentEncodedPathParameterReachesTheSameResource() async throws {
        let world = try TestServer.make("request-forms-encoded")
        defer { world.remove() }
        let fingerprint = try world.store.findings(runID: TestServer.secondRun)[0].fingerprint.rawValue
        let encoded = try #require(fingerprint.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        #expect(encoded.contains("%3A"), "URL libraries encode the `:` of `fp1:`")
        try await world.application().test(.router) { client in
            for form in [fingerprint, encoded] {
                let status = try await client.execute(uri: "/api/v1/findings/\(form)/state", method: .get, headers: world.headers(.read)) { $0.status }
                #expect(status == .ok, "\(form)")
            }
            let scan = try await client.execute(uri: "/api/v1/scans/\(TestServer.secondRun.replacingOccurrences(of: "-", with: "%2D"))",
                                                method: .get, headers: world.headers(.read)) { $0.status }
            #expect(scan == .ok)
        }
    }

    @Test func relativePathsAreUnderTheScanRoots() async throws {
        let world = try TestServer.make("request-forms-relative")
        defer { world.remove() }
        try await world.application(workers: 0).test(.router) { client in
            let root = try await client.execute(uri: "/api/v1/dashboard/browse?path=.", method: .get, headers: world.headers(.read)) {
                ($0.status, try Self.json($0.body) as? [String: Any] ?? [:])
            }
            #expect(root.0 == .ok && root.1["current"] as? String == world.scanRoot.resolvingSymlinksInPath().path)
            let queued = try await client.execute(uri: "/api/v1/scans", method: .post, headers: world.headers(.write).merging(.json),
                                                  body: ByteBuffer(string: #"{"target_path": "webapp"}"#)) {
                ($0.status, try Self.json($0.body) as? [String: Any] ?? [:])
            }
            #expect(queued.0 == .ok && queued.1["target_path"] as? String == world.scanRoot.appendingPathComponent("webapp").resolvingSymlinksInPath().path,
                    "\(queued.1)")
            let escaping = try await client.execute(uri: "/api/v1/scans", method: .post, headers: world.headers(.write).merging(.json),
                                                    body: ByteBuffer(string: #"{"target_path": "../.."}"#)) { $0.status }
            #expect(escaping == .forbidden, "a relative path may not climb out of the roots")
            let missing = try await client.execute(uri: "/api/v1/scans", method: .post, headers: world.headers(.write).merging(.json),
                                                   body: ByteBuffer(string: #"{"target_path": "no-such-project"}"#)) { $0.status }
            #expect(missing == .badRequest)
        }
    }

    @Test func pageCursorsOfThisAndEarlierVersionsAreRead() async throws {
        #expect(PageCursor.encode(1042) == "p1042")
        #expect(PageCursor.decode("p1042") == 1042)
        #expect(PageCursor.decode(Base64URL.encode(Array("p:1042".utf8))) == 1042, "a cursor an earlier version wrote")
        for bad in ["p", "p-1", "q12", "p12x", "cDo", ""] { #expect(PageCursor.decode(bad) == nil, "\(bad)") }
        #expect(try NSRegularExpression(pattern: PageCursor.pattern).firstMatch(in: "p1042", range: NSRange(location: 0, length: 5)) != nil)

        let world = try TestServer.make("request-forms-cursor")
        defer { world.remove() }
        try await world.application().test(.router) { client in
            let first = try await client.execute(uri: "/api/v1/scans?limit=1", method: .get, headers: world.headers(.read)) {
                ($0.headers[HTTPField.Name("X-Next-Cursor")!], try Self.json($0.body) as? [[String: Any]] ?? [])
            }
            let cursor = try #require(first.0)
            #expect(cursor.hasPrefix("p"))
            let next = try await client.execute(uri: "/api/v1/scans?limit=1&cursor=\(cursor)", method: .get, headers: world.headers(.read)) {
                ($0.status, try Self.json($0.body) as? [[String: Any]] ?? [])
            }
            #expect(next.0 == .ok && next.1.first?["id"] as? String != first.1.first?["id"] as? String)
        }
    }

    @Test func theDocumentsExamplesAreAcceptedAsTheyStand() async throws {
        let world = try TestServer.make("request-forms-examples")
        defer { world.remove() }
        try await world.application(workers: 0).test(.router) { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get) { try Self.json($0.body) as? [String: Any] ?? [:] }
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            func example(_ name: String) throws -> Any { try #require(((schemas[name] as? [String: Any])?["examples"] as? [Any])?.first) }
            let write = world.headers(.write).merging(.json)
            let publication = try JSONSerialization.data(withJSONObject: try example("RunPublication"))
            let published = try await client.execute(uri: "/api/v1/runs", method: .post, headers: write, body: ByteBuffer(bytes: Array(publication))) { $0.status }
            #expect(published == .created)
            let upload = try JSONSerialization.data(withJSONObject: try example("ArtifactUpload"))
            let kept = try await client.execute(uri: "/api/v1/runs/\(RunExample.run.runID)/artifacts", method: .put, headers: write,
                                                body: ByteBuffer(bytes: Array(upload))) { $0.status }
            #expect(kept == .created)
            let webhook = try #require((((schemas["WebhookRequest"] as? [String: Any])?["properties"] as? [String: Any])?["url"] as? [String: Any])?["examples"] as? [String])
            let created = try await client.execute(uri: "/api/v1/webhooks", method: .post, headers: world.headers(.admin).merging(.json),
                                                   body: ByteBuffer(string: #"{"name": "docs", "url": "\#(webhook[0])", "event_filter": ["scan.complete"]}"#)) { $0.status }
            #expect(created == .created)
            // The scanners an install may name are the installable ones: not the built-in scanners.
            let install = try #require(((document["paths"] as? [String: Any])?["/api/v1/dashboard/install/{scanner}"] as? [String: Any])?["post"] as? [String: Any])
            let scanner = try #require(((install["parameters"] as? [[String: Any]])?.first?["schema"] as? [String: Any])?["enum"] as? [String])
            #expect(scanner.contains("semgrep") && !scanner.contains("secrets") && !scanner.contains("dependencies"))
        }
    }
}
