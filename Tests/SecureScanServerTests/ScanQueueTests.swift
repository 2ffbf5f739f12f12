import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanScanners
@testable import SecureScanServer
@testable import SecureScanStore

/// `POST /scans` runs the real pipeline in the server's worker pool: queue positions, the SSE stream
/// (with resume), cancellation that kills scanner processes, event tokens, request validation and the
/// rate limit.
@Suite(.serialized) struct ScanQueueTests {
    static func create(_ client: some TestClientProtocol, _ world: TestServer, path: String, extra: String = "") async throws -> JSONValue {
        try await client.execute(uri: "/api/v1/scans", method: .post, headers: world.headers(.write).merging(.json),
                                 body: ByteBuffer(string: #"{"target_path": "\#(path)"\#(extra)}"#)) { response in
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            return try json(response.body)
        }
    }

    /// Polls until the scan reaches a terminal state.
    static func wait(_ client: some TestClientProtocol, _ world: TestServer, _ id: String) async throws -> JSONValue {
        for _ in 0..<300 {
            let scan = try await client.execute(uri: "/api/v1/scans/\(id)", method: .get, headers: world.headers(.read)) { try json($0.body) }
            if let status = scan["status"]?.stringValue, ScanStatus(rawValue: status)?.isTerminal == true { return scan }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("scan \(id) did not finish")
        return .null
    }

    @Test(arguments: StoreBackend.allCases)
    func aQueuedScanRunsThePipelineAndStreamsResumableEvents(_ backend: StoreBackend) async throws {
        let world = try TestServer.make("queue-run", backend: backend)
        defer { world.remove() }
        try await world.application().test(.live) { client in
            let created = try await Self.create(client, world, path: world.scanRoot.appendingPathComponent("webapp").path,
                                                extra: #", "scan_types": ["code", "iac"], "target_name": "webapp""#)
            let id = try #require(created["id"]?.stringValue)
            #expect(created["status"] == "pending")
            #expect(created["requested_by"]?.stringValue?.count == 10)
            let stream = try await client.execute(uri: "/api/v1/scans/\(id)/events", method: .get, headers: world.headers(.read)) { response in
                #expect(response.headers[.contentType] == "text/event-stream")
                return String(buffer: response.body)
            }
            let names = stream.split(separator: "\n").filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
            #expect(names.first == "scan.start")
            #expect(names.last == "scan.complete")
            #expect(names.contains("scanner.start") && names.contains("scanner.complete") && names.contains("findings.new"))
            let ids = stream.split(separator: "\n").filter { $0.hasPrefix("id: ") }.compactMap { Int($0.dropFirst(4)) }
            #expect(ids == Array(1...ids.count))
            // Resuming after event 2 replays from 3 on.
            let resumed = try await client.execute(uri: "/api/v1/scans/\(id)/events", method: .get,
                                                   headers: world.headers(.read).merging([HTTPField.Name("Last-Event-ID")!: "2"])) { String(buffer: $0.body) }
            #expect(resumed.split(separator: "\n").first { $0.hasPrefix("id: ") } == "id: 3")
            let scan = try await Self.wait(client, world, id)
            #expect(scan["status"] == "completed")
            #expect(scan["target"] == "webapp")
            #expect(scan["scanners_run"] == ["dockerfile", "git-hygiene", "secrets"])
            #expect((scan["findings_count"]?.intValue ?? 0) >= 2)
            try await client.execute(uri: "/api/v1/scans/\(id)/findings?severity=critical", method: .get, headers: world.headers(.read)) { response in
                let findings = try json(response.body).arrayValue ?? []
                #expect(findings.first?["rule_id"] == "secrets/aws-access-token")
                // The secret is stored and served only redacted.
                #expect(!String(buffer: response.body).contains("AKIAQ3EGVP7IWUFYJDPY"))
            }
            try await client.execute(uri: "/api/v1/notifications", method: .get, headers: world.headers(.read)) { response in
                let types = (try json(response.body).arrayValue ?? []).compactMap { $0["type"]?.stringValue }
                #expect(types.contains("findings.new") && types.contains("scan.complete"))
            }
        }
        #expect(FileManager.default.fileExists(atPath: world.output.appendingPathComponent("webapp/latest/report.html").path))
    }

    @Test(arguments: StoreBackend.allCases)
    func cancellingKillsTheScannerProcessAndQueuedScansWait(_ backend: StoreBackend) async throws {
        let world = try TestServer.make("queue-cancel", backend: backend)
        defer { world.remove() }
        let pidFile = world.output.appendingPathComponent("slow.pid").path
        let app = try world.application(workers: 1, scanners: [SlowToolScanner(pidFile: pidFile), SecretsScanner()])
        try await app.test(.router) { client in
            let path = world.scanRoot.appendingPathComponent("webapp").path
            let first = try await Self.create(client, world, path: path, extra: #", "scanners": ["slowtool"]"#)["id"]!.stringValue!
            // The worker takes the first scan (on a shared store, through its claim) before the second is queued.
            for _ in 0..<100 {
                let scan = try await client.execute(uri: "/api/v1/scans/\(first)", method: .get, headers: world.headers(.read)) { try json($0.body) }
                if scan["status"] == "running" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let second = try await Self.create(client, world, path: path, extra: #", "scanners": ["slowtool"]"#)
            #expect(second["queue_position"] == 1)
            var pid: pid_t = 0
            for _ in 0..<200 where pid == 0 {
                pid = pid_t((try? String(contentsOfFile: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(pid > 0)
            #expect(kill(pid, 0) == 0)
            // The queued one is cancelled without ever starting.
            let secondID = second["id"]!.stringValue!
            try await client.execute(uri: "/api/v1/scans/\(secondID)/cancel", method: .post, headers: world.headers(.write)) { response in
                let parsed96 = try json(response.body)
                #expect(parsed96["status"] == "cancelled")
            }
            try await client.execute(uri: "/api/v1/scans/\(first)/cancel", method: .post, headers: world.headers(.write)) { response in
                let body = try json(response.body)
                #expect(body["status"] == "cancelled")
                #expect(body["error"] == "Scan cancelled by user")
            }
            var alive = true
            for _ in 0..<100 where alive {
                alive = kill(pid, 0) == 0
                if alive { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(!alive, "the scanner's sleep process survived the cancel")
            try await client.execute(uri: "/api/v1/scans/\(first)/cancel", method: .post, headers: world.headers(.write)) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/api/v1/scans/\(first)/events", method: .get, headers: world.headers(.read)) { response in
                #expect(String(buffer: response.body).contains("event: scan.cancelled"))
            }
            #expect(try world.store.scan(id: first).run == nil)
            #expect(try world.store.scan(id: secondID).startedAt == nil)
        }
    }

    @Test func badScanRequestsAreRefusedWithTheFieldNamed() async throws {
        let world = try TestServer.make("queue-bad")
        defer { world.remove() }
        try await world.application(rateLimit: nil).test(.router) { client in
            let webapp = world.scanRoot.appendingPathComponent("webapp").path
            let cases: [(String, HTTPResponse.Status, String)] = [
                (#"{"target_path": "/etc"}"#, .forbidden, "outside the server's scan roots"),
                (#"{"target_path": "\#(webapp)/missing"}"#, .badRequest, "Path does not exist"),
                (#"{"target_path": "\#(webapp)/Dockerfile"}"#, .badRequest, "not a directory"),
                (#"{"target_path": "\#(webapp)", "scan_types": ["quantum"]}"#, .unprocessableContent, "scan_types[0]"),
                (#"{"target_path": "\#(webapp)", "scan_types": []}"#, .unprocessableContent, "scan_types"),
                (#"{"target_path": "\#(webapp)", "scan_types": ["baseline"]}"#, .unprocessableContent, "no registered scanner"),
                (#"{"target_path": "\#(webapp)", "scanners": ["nope"]}"#, .unprocessableContent, "unknown scanner 'nope'"),
                (#"{"target_path": "\#(webapp)", "colour": "blue"}"#, .unprocessableContent, "unknown field 'colour'"),
                (#"{"target_path": 42}"#, .unprocessableContent, "'target_path' must be a string"),
                (#"{"target_path": "\#(webapp)", "target_name": "../x"}"#, .unprocessableContent, "target_name"),
                (#"{}"#, .unprocessableContent, "'target_path' is required"),
                (#"["target_path"]"#, .unprocessableContent, "must be a JSON object"),
                (#"{"target_path": "#, .unprocessableContent, "not valid JSON"),
                ("", .unprocessableContent, "body is required"),
            ]
            for (body, status, message) in cases {
                try await client.execute(uri: "/api/v1/scans", method: .post, headers: world.headers(.write).merging(.json), body: ByteBuffer(string: body)) { response in
                    #expect(response.status == status, "\(body)")
                    let detail = try json(response.body)["detail"]?.stringValue ?? ""
                    #expect(detail.contains(message), "\(body): \(detail)")
                }
            }
            try await client.execute(uri: "/api/v1/scans", method: .post, headers: world.headers(.write).merging([.contentType: "text/plain"]),
                                     body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            let huge = #"{"target_path": ""# + String(repeating: "a", count: 1 << 20) + #""}"#
            try await client.execute(uri: "/api/v1/scans", method: .post, headers: world.headers(.write).merging(.json), body: ByteBuffer(string: huge)) { response in
                #expect(response.status == .contentTooLarge)
                let parsed155 = try json(response.body)
                #expect(parsed155["detail"] != nil)
            }
        }
        #expect(try world.store.scans(limit: 10).count == 2)
    }

    @Test func scanCreationIsRateLimitedPerKey() async throws {
        let world = try TestServer.make("queue-limit")
        defer { world.remove() }
        try await world.application(rateLimit: (perMinute: 60, burst: 2)).test(.router) { client in
            let body = #"{"target_path": "/etc"}"#
            for expected in [HTTPResponse.Status.forbidden, .forbidden, .tooManyRequests] {
                try await client.execute(uri: "/api/v1/scans", method: .post, headers: world.headers(.write).merging(.json), body: ByteBuffer(string: body)) { response in
                    #expect(response.status == expected)
                    #expect(response.headers[HTTPField.Name("X-RateLimit-Limit")!] == "60")
                    if expected == .tooManyRequests {
                        #expect(response.headers[.retryAfter] == "1")
                        #expect(response.headers[HTTPField.Name("X-RateLimit-Remaining")!] == "0")
                        let parsed173 = try json(response.body)
                        #expect(parsed173["retry_after"] == 1)
                    }
                }
            }
            // Another key has its own bucket; an unauthenticated caller never reaches the limiter.
            try await client.execute(uri: "/api/v1/scans", method: .post, headers: world.headers(.admin).merging(.json), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/scans", method: .post, headers: .json, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func eventTokensOpenOneScansStreamWithoutAHeader() async throws {
        let world = try TestServer.make("queue-token")
        defer { world.remove() }
        try await world.application().test(.router) { client in
            let run = TestServer.secondRun
            let token = try await client.execute(uri: "/api/v1/scans/\(run)/event-token", method: .post, headers: world.headers(.read)) { response in
                #expect(response.headers[.cacheControl] == "no-store")
                let body = try json(response.body)
                #expect(body["expires_in"] == 300)
                return try #require(body["token"]?.stringValue)
            }
            try await client.execute(uri: "/api/v1/scans/\(run)/events?event_token=\(token)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("event: scan.complete"))
            }
            try await client.execute(uri: "/api/v1/scans/\(TestServer.firstRun)/events?event_token=\(token)", method: .get) { response in
                #expect(response.status == .unauthorized)
                let parsed204 = try json(response.body)
                #expect(parsed204["detail"] == "Token does not match scan id")
            }
            try await client.execute(uri: "/api/v1/scans/\(run)/events?event_token=garbage", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            // A token is not a key anywhere else.
            try await client.execute(uri: "/api/v1/scans/\(run)?event_token=\(token)", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
