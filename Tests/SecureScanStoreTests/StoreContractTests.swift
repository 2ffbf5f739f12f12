import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanStore

/// Everything the store does besides saving runs, each test run against both backends: the same calls
/// give the same answers from an SQLite file and from a PostgreSQL server.
@Suite struct StoreContractTests {
    static let time = "2026-12-04T10:00:00Z"

    @Test(arguments: StoreBackend.allCases)
    func aStoredRunReadsBackAsTheSameReport(_ backend: StoreBackend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        var first = RunReport.sample(runID: "first")
        first.notes = ["1 symbolic link not followed: loop", "1 file larger than 10 MiB not scanned: dump.sql"]
        first.scannerRuns[0].skippedEntries = 3
        try store.save(first, targetPath: "/src/demo", artifactsDirectory: "/out/demo/first", reuseKey: "key-1")
        var second = RunReport.sample(runID: "second", previous: first.findings)
        second.baseRunID = "first"
        second.findings.removeLast()
        try store.save(second, targetPath: "/src/demo", artifactsDirectory: "/out/demo/second")
        let report = try store.report(runID: "first")
        #expect(report.findings == first.findings)
        #expect(report.components == first.components.sorted { ($0.purl, $0.manifestPath) < ($1.purl, $1.manifestPath) })
        #expect(report.scannerRuns == first.scannerRuns.sorted { $0.scanner < $1.scanner })
        #expect(report.gate == first.gate && report.riskScore == first.riskScore && report.configDigest == first.configDigest)
        #expect(report.notes == first.notes)
        #expect(try store.report(runID: "second").diff.fixed.map(\.fingerprint) == [first.findings.last!.fingerprint])
        #expect(try store.runs(target: "demo").map(\.id) == ["second", "first"])
        #expect(try store.run(id: "first").artifactsDirectory == "/out/demo/first")
        #expect(try store.recentRuns(perTarget: 5, target: "other", targetLimit: 1)["demo"]?.map(\.id) == ["second", "first"])
        #expect(try store.recentRuns(perTarget: 5, target: "demo", targetLimit: 1)["demo"]?.map(\.id) == ["second"])
        #expect(try store.recentRuns(perTarget: 5, target: "demo", targetLimit: 5, only: "nobody").isEmpty)
        #expect(try store.targets().map(\.name) == ["demo"] && store.targets().map(\.runs) == [2])
        #expect(try store.fingerprints(runID: "second").count == second.findings.count)
        let last = try #require(try store.lastRun(target: "demo"))
        #expect(last.summary.id == "second" && last.reuseKey == nil)
        // Pages: a filter, a cursor, and an accept predicate that skips rows.
        let all = try store.findings(runID: "first", filter: .init(), limit: 1_000)
        #expect(all.map(\.finding) == first.findings)
        let firstPage = try store.findings(runID: "first", filter: .init(), limit: 2)
        let nextPage = try store.findings(runID: "first", filter: .init(), after: firstPage.last?.position, limit: 1_000)
        #expect((firstPage + nextPage).map(\.finding) == first.findings)
        let severity = first.findings[0].severity
        #expect(try store.findings(runID: "first", filter: .init(severities: [severity]), limit: 1_000).map(\.finding)
                == first.findings.filter { $0.severity == severity })
        #expect(try store.findings(runID: "first", filter: .init(), limit: 1_000) { $0.fingerprint != first.findings[0].fingerprint }.count
                == first.findings.count - 1)
        #expect(throws: StoreError.unknownRun(id: "nope")) { try store.findings(runID: "nope", filter: .init(), limit: 1) }
        let statistics = try store.statistics()
        #expect(statistics.completedScans == 2 && statistics.targets == 1 && statistics.totalScans == 2)
        #expect(statistics.latestRiskScores == ["demo": second.riskScore])
        #expect(try store.runsForTrend(since: "2000-01-01T00:00:00Z", target: nil).map(\.id) == ["first", "second"])
        #expect(try store.integrityCheck() == "ok")
        // Pruning keeps the newest run and says which artifact directories to remove.
        #expect(try store.pruneRuns(target: "demo", keep: 1) == ["/out/demo/first"])
        #expect(try store.runs().map(\.id) == ["second"])
        #expect(throws: StoreError.unknownTarget(name: "other")) { try store.pruneRuns(target: "other", keep: 1) }
    }

    @Test(arguments: StoreBackend.allCases)
    func keysAreCreatedFoundRevokedAndTheLastAdminIsKept(_ backend: StoreBackend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        #expect(try !store.hasActiveKeys(at: Self.time))
        let (admin, adminToken) = try store.createKey(name: "ops", scopes: [.admin, .read], expiresAt: nil, createdBy: "cli", at: Self.time)
        let (reader, _) = try store.createKey(name: "auditor", scopes: [.read], expiresAt: "2027-01-01T00:00:00Z", createdBy: admin.id, at: Self.time)
        #expect(admin.scopes == [.read, .admin])
        #expect(try store.key(matching: adminToken)?.id == admin.id)
        #expect(try store.hasActiveKeys(at: Self.time))
        #expect(try store.keys().map(\.id) == [reader.id, admin.id])
        let page = try store.keyPage(limit: 1)
        #expect(page.map(\.key.id) == [reader.id])
        #expect(try store.keyPage(limit: 5, before: page[0].position).map(\.key.id) == [admin.id])
        try store.touchKey(id: reader.id, at: "2026-12-04T11:00:00Z")
        #expect(try store.key(id: reader.id).lastUsedAt == "2026-12-04T11:00:00Z")
        #expect(throws: StoreError.lastAdminKey(id: admin.id)) { try store.revokeKey(id: admin.id, at: Self.time, protectLastAdmin: true) }
        #expect(try store.revokeKey(id: reader.id, at: Self.time, protectLastAdmin: true).revokedAt == Self.time)
        #expect(throws: StoreError.unknownKey(id: "missing")) { try store.key(id: "missing") }
    }

    @Test(arguments: StoreBackend.allCases)
    func verdictsKeepTheirHistoryAndCommentsPage(_ backend: StoreBackend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        let fingerprint = Fingerprint(rawValue: "fp1:abc")
        try store.setVerdict(TriageVerdict(fingerprint: fingerprint, status: .confirmed, updatedAt: "2026-12-04T01:00:00Z", updatedBy: "a"))
        try store.setVerdict(TriageVerdict(fingerprint: fingerprint, status: .falsePositive, note: "test data", updatedAt: "2026-12-04T02:00:00Z"))
        #expect(try store.verdicts()[fingerprint]?.status == .falsePositive)
        #expect(try store.verdicts()[fingerprint]?.note == "test data")
        #expect(try store.verdictHistory(fingerprint).map(\.status) == [.confirmed, .falsePositive])
        #expect(try store.verdictHistory(fingerprint).first?.updatedBy == "a")
        let comments = try (0..<3).map { try store.addComment(fingerprint, text: "note \($0)", author: "alice", at: Self.time) }
        #expect(try store.comments(fingerprint).map(\.text) == ["note 0", "note 1", "note 2"])
        let first = try store.commentPage(fingerprint, limit: 2)
        #expect(try store.commentPage(fingerprint, limit: 2, after: first.last?.position).map(\.comment.id) == [comments[2].id])
        try store.deleteComment(id: comments[1].id, fingerprint: fingerprint)
        #expect(throws: StoreError.unknownComment(id: comments[1].id)) { try store.deleteComment(id: comments[1].id, fingerprint: fingerprint) }
        #expect(try store.comments(fingerprint).count == 2)
    }

    @Test(arguments: StoreBackend.allCases)
    func scansMoveThroughTheirLifecycleWithEventsNotificationsAndDeliveries(_ backend: StoreBackend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        let hook = try store.createWebhook(name: "ci", url: "https://hooks.example/x", eventFilter: [.scanFailed, .scanCancelled],
                                           sealedSecret: "sealed", at: Self.time)
        for id in ["s1", "s2", "s3"] {
            try store.insertScan(StoredScan(id: id, targetPath: "/src/\(id)", scanTypes: [.code, .dependency], scanners: ["semgrep"],
                                            requestedBy: "key1", createdAt: Self.time))
        }
        #expect(try store.pendingScanIDs() == ["s1", "s2", "s3"])
        #expect(try store.markScanRunning(id: "s1", target: "demo", at: Self.time))
        #expect(try !store.markScanRunning(id: "s1", target: "demo", at: Self.time), "a running scan was started twice")
        #expect(try store.appendEvent(ScanEvent(.scanStart, ["target": .string("demo")], at: Self.time), scanID: "s1") == 1)
        #expect(try store.appendEvent(ScanEvent(.scannerStart, ["scanner": .string("semgrep")], at: Self.time), scanID: "s1") == 2)
        #expect(try store.finishScan(id: "s1", status: .failed, error: "boom", at: Self.time,
                                     event: ScanEvent(.scanFailed, ["error": .string("boom")], at: Self.time)))
        #expect(try !store.finishScan(id: "s1", status: .cancelled, error: nil, at: Self.time,
                                      event: ScanEvent(.scanCancelled, at: Self.time)))
        #expect(try store.events(scanID: "s1").map(\.event.name) == [.scanStart, .scannerStart, .scanFailed])
        #expect(try store.events(scanID: "s1", after: 2).map(\.sequence) == [3])
        let failed = try store.scan(id: "s1")
        #expect(failed.status == .failed && failed.error == "boom" && failed.attempts == 1 && failed.target == "demo")
        #expect(failed.scanners == ["semgrep"] && failed.scanTypes == [.code, .dependency])
        // The failure raised a notification and a delivery to the subscribed webhook.
        #expect(try store.unreadNotificationCount() == 1)
        let notification = try #require(try store.notifications(unreadOnly: true, limit: 10).first)
        #expect(try store.markNotificationRead(id: notification.notification.id, at: Self.time).readAt == Self.time)
        #expect(try store.markAllNotificationsRead(at: Self.time) == 0)
        #expect(try store.pruneReadNotifications(olderThan: "2030-01-01T00:00:00Z") == 1)
        #expect(try store.pendingDeliveryCount() == 1)
        let claimed = try store.claimDueDeliveries(now: "2030-01-01T00:00:00.000Z", limit: 5)
        #expect(claimed.map(\.webhookID) == [hook.id] && claimed.first?.status == .delivering)
        #expect(try store.claimDueDeliveries(now: "2030-01-01T00:00:00.000Z", limit: 5).isEmpty, "a delivery was claimed twice")
        try store.finishDelivery(id: claimed[0].id, status: .succeeded, responseCode: 204, responseBody: "", error: nil, retryAt: nil, at: Self.time)
        #expect(try store.delivery(id: claimed[0].id)?.status == .succeeded)
        #expect(try store.delivery(id: claimed[0].id)?.attempt == 1)
        #expect(try store.pendingDeliveryCount() == 0)
        // A restart requeues a running API scan, and fails it once it has been started too often.
        #expect(try store.markScanRunning(id: "s2", target: nil, at: Self.time))
        #expect(try store.requeueInterruptedScans(maxAttempts: 2, at: Self.time) == (["s2"], []))
        #expect(try store.markScanRunning(id: "s2", target: nil, at: Self.time))
        #expect(try store.requeueInterruptedScans(maxAttempts: 2, at: Self.time) == ([], ["s2"]))
        #expect(try store.scan(id: "s2").status == .failed)
        // Lists, heads, and deletion.
        #expect(try store.scans(limit: 10).map(\.id) == ["s3", "s2", "s1"])
        #expect(try store.scans(limit: 10, status: .pending).map(\.id) == ["s3"])
        let heads = try store.scanHeads(limit: 2)
        #expect(heads.map(\.id) == ["s3", "s2"])
        #expect(try store.scanHeads(limit: 5, before: heads.last?.sequence).map(\.id) == ["s1"])
        #expect(Set(try store.scans(ids: ["s1", "s3", "nope"]).map(\.id)) == ["s1", "s3"])
        #expect(throws: StoreError.scanActive(id: "s3", status: "pending")) { try store.deleteScan(id: "s3") }
        #expect(try store.deleteScan(id: "s1").id == "s1")
        #expect(try store.events(scanID: "s1").isEmpty)
        #expect(throws: StoreError.unknownScan(id: "s1")) { try store.scan(id: "s1") }
    }

    @Test(arguments: StoreBackend.allCases)
    func webhooksAreUpdatedPagedAndDeletedWithTheirDeliveries(_ backend: StoreBackend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        let first = try store.createWebhook(name: "a", url: "https://a.example", eventFilter: [.scanComplete], sealedSecret: "s1", at: Self.time)
        let second = try store.createWebhook(name: "b", url: "https://b.example", eventFilter: [.findingsNew], sealedSecret: "s2", at: Self.time)
        #expect(try store.webhooks().map(\.id) == [second.id, first.id])
        let page = try store.webhookPage(limit: 1)
        #expect(try store.webhookPage(limit: 5, before: page[0].position).map(\.webhook.id) == [first.id])
        let updated = try store.updateWebhook(id: first.id, name: nil, url: "https://a2.example", eventFilter: nil, enabled: false, at: "later")
        #expect(updated.url == "https://a2.example" && updated.name == "a" && !updated.enabled && updated.updatedAt == "later")
        #expect(try store.webhookForDelivery(id: second.id)?.sealedSecret == "s2")
        let payload = WebhookPayload(event: .webhookTest, scanID: nil, data: ["hello": .string("world")], occurredAt: Self.time)
        let delivery = try store.enqueueDelivery(payload, webhookID: second.id)
        #expect(try store.deliveries(webhookID: second.id).map(\.id) == [delivery])
        #expect(try store.deliveryPage(webhookID: second.id, limit: 5).first?.delivery.payload == payload.stored)
        #expect(try store.claimDueDeliveries(now: "2999-01-01T00:00:00.000Z", limit: 1).map(\.id) == [delivery])
        #expect(try store.resetInFlightDeliveries(at: Self.time) == 1)
        try store.deleteWebhook(id: second.id)
        #expect(try store.delivery(id: delivery) == nil)
        #expect(throws: StoreError.unknownWebhook(id: second.id)) { try store.deleteWebhook(id: second.id) }
        #expect(throws: StoreError.unknownWebhook(id: second.id)) { try store.enqueueDelivery(payload, webhookID: second.id) }
    }

    @Test(arguments: StoreBackend.allCases)
    func batchesRecordTheirTargetsReusedScansAndCompletion(_ backend: StoreBackend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        try store.startBatch(id: "b1", file: "/etc/batch.yml", fileDigest: "sha256:1", shard: "1/1",
                             targets: [("demo", "/src/demo"), ("other", "/src/other")], at: Self.time)
        #expect(try store.unfinishedBatch(file: "/etc/batch.yml", shard: "1/1")?.id == "b1")
        let report = RunReport.sample(runID: "run-1")
        try store.save(report, targetPath: "/src/demo", artifactsDirectory: nil, reuseKey: "reuse-1",
                       batch: BatchTargetMark(batchID: "b1", target: "demo"))
        let reusable = try #require(try store.lastRun(target: "demo"))
        #expect(reusable.reuseKey == "reuse-1")
        try store.recordReusedScan(id: "scan-2", reusing: reusable, targetPath: "/src/demo", origin: .batch, at: Self.time, batch: nil)
        #expect(try store.scan(id: "scan-2").status == .reused)
        #expect(try store.scan(id: "scan-2").run?.id == "run-1")
        try store.markBatchTarget(BatchTargetMark(batchID: "b1", target: "other"), status: .failed, scanID: nil, error: "no such directory", at: Self.time)
        let batch = try store.batch(id: "b1")
        #expect(batch.targets.map(\.status) == [.completed, .failed])
        #expect(batch.targets.map(\.position) == [0, 1] && batch.targets[1].error == "no such directory")
        try store.finishBatch(id: "b1", exitCode: 1, at: Self.time)
        #expect(try store.batch(id: "b1").status == .finished && store.batch(id: "b1").exitCode == 1)
        #expect(try store.unfinishedBatch(file: "/etc/batch.yml", shard: "1/1") == nil)
        try store.recordBatchCompletion(batchID: "b1", data: ["targets": .int(2)], title: "Batch done", body: "1 failed",
                                        level: .warning, at: Self.time)
        #expect(try store.notifications(unreadOnly: true, limit: 5).map(\.notification.type) == [WebhookEvent.batchComplete.rawValue])
        #expect(throws: StoreError.unknownBatch(id: "b2")) { try store.batch(id: "b2") }
    }

    /// An API scan cancelled while it ran is not saved: its run never appears.
    @Test(arguments: StoreBackend.allCases)
    func aCancelledAPIScanIsNotSaved(_ backend: StoreBackend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        let report = RunReport.sample(runID: "api-1")
        try store.insertScan(StoredScan(id: "api-1", targetPath: "/src", scanTypes: [.code], createdAt: Self.time))
        #expect(try store.markScanRunning(id: "api-1", target: nil, at: Self.time))
        #expect(try store.finishScan(id: "api-1", status: .cancelled, error: nil, at: Self.time, event: ScanEvent(.scanCancelled, at: Self.time)))
        #expect(throws: StoreError.scanNoLongerRunning(id: "api-1")) {
            try store.save(report, targetPath: "/src", artifactsDirectory: nil, origin: .api)
        }
        #expect(try store.runs().isEmpty)
    }
}

