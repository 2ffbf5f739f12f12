import Foundation
import GRDB
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanStore

/// The store: round trips, run order, previous state, and all-or-nothing saves.
@Suite struct StoreTests {
    @Test(arguments: StoreBackend.allCases)
    func aSavedRunIsTheNextRunsPreviousState(_ backend: StoreBackend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        #expect(try store.previousState(target: "demo").runID == nil)
        let report = RunReport.sample()
        try store.save(report, targetPath: "/src/demo", artifactsDirectory: "/out/demo/x")
        let previous = try store.previousState(target: "demo")
        #expect(previous.runID == report.runID)
        // Observed findings plus the carried (not reassessed) ones; nothing fixed is carried.
        #expect(Set(previous.findings.map(\.fingerprint)) == Set((report.findings + report.diff.notReassessed).map(\.fingerprint)))
        #expect(previous.seenFingerprints == Set(report.findings.map(\.fingerprint)))
    }

    @Test(arguments: StoreBackend.allCases)
    func findingsRoundTripExactly(_ backend: StoreBackend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        let report = RunReport.sample()
        try store.save(report, targetPath: nil, artifactsDirectory: nil)
        #expect(try store.findings(runID: report.runID) == report.findings)
        #expect(try store.scannerRuns(runID: report.runID) == report.scannerRuns.sorted { $0.scanner < $1.scanner })
    }

    @Test(arguments: StoreBackend.allCases)
    func runsAreOrderedBySequenceNotByTime(_ backend: StoreBackend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        var first = RunReport.sample(runID: "b-first")
        first.startedAt = "2030-01-01T00:00:00Z"
        try store.save(first, targetPath: nil, artifactsDirectory: nil)
        try store.save(RunReport.sample(runID: "a-second"), targetPath: nil, artifactsDirectory: nil)
        #expect(try store.runs().map(\.id) == ["a-second", "b-first"])
        #expect(try store.previousState(target: "demo").runID == "a-second")
    }

