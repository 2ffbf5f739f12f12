import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import SecureScanCore
import SecureScanReports
@testable import SecureScanServer
@testable import SecureScanStore

/// `/scans`: listing with cursors, findings with filters and pages, compare by fingerprint, summaries,
/// stored and re-rendered artifacts, deletion.
@Suite struct ScansAPITests {
    @Test(arguments: StoreBackend.allCases)
    func scansArePagedNewestFirstWithACursor(_ backend: StoreBackend) async throws {
        let world = try TestServer.make("scans-list", backend: backend)
        defer { world.remove() }
        try await world.application().test(.router) { client in
            let next = try await client.execute(uri: "/api/v1/scans?limit=1", method: .get, headers: world.headers(.read)) { response -> String in
                let page = try json(response.body).arrayValue ?? []
                #expect(page.map { $0["id"]?.stringValue } == [TestServer.secondRun])
                #expect(response.headers[HTTPField.Name("Link")!]?.contains("rel=\"next\"") == true)
                return try #require(response.headers[HTTPField.Name("X-Next-Cursor")!])
            }
            try await client.execute(uri: "/api/v1/scans?limit=1&cursor=\(next)", method: .get, headers: world.headers(.read)) { response in
                let parsed24 = try json(response.body)
                #expect(parsed24.arrayValue?.map { $0["id"]?.stringValue } == [TestServer.firstRun])
                #expect(response.headers[HTTPField.Name("X-Next-Cursor")!] == nil)
            }
            try await client.execute(uri: "/api/v1/scans?status=running", method: .get, headers: world.headers(.read)) { response in
                let parsed28 = try json(response.body)
                #expect(parsed28.arrayValue?.isEmpty == true)
            }
            for bad in ["limit=0", "limit=abc", "cursor=zzz", "status=done"] {
                try await client.execute(uri: "/api/v1/scans?\(bad)", method: .get, headers: world.headers(.read)) { response in
                    #expect(response.status == .unprocessableContent, "\(bad)")
                }
            }
            try await client.execute(uri: "/api/v1/scans/\(TestServer.secondRun)", method: .get, headers: world.headers(.read)) { response in
                let scan = try json(response.body)
                #expect(scan.compactJSON == String(buffer: response.body))
                #expect(scan["status"] == "completed")
                #expect(scan["base_scan_id"] == "20261128T000000Z-000000")
                #expect(scan["scanners_skipped"]?.arrayValue?.first?["name"] == "semgrep")
                #expect(scan["scanners_failed"]?.arrayValue?.first?["status"] == "timed_out")
                #expect(scan["site_url"] == .string("/site/demo/\(TestServer.secondRun)/"))
                #expect(scan["completed_at"]?.stringValue?.hasSuffix("Z") == true)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func findingsFilterAndPageInCanonicalOrderWithTriageState(_ backend: StoreBackend) async throws {
        let world = try TestServer.make("scans-findings", backend: backend)
        defer { world.remove() }
        let all = try world.store.findings(runID: TestServer.secondRun)
        let verdict = TriageVerdict(fingerprint: all[0].fingerprint, status: .confirmed, note: "real", updatedAt: "2026-11-30T00:00:00Z", updatedBy: "x")
        try world.store.setVerdict(verdict)
        try await world.application().test(.router) { client in
            let uri = "/api/v1/scans/\(TestServer.secondRun)/findings"
            var collected: [String] = []
            var cursor: String?
            repeat {
                cursor = try await client.execute(uri: uri + "?limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""), method: .get, headers: world.headers(.read)) { response in
                    collected += (try json(response.body).arrayValue ?? []).compactMap { $0["fingerprint"]?.stringValue }
                    return response.headers[HTTPField.Name("X-Next-Cursor")!]
                }
            } while cursor != nil
            #expect(collected == all.map(\.fingerprint.rawValue))
            try await client.execute(uri: uri, method: .get, headers: world.headers(.read)) { response in
                // Written straight to bytes, in the same canonical form (sorted keys) as every other response.
                #expect(try json(response.body).compactJSON == String(buffer: response.body))
                let first = try #require(try json(response.body).arrayValue?.first)
                #expect(first["state"]?["status"] == "confirmed")
                #expect(first["state"]?["note"] == "real")
                // Every field of FindingState, the justification too (null unless not_affected).
                #expect(first["state"]?["justification"] == .null)
                #expect(first["compliance_tags"]?.arrayValue?.contains("owasp-top10-2021:A07") == true)
            }
            let cases: [(String, Int)] = [("severity=critical", 1), ("severity=high,critical", 2), ("suppressed=true", 1), ("suppressed=false", 2),
                                          ("scan_type=iac", 2), ("compliance=A07", 1), ("compliance=owasp-top10-2021:A07", 1),
                                          ("scanner=dockerfile", 2), ("triage=confirmed", 1), ("triage=open", 2), ("change=unchanged", 3)]
            for (query, count) in cases {
                try await client.execute(uri: uri + "?" + query, method: .get, headers: world.headers(.read)) { response in
                    #expect(response.status == .ok, "\(query)")
                    let parsed76 = try json(response.body)
                    #expect(parsed76.arrayValue?.count == count, "\(query)")
                }
            }
            for bad in ["severity=huge", "scan_type=x", "limit=0", "suppressed=maybe", "triage=happy", "cursor=!!"] {
                try await client.execute(uri: uri + "?" + bad, method: .get, headers: world.headers(.read)) { response in
                    let body = try json(response.body)
                    #expect(response.status == .unprocessableContent, "\(bad)")
                    #expect(body["detail"]?.stringValue?.isEmpty == false)
                }
            }
            try await client.execute(uri: "/api/v1/scans/no-such-scan/findings", method: .get, headers: world.headers(.read)) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    /// `kev` and `min_epss` keep the vulnerabilities being exploited, on the cached path and the streamed one.
    @Test(arguments: StoreBackend.allCases)
    func findingsFilterByKnownExploitationAndEPSS(_ backend: StoreBackend) async throws {
        let world = try TestServer.make("scans-kev", backend: backend)
        defer { world.remove() }
        let runID = "20261201T000000Z-cccccc"
        var report = RunReport.sample(runID: runID, previous: try world.store.findings(runID: TestServer.secondRun))
        report.findings[0].properties[KnownExploited.property] = "true"
        report.findings[0].properties[ExploitPrediction.property] = "0.94"
        report.findings[1].properties[ExploitPrediction.property] = "0.02"
        try world.store.save(report, targetPath: "/src/demo", artifactsDirectory: nil)
        let fingerprints = report.findings.map(\.fingerprint.rawValue)
        for cacheBytes in [64 << 20, 0] {
            try await world.application(cacheBytes: cacheBytes).test(.router) { client in
                let uri = "/api/v1/scans/\(runID)/findings?"
                for (query, expected) in [("kev=true", [0]), ("kev=false", [1, 2]), ("min_epss=0.5", [0]), ("min_epss=0.01", [0, 1]),
                                          ("min_epss=0", [0, 1]), ("kev=true&min_epss=0.95", []), ("kev=false&min_epss=0.01", [1])] {
                    try await client.execute(uri: uri + query, method: .get, headers: world.headers(.read)) { response in
                        #expect(response.status == .ok, "\(query)")
                        let listed = (try json(response.body).arrayValue ?? []).compactMap { $0["fingerprint"]?.stringValue }
                        #expect(listed == expected.map { fingerprints[$0] }, "\(query), cache \(cacheBytes)")
                    }
                }
                for bad in ["min_epss=2", "min_epss=high", "kev=maybe"] {
                    try await client.execute(uri: uri + bad, method: .get, headers: world.headers(.read)) { response in
                        #expect(response.status == .unprocessableContent, "\(bad)")
                    }
                }
            }
        }
    }

    /// The cached path (runs read once, filtered in memory) and the streamed one (filters in SQL) give the
    /// same bytes for every filter, page and cursor.
    @Test func cachedAndStreamedFindingsAreIdentical() async throws {
        let world = try TestServer.make("scans-cache")
        defer { world.remove() }
        let queries = ["", "?limit=1", "?severity=critical,low", "?suppressed=false", "?compliance=A07", "?scanner=dockerfile&limit=1",
                       "?triage=open", "?change=unchanged&scan_type=iac"]
        func bodies(_ cacheBytes: Int) async throws -> [String] {
            try await world.application(cacheBytes: cacheBytes).test(.router) { client in
                var bodies: [String] = []
                for query in queries {
                    for _ in 0..<2 {
                        var uri = "/api/v1/scans/\(TestServer.secondRun)/findings" + query
                        while true {
                            let (body, next) = try await client.execute(uri: uri, method: .get, headers: world.headers(.read)) { response in
                                (String(buffer: response.body), response.headers[HTTPField.Name("X-Next-Cursor")!])
                            }
                            bodies.append(body)
                            guard let next else { break }
                            uri = "/api/v1/scans/\(TestServer.secondRun)/findings" + (query.isEmpty ? "?" : query + "&") + "cursor=\(next)"
                        }
                    }
                }
                try await client.execute(uri: "/api/v1/scans", method: .get, headers: world.headers(.read)) { bodies.append(String(buffer: $0.body)) }
                return bodies
            }
        }
        let cached = try await bodies(64 << 20)
        let streamed = try await bodies(0)
        #expect(cached == streamed)
        #expect(cached.count > queries.count * 2)
    }

    @Test(arguments: StoreBackend.allCases)
    func compareUsesFingerprintsAndSummaryCounts(_ backend: StoreBackend) async throws {
        let world = try TestServer.make("scans-compare", backend: backend)
        defer { world.remove() }
        try await world.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/scans/compare?scan_a=\(TestServer.firstRun)&scan_b=\(TestServer.secondRun)", method: .get,
                                     headers: world.headers(.read)) { response in
                let body = try json(response.body)
                #expect(body.compactJSON == String(buffer: response.body))
                #expect(body["same_target"] == true)
                #expect(body["summary"]?["new_count"] == 0)
                #expect(body["summary"]?["unchanged_count"] == 3)
                #expect(body["summary"]?["risk_delta"] == 0)
            }
            try await client.execute(uri: "/api/v1/scans/compare?scan_a=\(TestServer.firstRun)", method: .get, headers: world.headers(.read)) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/v1/scans/compare?scan_a=nope&scan_b=\(TestServer.secondRun)", method: .get, headers: world.headers(.read)) { response in
                #expect(response.status == .notFound)
                let parsed109 = try json(response.body)
                #expect(parsed109["detail"]?.stringValue?.hasPrefix("Scan A not found") == true)
            }
            try await client.execute(uri: "/api/v1/scans/\(TestServer.secondRun)/summary", method: .get, headers: world.headers(.read)) { response in
                let body = try json(response.body)
                #expect(body["total_findings"] == 2)
                #expect(body["critical"] == 1)
                #expect(body["suppressed"] == 1)
                #expect(body["scanners_run"] == ["dockerfile", "secrets"])
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func reportsAndSBOMsAreServedFromTheRunOrRenderedFromTheStore(_ backend: StoreBackend) async throws {
        let world = try TestServer.make("scans-report", backend: backend)
        defer { world.remove() }
        try await world.application().test(.router) { client in
            let base = "/api/v1/scans/\(TestServer.secondRun)"
            try await client.execute(uri: base + "/report", method: .get, headers: world.headers(.read)) { response in
                #expect(String(buffer: response.body) == "<h1>stored report</h1>")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
            try await client.execute(uri: base + "/report?format=sarif", method: .get, headers: world.headers(.read)) { response in
                #expect(response.headers[.contentType] == "application/sarif+json")
                #expect(response.headers[.contentDisposition]?.contains(".sarif") == true)
                let parsed133 = try json(response.body)
                #expect(parsed133["version"] == "2.1.0")
            }
            try await client.execute(uri: base + "/report?format=pdf", method: .get, headers: world.headers(.read)) { response in
                #expect(response.headers[.contentType] == "application/pdf")
                #expect(String(buffer: response.body).hasPrefix("%PDF-"))
            }
            try await client.execute(uri: "/api/v1/scans/\(TestServer.firstRun)/report", method: .get, headers: world.headers(.read)) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<html") && html.contains("AWS access key ID"))
            }
            try await client.execute(uri: base + "/sbom", method: .get, headers: world.headers(.read)) { response in
                #expect(response.headers[.contentType] == "application/vnd.cyclonedx+json")
                let parsed145 = try json(response.body)
                #expect(parsed145["bomFormat"] == "CycloneDX")
            }
            try await client.execute(uri: base + "/sbom?format=spdx", method: .get, headers: world.headers(.read)) { response in
                let parsed148 = try json(response.body)
                #expect(parsed148["spdxVersion"] == "SPDX-2.3")
            }
            try await client.execute(uri: base + "/report?format=docx", method: .get, headers: world.headers(.read)) { response in
                #expect(response.status == .unprocessableContent)
            }
            // Every format, by its id and by each alias, under the endpoint of its kind, with its media type.
            for format in Formats.all {
                let endpoint = format.kind == .sbom ? "/sbom" : "/report"
                for name in [format.id] + format.aliases {
                    try await client.execute(uri: base + endpoint + "?format=" + name, method: .get, headers: world.headers(.read)) { response in
                        // The sample run found no vulnerability in a package: it has no VEX document, and says so.
                        if format is OpenVEXJSON {
                            #expect(response.status == .notFound, "\(name)")
                            #expect(String(buffer: response.body).contains("found no vulnerability in a package"))
                            return
                        }
                        #expect(response.status == .ok, "\(endpoint)?format=\(name)")
                        #expect(response.headers[.contentType]?.hasPrefix(format.mediaType) == true, "\(name): \(response.headers[.contentType] ?? "-")")
                        #expect(response.body.readableBytes > 0, "\(name)")
                    }
                }
            }
        }
        // Rendering from the store never adds a file to the signed artifact set.
        #expect(!FileManager.default.fileExists(atPath: world.output.appendingPathComponent("demo/\(TestServer.secondRun)/findings.sarif").path))
    }

    @Test(arguments: StoreBackend.allCases)
    func deleteRemovesTheRunAndItsArtifacts(_ backend: StoreBackend) async throws {
        let world = try TestServer.make("scans-delete", backend: backend)
        defer { world.remove() }
        let directory = world.output.appendingPathComponent("demo/\(TestServer.secondRun)")
        try await world.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/scans/\(TestServer.secondRun)", method: .delete, headers: world.headers(.read)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/scans/\(TestServer.secondRun)", method: .delete, headers: world.headers(.write)) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/scans/\(TestServer.secondRun)", method: .delete, headers: world.headers(.write)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/scans", method: .get, headers: world.headers(.read)) { response in
                let parsed173 = try json(response.body)
                #expect(parsed173.arrayValue?.map { $0["id"]?.stringValue } == [TestServer.firstRun])
            }
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path))
        #expect(try world.store.findings(runID: TestServer.firstRun).count == 3)
        // `latest` now names the remaining run, and the site pages list only it.
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: world.output.appendingPathComponent("demo/latest").path) == TestServer.firstRun)
        let page = try String(contentsOf: world.output.appendingPathComponent("demo/index.html"), encoding: .utf8)
        #expect(page.contains(TestServer.firstRun) && !page.contains(TestServer.secondRun))
    }
}