/// A stored scan event is announced (`NOTIFY`) to every process watching that scan, so event streams on
/// other replicas read it at once; SQLite has no announcements (streams read the table).
@Suite struct EventSignalTests {
    @Test func anEventStoredByOneProcessIsAnnouncedToAnother() async throws {
        let writer = try StoreBackend.postgres.makeStore()
        defer { writer.close() }
        guard case .postgres(let database) = writer.backend else { return }
        let watcher = try Store.open(.postgres(database.location))
        defer { watcher.close() }
        let start = try #require(watcher.eventSignal(scanID: "s1"))
        #expect(watcher.eventSignal(scanID: "other") == 0)
        try writer.insertScan(StoredScan(id: "s1", targetPath: "/src", scanTypes: [.code], createdAt: "2026-12-04T00:00:00Z"))
        try writer.appendEvent(ScanEvent(.scanStart, at: "2026-12-04T00:00:00Z"), scanID: "s1")
        let deadline = Date().addingTimeInterval(5)
        while watcher.eventSignal(scanID: "s1") == start, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(watcher.eventSignal(scanID: "s1") == start + 1)
        #expect(watcher.eventSignal(scanID: "other") == 0)
        #expect(try Store.inMemory().eventSignal(scanID: "s1") == nil)
    }
}

