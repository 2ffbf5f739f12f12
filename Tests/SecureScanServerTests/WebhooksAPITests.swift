import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanServer
@testable import SecureScanStore

/// Webhooks end to end against a real receiver: the secret shown once, signed deliveries, retries after
/// a failure, resumption after a restart, and internal addresses refused unless allowed.
@Suite(.serialized) struct WebhooksAPITests {
    static let loopback = [IPRange("127.0.0.0/8")!]

    static func create(_ client: some TestClientProtocol, _ world: TestServer, url: String, events: [String]) async throws -> JSONValue {
        let body = JSONValue.object(["name": "receiver", "url": .string(url), "event_filter": .strings(events)]).compactJSON
        return try await client.execute(uri: "/api/v1/webhooks", method: .post, headers: world.headers(.admin).merging(.json),
                                        body: ByteBuffer(string: body)) { response in
            #expect(response.status == .created, "\(String(buffer: response.body))")
            return try json(response.body)
        }
    }

    /// Checks `X-SecureScan-Signature` the way a receiver would.
    static func verifies(_ received: WebhookReceiver.Received, secret: String) -> Bool {
        guard let header = received.headers[HTTPField.Name("X-SecureScan-Signature")!] else { return false }
        let parts = Dictionary(uniqueKeysWithValues: header.split(separator: ",").map { part -> (String, String) in
            let pair = part.split(separator: "=", maxSplits: 1)
            return (String(pair[0]), String(pair.count > 1 ? pair[1] : ""))
        })
        guard let timestamp = parts["t"], let signature = parts["v1"] else { return false }
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(timestamp).\(received.body)".utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return Array(mac).hexString == signature
    }

