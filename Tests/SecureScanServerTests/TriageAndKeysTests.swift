import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import SecureScanCore
import SecureScanScanners
@testable import SecureScanServer
@testable import SecureScanStore

/// Triage (verdicts with history, authored by the calling key; comments), API keys (shown once,
/// hierarchical scopes, `/keys/me`, lockout) and notifications.
@Suite struct TriageAndKeysTests {
    @Test(arguments: StoreBackend.allCases)
    func verdictsAreAuthoredByTheKeyKeptInHistoryAndOnlyForKnownFingerprints(_ backend: StoreBackend) async throws {
        let world = try TestServer.make("triage", backend: backend)
        defer { world.remove() }
        let fingerprint = try world.store.findings(runID: TestServer.secondRun)[0].fingerprint.rawValue
        let writer = try #require(try world.store.keys().first { $0.name == "write" })
        try await world.application().test(.router) { client in
            let uri = "/api/v1/findings/\(fingerprint)/state"
            for (status, expires) in [("triaged", "null"), ("accepted_risk", #""2027-01-31""#)] {
                try await client.execute(uri: uri, method: .patch, headers: world.headers(.write).merging(.json),
                                         body: ByteBuffer(string: #"{"status": "\#(status)", "note": "seen", "expires": \#(expires), "updated_by": "mallory"}"#)) { response in
                    #expect(response.status == .ok)
                    let body = try json(response.body)
                    #expect(body["updated_by"] == .string(writer.id), "the author is the key, not the client's claim")
                    #expect(body["status"] == .string(status == "triaged" ? "confirmed" : status))
                }
            }
            try await client.execute(uri: uri, method: .get, headers: world.headers(.read)) { response in
                let body = try json(response.body)
                #expect(body["current"]?["status"] == "accepted_risk")
                #expect(body["history"]?.arrayValue?.map { $0["status"]?.stringValue } == ["confirmed", "accepted_risk"])
                #expect(body["current"]?["justification"] == .null)
            }
            for bad in [#"{"status": "ignored"}"#, #"{"status": "fixed", "expires": "soon"}"#, #"{"note": "x"}"#, #"{"status": "fixed", "by": "x"}"#] {
                try await client.execute(uri: uri, method: .patch, headers: world.headers(.write).merging(.json), body: ByteBuffer(string: bad)) { response in
                    #expect(response.status == .unprocessableContent, "\(bad)")
                }
            }
            try await client.execute(uri: "/api/v1/findings/fp1:unknown/state", method: .patch, headers: world.headers(.write).merging(.json),
                                     body: ByteBuffer(string: #"{"status": "fixed"}"#)) { response in
                #expect(response.status == .notFound)
            }
            // `not_affected` takes one of OpenVEX's five justifications, and only that status takes one.
            for (bad, message) in [
                (#"{"status": "not_affected"}"#, "field 'justification' is required with status 'not_affected'"),
                (#"{"status": "not_affected", "justification": "unreachable"}"#, "field 'justification': 'unreachable' is not one of"),
                (#"{"status": "false_positive", "justification": "component_not_present"}"#, "field 'justification' is only for status 'not_affected'"),
            ] {
                try await client.execute(uri: uri, method: .patch, headers: world.headers(.write).merging(.json), body: ByteBuffer(string: bad)) { response in
                    #expect(response.status == .unprocessableContent, "\(bad)")
                    #expect(String(buffer: response.body).contains(message), "\(String(buffer: response.body))")
                }
            }
            let notAffected = #"{"status": "not_affected", "justification": "vulnerable_code_not_present", "note": "patched build"}"#
            try await client.execute(uri: uri, method: .patch, headers: world.headers(.write).merging(.json), body: ByteBuffer(string: notAffected)) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["status"] == "not_affected" && body["justification"] == "vulnerable_code_not_present")
            }
            #expect(try world.store.verdicts(for: [Fingerprint(rawValue: fingerprint)]).first?.value.justification == .vulnerableCodeNotPresent)
            #expect(try world.store.verdictHistory(Fingerprint(rawValue: fingerprint)).last?.justification == .vulnerableCodeNotPresent)
            try await client.execute(uri: uri, method: .patch, headers: world.headers(.write).merging(.json),
                                     body: ByteBuffer(string: #"{"status": "accepted_risk", "note": "seen", "expires": "2027-01-31"}"#)) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["justification"] == .null)
            }
            // Comments, oldest first, deleted by id under their own fingerprint only.
            let comments = "/api/v1/findings/\(fingerprint)/comments"
            var ids: [String] = []
            for text in ["first", "second"] {
                ids.append(try await client.execute(uri: comments, method: .post, headers: world.headers(.write).merging(.json),
                                                    body: ByteBuffer(string: #"{"text": "\#(text)"}"#)) { response in
                    #expect(response.status == .created)
                    return try json(response.body)["id"]!.stringValue!
                })
            }
            try await client.execute(uri: comments, method: .get, headers: world.headers(.read)) { response in
                let parsed54 = try json(response.body)
                #expect(parsed54.arrayValue?.map { $0["text"]?.stringValue } == ["first", "second"])
            }
            try await client.execute(uri: comments + "?limit=1", method: .get, headers: world.headers(.read)) { response in
                let parsed = try json(response.body).arrayValue ?? []
                #expect(parsed.map { $0["text"]?.stringValue } == ["first"])
                #expect(response.headers[HTTPField.Name("X-Next-Cursor")!] != nil)
            }
            try await client.execute(uri: "/api/v1/findings/fp1:other/comments/\(ids[0])", method: .delete, headers: world.headers(.write)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "\(comments)/\(ids[0])", method: .delete, headers: world.headers(.write)) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: comments, method: .post, headers: world.headers(.write).merging(.json),
                                     body: ByteBuffer(string: #"{"text": "   "}"#)) { response in
                #expect(response.status == .unprocessableContent)
            }
        }
        #expect(try world.store.verdicts(for: [Fingerprint(rawValue: fingerprint)]).first?.value.status == .acceptedRisk)
    }

    @Test(arguments: StoreBackend.allCases)
    func keysAreShownOnceScopedHierarchicallyAndTheLastAdminCannotBeRevoked(_ backend: StoreBackend) async throws {
        let world = try TestServer.make("keys", backend: backend)
        defer { world.remove() }
        let admin = try #require(try world.store.keys().first { $0.name == "admin" })
        try await world.application().test(.router) { client in
            let created = try await client.execute(uri: "/api/v1/keys", method: .post, headers: world.headers(.admin).merging(.json),
                                                   body: ByteBuffer(string: #"{"name": "ci", "scopes": ["write"], "expires_in_days": 30}"#)) { response in
                #expect(response.status == .created)
                return try json(response.body)
            }
            let plaintext = try #require(created["key"]?.stringValue)
            #expect(plaintext.hasPrefix("ssk_") && plaintext.count == 47)
            #expect(created["expires_at"]?.stringValue != nil)
            let key: HTTPFields = [HTTPField.Name("X-API-Key")!: plaintext]
            let bearer: HTTPFields = [.authorization: "Bearer \(plaintext)"]
            // write includes read.
            for headers in [key, bearer] {
                try await client.execute(uri: "/api/v1/scans", method: .get, headers: headers) { response in #expect(response.status == .ok) }
            }
            try await client.execute(uri: "/api/v1/keys/me", method: .get, headers: key) { response in
                let parsed90 = try json(response.body)
                #expect(parsed90["name"] == "ci")
            }
            try await client.execute(uri: "/api/v1/keys", method: .get, headers: key) { response in #expect(response.status == .forbidden) }
            let next = try await client.execute(uri: "/api/v1/keys?limit=3", method: .get, headers: world.headers(.admin)) { response in
                let parsed = try json(response.body).arrayValue ?? []
                #expect(parsed.first?["name"] == "ci", "newest first")
                #expect(parsed.count == 3)
                return try #require(response.headers[HTTPField.Name("X-Next-Cursor")!])
            }
            try await client.execute(uri: "/api/v1/keys?limit=3&cursor=\(next)", method: .get, headers: world.headers(.admin)) { response in
                let parsed = try json(response.body).arrayValue ?? []
                #expect(parsed.map { $0["name"]?.stringValue } == ["write", "read"])
                #expect(response.headers[HTTPField.Name("X-Next-Cursor")!] == nil)
            }
            try await client.execute(uri: "/api/v1/keys", method: .get, headers: world.headers(.admin)) { response in
                #expect(!String(buffer: response.body).contains(plaintext))
                let parsed95 = try json(response.body)
                #expect(parsed95.arrayValue?.count == 5)
            }
            // The other admin key is revoked, so the caller's own key is the last one: refused.
            let revoked = try #require(try world.store.keys().first { $0.name == "revoked" })
            try await client.execute(uri: "/api/v1/keys/\(revoked.id)", method: .delete, headers: world.headers(.admin)) { response in
                #expect(response.status == .noContent, "revoking a revoked key is a no-op")
            }
            try await client.execute(uri: "/api/v1/keys/\(admin.id)", method: .delete, headers: world.headers(.admin)) { response in
                #expect(response.status == .conflict)
                let parsed104 = try json(response.body)
                #expect(parsed104["detail"]?.stringValue?.contains("last active admin key") == true)
            }
            try await client.execute(uri: "/api/v1/keys/nope", method: .delete, headers: world.headers(.admin)) { response in
                #expect(response.status == .notFound)
            }
            let id = try #require(created["id"]?.stringValue)
            try await client.execute(uri: "/api/v1/keys/\(id)", method: .delete, headers: world.headers(.admin)) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/scans", method: .get, headers: key) { response in
                #expect(response.status == .unauthorized)
                let parsed115 = try json(response.body)
                #expect(parsed115["detail"]?.stringValue?.contains("revoked") == true)
            }
        }
        // With SECURESCAN_API_KEY set there is always an admin credential, so the last admin key may go.
        try await world.application(environmentKey: "env-secret-value").test(.router) { client in
            try await client.execute(uri: "/api/v1/keys/me", method: .get, headers: [HTTPField.Name("X-API-Key")!: "env-secret-value"]) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/keys/\(admin.id)", method: .delete, headers: [HTTPField.Name("X-API-Key")!: "env-secret-value"]) { response in
                #expect(response.status == .noContent)
            }
        }
    }

    @Test func noKeyMeansNoAccessAndSaysHowToCreateOne() async throws {
        let output = try Fixtures.makeTemporaryDirectory("keys-none")
        defer { try? FileManager.default.removeItem(at: output) }
        let app = try SecureScanServer.application(ServerConfiguration(port: 0, outputRoot: output.path))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/scans", method: .get) { response in
                #expect(response.status == .unauthorized)
                let parsed136 = try json(response.body)
                #expect(parsed136["detail"]?.stringValue?.contains("securescan keys create") == true)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func notificationsListCountAndMarkRead(_ backend: StoreBackend) async throws {
        let world = try TestServer.make("notifications", backend: backend)
        defer { world.remove() }
        for (index, name) in [ScanEvent.Name.scanFailed, .scannerFailed, .scanStart].enumerated() {
            try world.store.appendEvent(ScanEvent(name, ["error": .string("boom \(index)"), "scanner": "semgrep"], at: "2026-11-30T00:00:0\(index)Z"),
                                        scanID: TestServer.secondRun)
        }
        try await world.application().test(.router) { client in
            let list = try await client.execute(uri: "/api/v1/notifications?limit=1", method: .get, headers: world.headers(.read)) { response in
                #expect(response.headers[HTTPField.Name("X-Next-Cursor")!] != nil)
                return try json(response.body).arrayValue ?? []
            }
            #expect(list.first?["type"] == "scanner.failed")
            #expect(list.first?["body"] == "semgrep failed: boom 1")
            try await client.execute(uri: "/api/v1/notifications/unread-count", method: .get, headers: world.headers(.read)) { response in
                let parsed156 = try json(response.body)
                #expect(parsed156["count"] == 2)
            }
            let id = try #require(list.first?["id"]?.stringValue)
            try await client.execute(uri: "/api/v1/notifications/\(id)/read", method: .patch, headers: world.headers(.write)) { response in
                let parsed160 = try json(response.body)
                #expect(parsed160["read_at"]?.stringValue != nil)
            }
            try await client.execute(uri: "/api/v1/notifications?unread_only=true", method: .get, headers: world.headers(.read)) { response in
                let parsed163 = try json(response.body)
                #expect(parsed163.arrayValue?.map { $0["type"]?.stringValue } == ["scan.failed"])
            }
            try await client.execute(uri: "/api/v1/notifications/read-all", method: .patch, headers: world.headers(.write)) { response in
                let parsed166 = try json(response.body)
                #expect(parsed166["marked_read"] == 1)
            }
            try await client.execute(uri: "/api/v1/notifications/read-all", method: .patch, headers: world.headers(.write)) { response in
                let parsed169 = try json(response.body)
                #expect(parsed169["marked_read"] == 0)
            }
            try await client.execute(uri: "/api/v1/notifications/nope/read", method: .patch, headers: world.headers(.write)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/notifications?limit=201", method: .get, headers: world.headers(.read)) { response in
                #expect(response.status == .unprocessableContent)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func dashboardAndComplianceAnswerFromTheStore(_ backend: StoreBackend) async throws {
        let world = try TestServer.make("dashboard", backend: backend)
        defer { world.remove() }
        try await world.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/dashboard/status", method: .get, headers: world.headers(.read)) { response in
                let scanners = try json(response.body)["scanners"]?.arrayValue ?? []
                #expect(scanners.map { $0["name"]?.stringValue } == SecureScanScanners.Scanners.ids.map { Optional($0) })
                #expect(scanners.first?["version"]?.stringValue?.isEmpty == false)
            }
            try await client.execute(uri: "/api/v1/dashboard/stats", method: .get, headers: world.headers(.read)) { response in
                let body = try json(response.body)
                #expect(body["total_scans"] == 2)
                #expect(body["completed_scans"] == 2)
                #expect(body["open_findings_latest"]?["total"] == 2)
            }
            try await client.execute(uri: "/api/v1/dashboard/trends?days=365", method: .get, headers: world.headers(.read)) { response in
                let points = try json(response.body)["data"]?.arrayValue ?? []
                #expect(points.first?["date"] == "2026-11-29")
                #expect(points.first?["total_findings"] == 2)
            }
            try await client.execute(uri: "/api/v1/dashboard/trends?days=0", method: .get, headers: world.headers(.read)) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/v1/dashboard/browse", method: .get, headers: world.headers(.read)) { response in
                let body = try json(response.body)
                #expect(body["entries"]?.arrayValue?.map { $0["name"]?.stringValue } == ["webapp"])
                #expect(body["parent"] == .null)
            }
            for (path, status) in [("/etc", HTTPResponse.Status.forbidden), ("/definitely/missing", .badRequest)] {
                try await client.execute(uri: "/api/v1/dashboard/browse?path=\(path)", method: .get, headers: world.headers(.read)) { response in
                    #expect(response.status == status, "\(path)")
                }
            }
            try await client.execute(uri: "/api/v1/dashboard/install/secrets", method: .post, headers: world.headers(.admin)) { response in
                #expect(response.status == .badRequest)
                let parsed215 = try json(response.body)
                #expect(parsed215["detail"]?.stringValue?.contains("built in") == true)
            }
            try await client.execute(uri: "/api/v1/compliance/coverage?scan_id=\(TestServer.secondRun)&framework=owasp-top10-2021",
                                     method: .get, headers: world.headers(.read)) { response in
                let entry = try #require(try json(response.body)["coverage"]?.arrayValue?.first)
                #expect(entry["total_controls"] == 10)
                let a07 = entry["controls"]?.arrayValue?.first { $0["id"] == "A07" }
                #expect(a07?["status"] == "findings")
            }
            try await client.execute(uri: "/api/v1/compliance/coverage", method: .get, headers: world.headers(.read)) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/v1/compliance/frameworks", method: .get, headers: world.headers(.read)) { response in
                let parsed228 = try json(response.body)
                #expect(parsed228["frameworks"]?.arrayValue?.count == ComplianceFramework.all.count)
            }
        }
    }
}