/// Batch claims under contention: eight claimers (each with connections of its own, as eight processes)
/// take the targets of one batch; every target is claimed and completed exactly once. A claim whose lease
/// ran out is taken over, and the first holder can then no longer complete it.
@Suite struct BatchClaimTests {
    @Test(arguments: StoreBackend.allCases)
    func eightClaimersCompleteEveryTargetOnce(_ backend: StoreBackend) async throws {
        let first = try backend.makeStore()
        defer { first.close() }
        let targets = (0..<200).map { (name: String(format: "t%03d", $0), path: "/src/\($0)") }
        let (batch, joined) = try first.joinOrStartBatch(id: "b1", file: "/b.yml", fileDigest: "d", shard: "1/1", targets: targets,
                                                          at: "2026-12-04T00:00:00Z", exclusive: false)
        #expect(!joined && batch.targets.count == 200)
        #expect(try first.joinOrStartBatch(id: "b2", file: "/b.yml", fileDigest: "d", shard: "1/1", targets: targets,
                                           at: "2026-12-04T00:00:01Z", exclusive: false).batch.id == "b1")
        let done = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<8 {
                // On threads of their own, as processes are: eight loops of blocking store calls would
                // otherwise hold the test process's few cooperative threads.
                group.addTask {
                    try await Blocking.run {
                        // SQLite in memory is one database per handle: its claimers share the one store.
                        let store = backend == .sqlite ? first : try Store.open(.postgres(try Self.location(first)))
                        defer { if backend == .postgres { store.close() } }
                        var mine: [String] = []
                        while let claim = try store.claimBatchTarget(batchID: "b1", worker: "w\(worker)", leaseSeconds: 60) {
                            try store.markBatchTarget(claim.mark, status: .completed, scanID: nil, error: nil, at: "2026-12-04T00:00:02Z")
                            mine.append(claim.target)
                        }
                        return mine
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(done.count == 200 && Set(done).count == 200, "\(done.count) completions of \(Set(done).count) targets")
        #expect(try first.batch(id: "b1").targets.allSatisfy { $0.status == .completed && $0.attempts == 1 })
        #expect(try first.batchBacklog(batchID: "b1") == (0, 0))
        #expect(try first.finishBatch(id: "b1", exitCode: 0, at: "2026-12-04T00:00:03Z"))
        #expect(try !first.finishBatch(id: "b1", exitCode: 0, at: "2026-12-04T00:00:03Z"), "a batch was finished twice")
    }

    @Test(arguments: StoreBackend.allCases)
    func aClaimWhoseLeaseRanOutIsTakenOverAndCannotCompleteAnyMore(_ backend: StoreBackend) async throws {
        let store = try backend.makeStore()
        defer { store.close() }
        _ = try store.joinOrStartBatch(id: "b1", file: "/b.yml", fileDigest: "d", shard: "1/1", targets: [("only", "/src")],
                                       at: "2026-12-04T00:00:00Z", exclusive: false)
        let stale = try #require(try store.claimBatchTarget(batchID: "b1", worker: "dead", leaseSeconds: 0.5))
        #expect(try store.claimBatchTarget(batchID: "b1", worker: "other", leaseSeconds: 60) == nil, "a live claim was taken")
        #expect(try store.batchBacklog(batchID: "b1") == (1, 0))
        try await Task.sleep(for: .milliseconds(800))
        let taken = try #require(try store.claimBatchTarget(batchID: "b1", worker: "other", leaseSeconds: 60))
        #expect(taken.attempts == 2)
        #expect(try !store.renewBatchClaim(stale, leaseSeconds: 60))
        #expect(throws: StoreError.batchClaimLost(batchID: "b1", target: "only")) {
            try store.markBatchTarget(stale.mark, status: .failed, scanID: nil, error: "late", at: "2026-12-04T00:00:01Z")
        }
        #expect(try store.renewBatchClaim(taken, leaseSeconds: 60))
        try store.markBatchTarget(taken.mark, status: .completed, scanID: nil, error: nil, at: "2026-12-04T00:00:02Z")
        #expect(try store.batch(id: "b1").targets.map(\.status) == [.completed])
    }

    static func location(_ store: Store) throws -> PostgresLocation {
        guard case .postgres(let database) = store.backend else { throw StoreError.readFailed(reason: "not a PostgreSQL store") }
        return database.location
    }
}

