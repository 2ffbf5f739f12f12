import Foundation
import Testing
import SecureScanCore
import TestSupport
@testable import SecureScanStore

/// A batch shared through a PostgreSQL store: three processes (each with its own output folder, as on
/// three hosts) run the same batch file; one is killed with SIGKILL in the middle of a target. The
/// others take its target over when its lease runs out, every target is completed exactly once, and
/// the summary and `batch.complete` happen once.
@Suite(.serialized) struct SharedBatchTests {
    @Test func workersShareOneBatchAndAKilledOnesTargetIsTakenOver() async throws {
        let root = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = try BatchResumeTests.makeTargets(root)
        let cluster = try PostgresCluster.shared()
        let url = try cluster.makeDatabase()
        let environment = ["SECURESCAN_DATABASE_URL": url, "PGPASSWORD": cluster.password, "SECURESCAN_BATCH_LEASE_SECONDS": "3"]
        func arguments(_ index: Int) -> [String] {
            ["batch", file.path, "--output", root.appendingPathComponent("host\(index)").path, "--jobs", "1"]
        }
        // The victim starts first and is killed once it has finished 3 targets and started a scanner of a 4th.
        async let victim = BatchResumeTests.runAndKill(arguments(1) + ["--log-format", "json"], after: 3, environment: environment)
        try await Task.sleep(for: .milliseconds(300))
        async let second = CommandLineTests.run(arguments(2) + ["--json"], environment: environment)
        async let third = CommandLineTests.run(arguments(3) + ["--json"], environment: environment)
        let (killedAfter, survivors) = try await (victim, [second, third])
        #expect(killedAfter >= 3)
        var finishers = 0
        for survivor in survivors {
            #expect(survivor.status == 0, "\(survivor.stderr)")
            let result = try JSONSerialization.jsonObject(with: Data(survivor.stdout.utf8)) as? [String: Any] ?? [:]
            let targets = result["targets"] as? [[String: Any]] ?? []
            #expect(targets.count == BatchResumeTests.targetCount)
            #expect(targets.allSatisfy { $0["status"] as? String == "completed" }, "\(targets.map { "\($0["name"] ?? "?"): \($0["status"] ?? "?")" })")
            let notes = result["notes"] as? [String] ?? []
            if !notes.contains(where: { $0.contains("was finished by another process") }) { finishers += 1 }
        }
        #expect(finishers == 1, "the summary was written by \(finishers) processes")

        let store = try Store.open(.postgres(try PostgresLocation(url: url, fromEnvironment: false, environment: ["PGPASSWORD": cluster.password])))
        defer { store.close() }
        let perTarget = try store.targets()
        #expect(perTarget.count == BatchResumeTests.targetCount)
        #expect(perTarget.allSatisfy { $0.runs == 1 }, "every target exactly once: \(perTarget.filter { $0.runs != 1 })")
        let batches = try store.read { db in try db.values(String.self, "SELECT id FROM batches") }
        #expect(batches.count == 1, "the processes started \(batches.count) batches")
        let batch = try store.batch(id: try #require(batches.first))
        #expect(batch.status == .finished)
        #expect(batch.targets.allSatisfy { $0.status == .completed })
        #expect(batch.targets.contains { $0.attempts > 1 }, "no target was taken over from the killed process")
        let completions = try store.notifications(unreadOnly: false, limit: 100).filter { $0.notification.type == "batch.complete" }
        #expect(completions.count == 1)
    }
}
