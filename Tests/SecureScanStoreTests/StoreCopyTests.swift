import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanStore

/// `db migrate-store`: a store with runs, verdicts, comments, keys, webhooks, deliveries, scans, events,
/// notifications and batches copied from SQLite up to PostgreSQL and back down reads back the same
/// through every method, and keeps working (new rows get new ids).
@Suite struct StoreCopyTests {
    static let time = "2026-12-04T10:00:00Z"

    /// A store with a little of everything.
    static func populate(_ store: Store) throws -> (keyToken: APIKeyToken, webhook: String) {
        let first = RunReport.sample(runID: "first")
        try store.save(first, targetPath: "/src/demo", artifactsDirectory: "/out/first", reuseKey: "k1")
        var second = RunReport.sample(runID: "second", previous: first.findings)
        second.baseRunID = "first"
        second.findings.removeLast()
        try store.save(second, targetPath: "/src/demo", artifactsDirectory: "/out/second",
                       events: [ScanEvent(.scanStart, at: time), ScanEvent(.scanComplete, ["risk": .int(3)], at: time)])
        try store.save(RunReport.large(2_500, runID: "large"), targetPath: "/src/large", artifactsDirectory: nil)
        let fingerprint = first.findings[0].fingerprint
        try store.setVerdict(TriageVerdict(fingerprint: fingerprint, status: .confirmed, updatedAt: time, updatedBy: "a"))
        try store.setVerdict(TriageVerdict(fingerprint: fingerprint, status: .acceptedRisk, note: "until Q1", expires: "2027-03-31", updatedAt: time))
        _ = try store.addComment(fingerprint, text: "looked at it", author: "alice", at: time)
        let (_, token) = try store.createKey(name: "ci", scopes: [.write], expiresAt: nil, createdBy: "cli", at: time)
        _ = try store.createKey(name: "old", scopes: [.read], expiresAt: "2026-01-01T00:00:00Z", createdBy: nil, at: time)
        let hook = try store.createWebhook(name: "chat", url: "https://hooks.example/x", eventFilter: [.scanFailed], sealedSecret: "sealed", at: time)
        try store.insertScan(StoredScan(id: "queued", targetPath: "/src/q", scanTypes: [.code], createdAt: time))
        try store.insertScan(StoredScan(id: "failed", targetPath: "/src/f", scanTypes: [.code], createdAt: time))
        _ = try store.finishScan(id: "failed", status: .failed, error: "boom", at: time, event: ScanEvent(.scanFailed, ["error": .string("boom")], at: time))
        try store.startBatch(id: "b1", file: "/b.yml", fileDigest: "d", shard: "1/1", targets: [("demo", "/src/demo")], at: time)
        try store.finishBatch(id: "b1", exitCode: 0, at: time)
        return (token, hook.id)
    }

    /// Everything the API shows, read through the store's methods.
    static func contents(_ store: Store, token: APIKeyToken, webhook: String) throws -> String {
        var lines: [String] = []
        lines.append("runs \(try store.runs().map { "\($0.id):\($0.sequence):\($0.target):\($0.riskScore)" })")
        for run in ["first", "second", "large"] {
            let report = try store.report(runID: run)
            lines.append("report \(run) \(report.findings.map(\.fingerprint)) \(report.components.count) \(report.diff.counts) \(report.scannerRuns.count)")
            lines.append("page \(run) \(try store.findings(runID: run, filter: .init(), limit: 50).map { "\($0.position)" })")
        }
        lines.append("previous \(try store.previousState(target: "demo").seenFingerprints.sorted())")
        lines.append("verdicts \(try store.verdicts().mapValues { "\($0.status) \($0.note ?? "") \($0.expires ?? "")" }.sorted { $0.key < $1.key })")
        let fingerprint = try store.report(runID: "first").findings[0].fingerprint
        lines.append("history \(try store.verdictHistory(fingerprint).map(\.status))")
        lines.append("comments \(try store.comments(fingerprint).map { "\($0.id) \($0.text)" })")
        lines.append("keys \(try store.keyPage(limit: 10).map { "\($0.position) \($0.key)" })")
        lines.append("key \(try store.key(matching: token)?.name ?? "none")")
        lines.append("webhooks \(try store.webhooks())")
        lines.append("deliveries \(try store.deliveries(webhookID: webhook).map { "\($0.id) \($0.status) \($0.event)" })")
        lines.append("scans \(try store.scans(limit: 20).map { "\($0.sequence) \($0.id) \($0.status) \($0.run?.id ?? "-")" })")
        lines.append("events \(try store.events(scanID: "second").map { "\($0.sequence) \($0.event.name)" })")
        lines.append("notifications \(try store.notifications(unreadOnly: false, limit: 20).map { "\($0.sequence) \($0.notification.title)" })")
        lines.append("batch \(try store.batch(id: "b1"))")
        return lines.joined(separator: "\n")
    }

    @Test func aStoreMovesUpToPostgreSQLAndBackDownUnchanged() throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sqlite = try Store.open(path: directory.appendingPathComponent("a.db").path)
        let (token, webhook) = try Self.populate(sqlite)
        let original = try Self.contents(sqlite, token: token, webhook: webhook)

        let postgres = try StoreBackend.postgres.makeStore()
        defer { postgres.close() }
        let copied = try sqlite.copy(to: postgres)
        let findings = try sqlite.read { try $0.value(Int.self, "SELECT COUNT(*) FROM findings") }
        #expect(copied.first { $0.table == "findings" }?.rows == findings)
        #expect(try Self.contents(postgres, token: token, webhook: webhook) == original)

        let back = try Store.open(path: directory.appendingPathComponent("b.db").path)
        _ = try postgres.copy(to: back)
        #expect(try Self.contents(back, token: token, webhook: webhook) == original)

        // The copies keep working: new rows take ids after the copied ones.
        for store in [postgres, back] {
            try store.save(RunReport.sample(runID: "third"), targetPath: "/src/demo", artifactsDirectory: nil)
            #expect(try store.runs().first?.id == "third")
            #expect(try store.runs().first!.sequence > store.runs()[1].sequence)
            _ = try store.createKey(name: "new", scopes: [.read], expiresAt: nil, createdBy: nil, at: Self.time)
            _ = try store.addComment(Fingerprint(rawValue: "fp1:x"), text: "new", author: nil, at: Self.time)
        }
    }

    @Test func aDestinationThatHoldsRowsIsRefusedAndLeftAlone() throws {
        let source = try Store.inMemory()
        try source.save(RunReport.sample(runID: "one"), targetPath: nil, artifactsDirectory: nil)
        let destination = try StoreBackend.postgres.makeStore()
        defer { destination.close() }
        _ = try destination.createKey(name: "existing", scopes: [.admin], expiresAt: nil, createdBy: nil, at: Self.time)
        #expect(throws: StoreError.destinationNotEmpty(store: destination.path, table: "api_keys", rows: 1)) { try source.copy(to: destination) }
        #expect(try destination.runs().isEmpty)
        #expect(try destination.keys().map(\.name) == ["existing"])
    }
}
