import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanReports
@testable import SecureScanScanners

/// With a fixed clock (SOURCE_DATE_EPOCH), two scans of the same tree into fresh outputs write the same
/// bytes in every artifact, the manifest and its signature; a different tree gets another run id, so
/// another CycloneDX serial number and SPDX namespace.
@Suite struct ReproducibleRunTests {
    static let templates = Fixtures.repositoryRoot.appendingPathComponent("templates").path

    func reproduciblePipeline() -> Pipeline {
        var pipeline = Pipeline(scanners: [SecretsScanner(), DockerfileScanner(), DependenciesScanner()],
                                now: { Date(timeIntervalSince1970: 1_764_374_400) })
        pipeline.derivesRunIDs = true
        return pipeline
    }

    func scan(_ tree: URL, key: ManifestSignature.SigningKey) async throws -> (outcome: ScanOutcome, output: URL) {
        let output = try Fixtures.makeTemporaryDirectory("repro")
        let request = ScanRequest(path: tree.path, outputRoot: output.path, templatesDirectory: Self.templates,
                                  vulnerabilityDatabase: output.appendingPathComponent("no-vulndb").path, signingKey: key)
        return (try await reproduciblePipeline().scan(request), output)
    }

    @Test func everyArtifactIsByteIdenticalAcrossTwoRuns() async throws {
        let key = ManifestSignature.SigningKey()
        let first = try await scan(DemoApp.url, key: key)
        let second = try await scan(DemoApp.url, key: key)
        defer {
            try? FileManager.default.removeItem(at: first.output)
            try? FileManager.default.removeItem(at: second.output)
        }
        #expect(first.outcome.report.runID == second.outcome.report.runID)
        let names = try FileManager.default.contentsOfDirectory(atPath: first.outcome.artifactsDirectory).sorted()
        let applicable = Formats.all.filter { $0.writtenByDefault && $0.applies(to: first.outcome.report) }
        #expect(names.count == applicable.count + 2, "\(names)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: second.outcome.artifactsDirectory).sorted() == names)
        for name in names {
            let a = try Data(contentsOf: URL(fileURLWithPath: first.outcome.artifactsDirectory).appendingPathComponent(name))
            let b = try Data(contentsOf: URL(fileURLWithPath: second.outcome.artifactsDirectory).appendingPathComponent(name))
            #expect(a == b, "\(name) differs between two runs of the same inputs")
        }
    }

    @Test func aDifferentTreeOrHistoryGetsAnotherRunIDAndSerialNumber() async throws {
        let key = ManifestSignature.SigningKey()
        let tree = try DemoApp.copy()
        let first = try await scan(tree, key: key)
        try Data("TOKEN = 'ghp_\(String(repeating: "a1B2", count: 9))'\n".utf8).write(to: tree.appendingPathComponent("extra.py"))
        let second = try await scan(tree, key: key)
        defer {
            try? FileManager.default.removeItem(at: tree.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: first.output)
            try? FileManager.default.removeItem(at: second.output)
        }
        #expect(first.outcome.report.runID != second.outcome.report.runID)
        func serial(_ outcome: ScanOutcome) throws -> String {
            let data = try Data(contentsOf: URL(fileURLWithPath: outcome.artifactsDirectory).appendingPathComponent("sbom.cdx.json"))
            return try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["serialNumber"] as? String)
        }
        func namespace(_ outcome: ScanOutcome) throws -> String {
            let data = try Data(contentsOf: URL(fileURLWithPath: outcome.artifactsDirectory).appendingPathComponent("sbom.spdx.json"))
            return try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["documentNamespace"] as? String)
        }
        #expect(try serial(first.outcome) != serial(second.outcome))
        #expect(try namespace(first.outcome) != namespace(second.outcome))
        // A second scan into the same store compares with the first: another run, another id.
        let request = ScanRequest(path: tree.path, outputRoot: second.output.path, templatesDirectory: Self.templates,
                                  vulnerabilityDatabase: second.output.appendingPathComponent("no-vulndb").path)
        let again = try await reproduciblePipeline().scan(request)
        #expect(again.report.baseRunID == second.outcome.report.runID)
        #expect(again.report.runID != second.outcome.report.runID)
    }

    @Test func withoutAFixedClockRunIDsStayUnique() {
        let date = Date(timeIntervalSince1970: 1_764_374_400)
        let ids = Set((0..<50).map { _ in Pipeline.defaultRunID(date) })
        #expect(ids.count > 45)
        #expect(ids.allSatisfy { $0.hasPrefix("20251129T000000Z-") && $0.count == 23 })
        #expect(Pipeline.derivedRunID(date, reuseKey: "a", baseRunID: nil) == Pipeline.derivedRunID(date, reuseKey: "a", baseRunID: nil))
        #expect(Pipeline.derivedRunID(date, reuseKey: "a", baseRunID: nil) != Pipeline.derivedRunID(date, reuseKey: "b", baseRunID: nil))
        #expect(UTCTimestamp.iso8601(date) == "2025-11-29T00:00:00Z")
        #expect(UTCTimestamp.compact(date) == "20251129T000000Z")
        #expect(UTCTimestamp.iso8601Milliseconds(date.addingTimeInterval(0.25)) == "2025-11-29T00:00:00.250Z")
        let formatter = ISO8601DateFormatter()
        for seconds in stride(from: -86_400.0 * 400, through: 86_400.0 * 40_000, by: 86_400.0 * 97.3) {
            let when = Date(timeIntervalSince1970: seconds)
            #expect(UTCTimestamp.iso8601(when) == formatter.string(from: when))
        }
    }
}