    @Test(arguments: StoreBackend.allCases)
    func aRunWhoseCommitIsRefusedIsNotStored(_ backend: StoreBackend) throws {
        struct RenderFailed: Error {}
        let store = try backend.makeStore()
        defer { store.close() }
        try store.save(RunReport.sample(runID: "good"), targetPath: nil, artifactsDirectory: nil)
        var reached = false
        #expect(throws: StoreError.self) {
            try store.save(RunReport.sample(runID: "refused"), targetPath: nil, artifactsDirectory: nil) {
                // Everything is written by now; throwing here must undo all of it.
                reached = true
                throw RenderFailed()
            }
        }
        #expect(reached)
        #expect(try store.runs().map(\.id) == ["good"])
        #expect(throws: StoreError.unknownRun(id: "refused")) { try store.run(id: "refused") }
    }

    @Test(arguments: StoreBackend.allCases)
    func aFailedSaveLeavesThePreviousStateIntact(_ backend: StoreBackend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        let good = RunReport.sample(runID: "good")
        try store.save(good, targetPath: nil, artifactsDirectory: nil)
        var broken = RunReport.sample(runID: "broken")
        // The same fingerprint twice violates the primary key half-way through the transaction.
        broken.findings.append(broken.findings[0])
        #expect(throws: StoreError.self) { try store.save(broken, targetPath: nil, artifactsDirectory: nil) }
        #expect(try store.runs().map(\.id) == ["good"])
        #expect(try store.previousState(target: "demo").runID == "good")
        #expect(throws: StoreError.unknownRun(id: "broken")) { try store.run(id: "broken") }
    }

    @Test func aFileDatabaseUsesWALAndNamedMigrations() throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("s.db").path
        let store = try Store.open(path: path)
        try store.save(RunReport.sample(), targetPath: nil, artifactsDirectory: nil)
        let reopened = try Store.open(path: path)
        #expect(try reopened.runs().count == 1)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    /// A store written before target fingerprints became a WITHOUT ROWID table keeps every fingerprint,
    /// so the next run still knows what the target has seen.
    @Test func targetFingerprintsSurviveTheirMigration() throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.db").path
        do {
            let pool = try DatabasePool(path: path)
            try Migrations.migrator.migrate(pool, upTo: "v4 batches, reuse keys")
            try pool.write { db in
                try db.execute(sql: "INSERT INTO targets (name, path, created_at) VALUES ('demo', NULL, '2026-01-01T00:00:00Z')")
                for fingerprint in ["fp1:b", "fp1:a"] {
                    try db.execute(sql: "INSERT INTO target_fingerprints VALUES (1, ?, 1, 2)", arguments: [fingerprint])
                }
            }
        }
        let store = try Store.open(path: path)
        try store.save(RunReport.sample(), targetPath: nil, artifactsDirectory: nil)
        let seen = try store.previousState(target: RunReport.sample().target.name).seenFingerprints
        #expect(seen.isSuperset(of: [Fingerprint(rawValue: "fp1:a"), Fingerprint(rawValue: "fp1:b")]))
        #expect(seen.count == 2 + Set(RunReport.sample().findings.map(\.fingerprint)).count)
        let reopened = try DatabaseQueue(path: path)
        let schema = try reopened.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'target_fingerprints'")
        }
        #expect(schema?.hasSuffix("WITHOUT ROWID") == true, "\(schema ?? "no table")")
        #expect(try reopened.read { db in try Migrations.migrator.hasCompletedMigrations(db) })
    }

    /// A store written with findings keyed by (run, fingerprint) keeps every finding, in its order, when
    /// they are re-indexed; a fingerprint still appears once per run.
    @Test func findingsSurviveTheirReindexing() throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v5.db").path
        let report = RunReport.sample()
        do {
            let pool = try DatabasePool(path: path)
            try Migrations.migrator.migrate(pool, upTo: "v5 target fingerprints without rowid")
            try pool.write { db in
                try db.execute(sql: "INSERT INTO targets (name, path, created_at) VALUES ('demo', NULL, '2026-01-01T00:00:00Z')")
                // The run's row as a v5 store held it: without the notes column v12 added.
                try db.execute(sql: "ALTER TABLE runs ADD COLUMN notes TEXT NOT NULL DEFAULT '[]'")
                _ = try RunRecord(report: report, targetID: 1, artifactsDirectory: nil).insert(SQLiteConnection(db: db), reuseKey: nil)
                try db.execute(sql: "ALTER TABLE runs DROP COLUMN notes")
                // The columns a v5 store had: v9 added the suppression's justification.
                let columns = Array(FindingRecord.columns.prefix { $0 != "suppression_justification" })
                let rows = report.findings.map { Array(FindingRecord.arguments($0, runSeq: 1, assessment: .observed).prefix(columns.count)) }
                try SQLiteConnection(db: db).insertMany(into: FindingRecord.table, columns: columns, rows: rows, conflict: .fail)
            }
        }
        let store = try Store.open(path: path)
        let page = try store.findings(runID: report.runID, filter: Store.FindingFilter(), limit: 1_000)
        #expect(page.map(\.finding.fingerprint) == report.findings.map(\.fingerprint))
        #expect(try store.knowsFingerprint(report.findings[0].fingerprint))
        var twice = RunReport.sample(runID: "twice")
        twice.findings.append(twice.findings[0])
        #expect(throws: StoreError.self) { try store.save(twice, targetPath: nil, artifactsDirectory: nil) }
        let queue = try DatabaseQueue(path: path)
        let indexes = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'findings' ORDER BY name")
        }
        #expect(indexes == ["findings_by_fingerprint", "findings_by_run"])
    }

    /// A large run's rows are prepared a chunk ahead on another thread: every finding is stored whole.
    @Test(arguments: StoreBackend.allCases)
    func aLargeRunIsStoredWhole(_ backend: StoreBackend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        let report = RunReport.large(5_000)
        try store.save(report, targetPath: nil, artifactsDirectory: nil)
        let stored = try store.previousState(target: report.target.name).findings
        let byFingerprint = Dictionary(uniqueKeysWithValues: stored.map { ($0.fingerprint, $0) })
        #expect(stored.count == report.findings.count)
        #expect(report.findings.allSatisfy { byFingerprint[$0.fingerprint] == $0 }, "a stored finding differs from the one saved")
    }

    /// Verdicts asked for by fingerprint: read whole when the store holds no more verdicts than were asked
    /// for, queried in chunks otherwise; either way exactly the verdicts asked for come back.
    @Test(arguments: StoreBackend.allCases)
    func verdictsAreThoseAskedForWhicheverWayTheyAreRead(_ backend: StoreBackend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        #expect(try store.verdicts(for: [Fingerprint(rawValue: "fp1:a")]).isEmpty)
        let stored = ["fp1:a", "fp1:b", "fp1:c"].map(Fingerprint.init(rawValue:))
        for fingerprint in stored {
            try store.setVerdict(TriageVerdict(fingerprint: fingerprint, status: .falsePositive, updatedAt: "2026-12-04T00:00:00Z"))
        }
        let wide = [stored[0], stored[2]] + (0..<5).map { Fingerprint(rawValue: "fp1:unknown\($0)") }
        #expect(Set(try store.verdicts(for: wide).keys) == [stored[0], stored[2]])
        #expect(Set(try store.verdicts(for: [stored[1]]).keys) == [stored[1]])
        #expect(try store.verdicts(for: [stored[1]])[stored[1]]?.status == .falsePositive)
    }

    /// A fingerprint is known when a stored run has it, or when a target once saw it.
    @Test(arguments: StoreBackend.allCases)
    func aFingerprintIsKnownFromFindingsOrFromWhatATargetSaw(_ backend: StoreBackend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        let report = RunReport.sample()
        try store.save(report, targetPath: nil, artifactsDirectory: nil)
        #expect(try store.knowsFingerprint(report.findings[0].fingerprint))
        #expect(try !store.knowsFingerprint(Fingerprint(rawValue: "fp1:never")))
        try store.write { db in
            try db.execute("INSERT INTO target_fingerprints VALUES (1, 'fp1:pruned', 1, 1)")
        }
        #expect(try store.knowsFingerprint(Fingerprint(rawValue: "fp1:pruned")))
    }

    @Test func aDirectoryIsNotADatabase() throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: StoreError.self) { try Store.open(path: directory.path) }
    }

    @Test func aCorruptFileIsAClearErrorAndIsNotOverwritten() throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.db").path
        let garbage = Data(repeating: 0x41, count: 4096)
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { try Store.open(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }
}

/// The findings page reader decodes rows by position; it must give exactly what the record decoder gives.
@Suite struct FindingPageTests {
    @Test(arguments: StoreBackend.allCases)
    func pagesDecodeTheSameFindingsAsTheRecordDecoder(_ backend: StoreBackend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        let report = RunReport.sample()
        try store.save(report, targetPath: "/src", artifactsDirectory: nil)
        let paged = try store.findings(runID: report.runID, filter: .init(), limit: 100).map(\.finding)
        #expect(paged == report.findings)
        #expect(paged == (try store.findings(runID: report.runID)))
        #expect(try store.report(runID: report.runID).findings == report.findings)
    }
}
