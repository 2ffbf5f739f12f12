import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanScanners
@testable import SecureScanStore

/// What a command-line run leaves for the server: its event stream, the notifications it raised, and
/// triage verdicts from the API applied to the next run.
@Suite struct ScanEventsTests {
    func request(_ path: URL, output: URL) -> ScanRequest {
        ScanRequest(path: path.path, outputRoot: output.path, templatesDirectory: PipelineTests.templates,
                    vulnerabilityDatabase: output.appendingPathComponent("no-vulndb").path)
    }

    @Test func aCommandLineRunStoresItsEventsAndNotificationsWithTheRun() async throws {
        let output = try Fixtures.makeTemporaryDirectory("events")
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try await Pipeline(scanners: [SecretsScanner(), DockerfileScanner()]).scan(request(DemoApp.url, output: output))
        let store = try Store.open(outcome.database)
        let events = try store.events(scanID: outcome.report.runID)
        let names = events.map(\.event.name)
        #expect(names.first == .scanStart)
        #expect(names.last == .scanComplete)
        #expect(names.filter { $0 == .scannerComplete }.count == 2)
        #expect(names.contains(.findingsNew))
        #expect(events.map(\.sequence) == Array(1...events.count))
        let complete = try #require(events.last?.event)
        #expect(complete.data["findings_count"]?.intValue == outcome.report.counts.total)
        #expect(complete.data["run_id"]?.stringValue == outcome.report.runID)
        let scan = try store.scan(id: outcome.report.runID)
        #expect(scan.status == .completed)
        #expect(scan.origin == .cli)
        #expect(scan.scanTypes == [.code, .iac])
        let types = try store.notifications(unreadOnly: true, limit: 10).map(\.notification.type)
        #expect(Set(types) == ["scan.complete", "findings.new"])
        // The findings.new payload names findings, never their secret values.
        let newFindings = try #require(events.first { $0.event.name == .findingsNew }).event
        #expect(!JSONValue.object(newFindings.data).compactJSON.contains("AKIAB3SKCZTKMBF6JDPY"))
    }

    @Test func aFalsePositiveVerdictSuppressesTheFindingInLaterRuns() async throws {
        let output = try Fixtures.makeTemporaryDirectory("triage-run")
        defer { try? FileManager.default.removeItem(at: output) }
        let pipeline = Pipeline(scanners: [SecretsScanner()])
        let first = try await pipeline.scan(request(DemoApp.url, output: output))
        let target = try #require(first.report.findings.first { $0.severity == .critical })
        let store = try Store.open(first.database)
        try store.setVerdict(TriageVerdict(fingerprint: target.fingerprint, status: .falsePositive, note: "test fixture",
                                           updatedAt: "2026-12-01T00:00:00Z", updatedBy: "abcdefghij"))
        try store.setVerdict(TriageVerdict(fingerprint: first.report.findings.last!.fingerprint, status: .acceptedRisk,
                                           expires: "2020-01-01", updatedAt: "2026-12-01T00:00:00Z"))
        var gated = request(DemoApp.url, output: output)
        gated.gate = GatePolicy(maxFindings: first.report.counts.total - 1)
        let second = try await pipeline.scan(gated)
        let suppressed = try #require(second.report.findings.first { $0.fingerprint == target.fingerprint })
        #expect(suppressed.suppression == Suppression(source: .triage, reason: "false_positive: test fixture"))
        #expect(second.report.findings.first { $0.fingerprint == first.report.findings.last!.fingerprint }?.suppression == nil,
                "an expired acceptance no longer suppresses")
        #expect(second.report.counts.total == first.report.counts.total - 1)
        #expect(second.report.gate.passed)
    }
}