/// A PostgreSQL store whose connection is cut in the middle of saving a run (the server terminates the
/// session just before the commit) retries the whole transaction on a new connection: the run is stored
/// once, whole.
@Suite struct PostgresConnectionLossTests {
    @Test func aRunWhoseConnectionIsCutBeforeItsCommitIsStoredOnceWhole() async throws {
        try await Blocking.run { try Self.connectionCutBeforeCommit() }
    }

    static func connectionCutBeforeCommit() throws {
        let location = try StoreBackend.newDatabase()
        let store = try Store.open(.postgres(location))
        defer { store.close() }
        let cluster = try PostgresCluster.shared()
        let report = RunReport.large(3_000)
        var attempts = 0
        try store.save(report, targetPath: "/src", artifactsDirectory: nil) {
            attempts += 1
            guard attempts == 1 else { return }
            // Every session of this database but psql's own: the save's connection among them. Each
            // termination is waited for (up to 10 s), so the commit cannot slip in before it.
            try cluster.psql("""
                SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity
                WHERE datname = '\(location.database)' AND pid <> pg_backend_pid()
                """, database: location.database)
        }
        #expect(attempts == 2)
        #expect(try store.runs().map(\.id) == [report.runID])
        #expect(try store.findings(runID: report.runID).count == report.findings.count)
        #expect(try store.previousState(target: report.target.name).seenFingerprints.count == Set(report.findings.map(\.fingerprint)).count)
    }