    @Test(arguments: StoreBackend.allCases)
    func testDeliveriesAreSignedRetriedAndRecorded(_ backend: StoreBackend) async throws {
        let world = try TestServer.make("hooks-deliver", backend: backend)
        defer { world.remove() }
        let receiver = try await WebhookReceiver.start(statuses: [500])
        defer { receiver.stop() }
        try await world.application(allowedNetworks: Self.loopback).test(.router) { client in
            let hook = try await Self.create(client, world, url: receiver.url, events: ["scan.complete"])
            let id = try #require(hook["id"]?.stringValue)
            let secret = try #require(hook["secret"]?.stringValue)
            #expect(secret.count == 43)
            try await client.execute(uri: "/api/v1/webhooks/\(id)", method: .get, headers: world.headers(.admin)) { response in
                let parsed49 = try json(response.body)
                #expect(parsed49["secret"] == nil)
                #expect(!String(buffer: response.body).contains(secret))
            }
            let delivery = try await client.execute(uri: "/api/v1/webhooks/\(id)/test", method: .post, headers: world.headers(.admin)) { response in
                #expect(response.status == .accepted)
                return try json(response.body)["delivery_id"]?.stringValue
            }
            let received = try await receiver.waitFor(2, seconds: 20)
            try #require(received.count == 2, "the failed first attempt is retried")
            for request in received {
                #expect(Self.verifies(request, secret: secret))
                #expect(request.headers[HTTPField.Name("X-SecureScan-Event")!] == "webhook.test")
                #expect(request.headers[HTTPField.Name("X-SecureScan-Webhook-Id")!] == id)
            }
            let body = try JSONDecoder().decode(JSONValue.self, from: Data(received[1].body.utf8))
            #expect(body["event"] == "webhook.test")
            #expect(body["data"]?["message"] == "Test from SecureScan")
            try await Task.sleep(for: .milliseconds(300))
            try await client.execute(uri: "/api/v1/webhooks/\(id)/deliveries", method: .get, headers: world.headers(.admin)) { response in
                let rows = try json(response.body).arrayValue ?? []
                #expect(rows.first?["id"] == .optional(delivery))
                #expect(rows.first?["status"] == "succeeded")
                #expect(rows.first?["attempt"] == 2)
                #expect(rows.first?["response_code"] == 200)
                #expect(rows.first?["payload"] == nil)
            }
            // Secrets cannot be changed in place, and unknown fields are refused.
            try await client.execute(uri: "/api/v1/webhooks/\(id)", method: .patch, headers: world.headers(.admin).merging(.json),
                                     body: ByteBuffer(string: #"{"secret": "mine"}"#)) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/v1/webhooks/\(id)", method: .patch, headers: world.headers(.admin).merging(.json),
                                     body: ByteBuffer(string: #"{"enabled": false, "name": "renamed"}"#)) { response in
                let body = try json(response.body)
                #expect(body["enabled"] == false)
                #expect(body["name"] == "renamed")
            }
            try await client.execute(uri: "/api/v1/webhooks/\(id)", method: .delete, headers: world.headers(.admin)) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/webhooks/\(id)/deliveries", method: .get, headers: world.headers(.admin)) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func scanEventsReachSubscribedWebhooksAndSurviveARestart() async throws {
        let world = try TestServer.make("hooks-restart")
        defer { world.remove() }
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        // A first server creates the hook; then, with no server running, an event queues a delivery
        // (as `securescan scan` does when its receiver is down).
        let hook = try await world.application(allowedNetworks: Self.loopback).test(.router) { client in
            try await Self.create(client, world, url: receiver.url, events: ["scan.complete", "findings.new"])
        }
        let hookID = try #require(hook["id"]?.stringValue)
        let secret = try #require(hook["secret"]?.stringValue)
        for file in ["securescan.db", "securescan.db-wal"] {
            let raw = (try? String(contentsOf: world.output.appendingPathComponent(file), encoding: .isoLatin1)) ?? ""
            #expect(!raw.contains(secret), "the webhook secret is stored in clear in \(file)")
        }
        let event = ScanEvent(.scanComplete, ["target": "demo", "findings_count": 2, "severity_counts": ["critical": 1, "high": 1, "medium": 0, "low": 0, "info": 0]],
                              at: "2026-11-30T00:00:00Z")
        try world.store.appendEvent(event, scanID: TestServer.secondRun)
        try world.store.appendEvent(ScanEvent(.scanStart, ["target": "demo"], at: "2026-11-30T00:00:00Z"), scanID: TestServer.secondRun)
        // Claimed by a process that then died: still `delivering`.
        #expect(try world.store.claimDueDeliveries(now: Store.preciseTimestamp(Date()), limit: 10).count == 1)
        try await world.application(allowedNetworks: Self.loopback).test(.router) { _ in
            let received = try await receiver.waitFor(1)
            try #require(received.count == 1)
            let body = try JSONDecoder().decode(JSONValue.self, from: Data(received[0].body.utf8))
            #expect(body["event"] == "scan.complete")
            #expect(body["scan_id"] == .string(TestServer.secondRun))
            #expect(body["data"]?["severity_counts"]?["critical"] == 1)
            #expect(Self.verifies(received[0], secret: secret))
        }
        #expect(try world.store.deliveries(webhookID: hookID).map(\.status) == [.succeeded])
    }

    @Test func internalAndMalformedURLsAreRefused() async throws {
        let world = try TestServer.make("hooks-ssrf")
        defer { world.remove() }
        try await world.application().test(.router) { client in
            for url in ["http://10.0.0.5/hook", "http://127.0.0.1:9/x", "http://localhost/x", "http://[::1]/x", "http://169.254.169.254/latest",
                        "http://[::ffff:192.168.1.1]/x", "ftp://example.com/x", "http://user:pass@example.com/x", "not a url", "http://exa mple.com"] {
                let body = JSONValue.object(["name": "x", "url": .string(url), "event_filter": ["scan.complete"]]).compactJSON
                try await client.execute(uri: "/api/v1/webhooks", method: .post, headers: world.headers(.admin).merging(.json),
                                         body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .unprocessableContent, "\(url)")
                    let parsed141 = try json(response.body)
                    #expect(parsed141["detail"]?.stringValue?.hasPrefix("field 'url'") == true, "\(url)")
                }
            }
            for body in [#"{"name": "x", "url": "https://example.com/h", "event_filter": []}"#,
                         #"{"name": "x", "url": "https://example.com/h", "event_filter": ["scan.exploded"]}"#,
                         #"{"name": "", "url": "https://example.com/h", "event_filter": ["scan.complete"]}"#] {
                try await client.execute(uri: "/api/v1/webhooks", method: .post, headers: world.headers(.admin).merging(.json),
                                         body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .unprocessableContent, "\(body)")
                }
            }
            _ = try await Self.create(client, world, url: "https://hooks.slack.com/services/T000/B000/XXXX", events: ["scan.failed"])
        }
    }
}