    /// A server that stays away: the transaction gives up after its retries with the server named.
    /// On a thread of its own: the retries sleep about 15 s, which would hold one of the test process's
    /// few cooperative threads (and starve tests that time things).
    @Test func aServerThatStaysDownFailsTheSaveNamingIt() async throws {
        try await Blocking.run { try Self.serverThatStaysDown() }
    }

    static func serverThatStaysDown() throws {
        let cluster = try PostgresCluster.start()
        let location = try PostgresLocation(url: cluster.url, fromEnvironment: false,
                                            environment: ["PGPASSWORD": cluster.password, "HOME": "/nonexistent"])
        let store = try Store.open(.postgres(location))
        defer { store.close() }
        cluster.stop()
        let started = Date()
        do {
            try store.save(RunReport.sample(), targetPath: nil, artifactsDirectory: nil)
            Issue.record("a run was saved with the server down")
        } catch {
            #expect(error == .serverUnreachable(server: location.description, reason: "Connection refused"), "\(error)")
        }
        #expect(Date().timeIntervalSince(started) > 10, "gave up before the retries")
    }
}

/// Both backends' schemas have the same tables with the same columns in the same order (PostgreSQL adds
/// an explicit `rowid` where SQLite has an implicit one).
@Suite struct SchemaParityTests {
    @Test func everyTableHasTheSameColumnsOnBothBackends() throws {
        let sqlite = try Store.inMemory()
        let postgres = try StoreBackend.postgres.makeStore()
        defer { postgres.close() }
        func columns(_ store: Store, _ sql: String) throws -> [String: [String]] {
            try store.read { db in
                Dictionary(grouping: try db.rows(sql), by: { $0[0] as String }).mapValues { $0.map { $0[1] as String } }
            }
        }
        let lite = try columns(sqlite, """
            SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name != 'grdb_migrations' ORDER BY m.name, p.cid
            """)
        var server = try columns(postgres, """
            SELECT table_name::text, column_name::text FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name != 'securescan_migrations' ORDER BY table_name, ordinal_position
            """)
        for (table, names) in server { server[table] = names.filter { $0 != "rowid" } }
        #expect(server == lite)
    }
}
