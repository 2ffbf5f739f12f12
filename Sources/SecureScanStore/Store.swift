import Foundation
import GRDB
import SecureScanCore

/// The embedded database: targets, runs, scanner runs, findings and components.
///
/// Every run is saved in one transaction, so a crash in the middle leaves the previous state intact.
/// GRDB types never leave this module; methods are named by intent.
public struct Store: Sendable {
    let writer: any DatabaseWriter
    /// The database file, or `:memory:`.
    public let path: String

    private init(writer: any DatabaseWriter, path: String) {
        self.writer = writer
        self.path = path
    }

    /// Opens (creating if needed) a database file in WAL mode and brings its schema up to date.
    public static func open(path: String) throws(StoreError) -> Store {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        // 16 MiB of page cache instead of SQLite's 2 MiB: saving a 100,000-finding run updates three
        // fingerprint indexes in random order, and with the default cache it spilled and reread pages for
        // 3.7 s; 64 MiB saved another 0.8 s but cost 70 MB of peak memory (docs/benchmarks.md).
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -16384") }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, reason: Store.describe(error))
        }
        do {
            try Migrations.migrator.migrate(pool)
        } catch {
            throw .migrationFailed(path: path, reason: Store.describe(error))
        }
        return Store(writer: pool, path: path)
    }

    /// Opens an existing database without ever writing to it (the auditor's read-only server): it must
    /// exist and its schema must be current.
    public static func openReadOnly(path: String) throws(StoreError) -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .cannotOpen(path: path, reason: "no database there; run `securescan scan` first")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.readonly = true
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, reason: Store.describe(error))
        }
        let store = Store(writer: pool, path: path)
        guard try store.migrationsAreCurrent() else { throw .schemaOutOfDate(path: path) }
        return store
    }

    /// The named migrations this version's schema consists of, in order (the same for both backends).
    public static var schemaMigrations: [String] { Migrations.names }

    /// Whether every migration this version knows has been applied.
    public func migrationsAreCurrent() throws(StoreError) -> Bool {
        do {
            return try writer.read { db in try Migrations.migrator.hasCompletedMigrations(db) }
        } catch {
            throw .readFailed(reason: Store.describe(error))
        }
    }

    /// A private in-memory database, for tests.
    public static func inMemory() throws(StoreError) -> Store {
        do {
            let queue = try DatabaseQueue()
            try Migrations.migrator.migrate(queue)
            return Store(writer: queue, path: ":memory:")
        } catch {
            throw .cannotOpen(path: ":memory:", reason: Store.describe(error))
        }
    }

    // MARK: - Writing

    /// Saves a completed run: its findings (and the ones carried forward as not reassessed), scanner
    /// runs and components, and records every observed fingerprint as seen on the target.
    ///
    /// The scan row is completed in the same transaction: an API scan's queued row (which must still be
    /// running: a scan cancelled meanwhile is not saved), or a new row for other origins. `events` are
    /// appended to the scan's stream, with the notifications and webhook deliveries they raise.
    /// Observed findings are inserted in canonical order, so their row order is the canonical order.
    /// `beforeCommit` runs last inside the transaction; whatever it throws rolls everything back (and is
    /// rethrown as ``StoreError/writeFailed(reason:)``).
    public func save(
        _ report: RunReport, targetPath: String?, artifactsDirectory: String?, origin: ScanOrigin = .cli, events: [ScanEvent] = [],
        reuseKey: String? = nil, batch: BatchTargetMark? = nil, beforeCommit: () throws -> Void = {}
    ) throws(StoreError) {
        do {
            try writer.write { db in
                if origin == .api {
                    let status = try String.fetchOne(db, sql: "SELECT status FROM scans WHERE id = ?", arguments: [report.runID])
                    guard status == ScanStatus.running.rawValue else { throw StoreError.scanNoLongerRunning(id: report.runID) }
                }
                try db.execute(
                    sql: """
                        INSERT INTO targets (name, path, created_at) VALUES (?, ?, ?)
                        ON CONFLICT(name) DO UPDATE SET path = COALESCE(excluded.path, targets.path)
                        """,
                    arguments: [report.target.name, targetPath, report.startedAt])
                guard let targetID = try Int64.fetchOne(
                    db, sql: "SELECT id FROM targets WHERE name = ?", arguments: [report.target.name]) else {
                    throw StoreError.writeFailed(reason: "target row missing after insert")
                }
                let run = RunRecord(report: report, targetID: targetID, artifactsDirectory: artifactsDirectory)
                try run.insert(db)
                let seq = db.lastInsertedRowID
                if let reuseKey { try db.execute(sql: "UPDATE runs SET reuse_key = ? WHERE seq = ?", arguments: [reuseKey, seq]) }
                for scannerRun in report.scannerRuns { try ScannerRunRecord(scannerRun, runSeq: seq).insert(db) }
                try FindingRecord.insertAll(report.findings, runSeq: seq, assessment: .observed, in: db)
                try FindingRecord.insertAll(report.diff.notReassessed, runSeq: seq, assessment: .carried, in: db)
                for component in report.components { try ComponentRecord(component, runSeq: seq).insert(db, onConflict: .ignore) }
                let statement = try db.cachedStatement(sql: """
                    INSERT INTO target_fingerprints (target_id, fingerprint, first_run_seq, last_run_seq) VALUES (?, ?, ?, ?)
                    ON CONFLICT(target_id, fingerprint) DO UPDATE SET last_run_seq = excluded.last_run_seq
                    """)
                // In key order: the primary key index is then appended to rather than split at random places.
                for fingerprint in report.findings.map(\.fingerprint.rawValue).sorted() {
                    var bound = BoundStatement(statement)
                    bound.bind(targetID)
                    bound.bind(fingerprint)
                    bound.bind(seq)
                    bound.bind(seq)
                    try bound.run(in: db)
                }
                let scanTypes = Array(Set(report.scannerRuns.map(\.scanType.rawValue))).sorted()
                try db.execute(
                    sql: """
                        INSERT INTO scans (id, target, target_path, scan_types, status, origin, created_at, started_at, completed_at, run_seq)
                        VALUES (?, ?, ?, ?, 'completed', ?, ?, ?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET status = 'completed', target = excluded.target, completed_at = excluded.completed_at,
                            run_seq = excluded.run_seq, error = NULL
                        """,
                    arguments: [report.runID, report.target.name, targetPath ?? "", JSONColumn.encode(scanTypes), origin.rawValue,
                                report.startedAt, report.startedAt, report.finishedAt, seq])
                for event in events { try Store.record(event, scanID: report.runID, in: db) }
                if let batch { try Store.mark(batch, status: .completed, scanID: report.runID, error: nil, at: report.finishedAt, in: db) }
                try beforeCommit()
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .writeFailed(reason: Store.describe(error))
        }
    }

    // MARK: - Reading

    /// The state the next run of `target` is compared with: the last run's findings (observed and carried).
    public func previousState(target: String) throws(StoreError) -> PreviousState {
        try read { db in
            guard let targetID = try Int64.fetchOne(db, sql: "SELECT id FROM targets WHERE name = ?", arguments: [target]),
                  let last = try RunRecord.fetchOne(
                    db, sql: "SELECT * FROM runs WHERE target_id = ? ORDER BY seq DESC LIMIT 1", arguments: [targetID])
            else { return PreviousState() }
            let findings = try FindingRecord.fetchAll(
                db, sql: "SELECT * FROM findings WHERE run_seq = ?", arguments: [last.seq]).map(\.finding)
            let seen = try String.fetchAll(
                db, sql: "SELECT fingerprint FROM target_fingerprints WHERE target_id = ?", arguments: [targetID])
            return PreviousState(runID: last.id, findings: findings, seenFingerprints: Set(seen.map(Fingerprint.init(rawValue:))))
        }
    }

    /// Runs, newest first, optionally of one target.
    public func runs(target: String? = nil, limit: Int = 50) throws(StoreError) -> [RunSummary] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT runs.*, targets.name AS target_name FROM runs JOIN targets ON targets.id = runs.target_id
                    WHERE (? IS NULL OR targets.name = ?) ORDER BY runs.seq DESC LIMIT ?
                    """,
                arguments: [target, target, limit])
            return try rows.map { row in try RunRecord(row: row).summary(target: row["target_name"]) }
        }
    }

    /// One run's summary.
    public func run(id: String) throws(StoreError) -> RunSummary {
        let found: RunSummary? = try read { db in
            guard let row = try Row.fetchOne(
                db,
                sql: "SELECT runs.*, targets.name AS target_name FROM runs JOIN targets ON targets.id = runs.target_id WHERE runs.id = ?",
                arguments: [id]) else { return nil }
            return try RunRecord(row: row).summary(target: row["target_name"])
        }
        guard let found else { throw .unknownRun(id: id) }
        return found
    }

    /// The findings a run observed (not the ones it carried), in canonical order.
    public func findings(runID: String) throws(StoreError) -> [Finding] {
        try read { db in
            try FindingRecord.fetchAll(
                db,
                sql: "SELECT findings.* FROM findings JOIN runs ON runs.seq = findings.run_seq WHERE runs.id = ? AND assessment = 'observed'",
                arguments: [runID]).map(\.finding).canonicallySorted()
        }
    }

    /// The scanner runs of a run.
    public func scannerRuns(runID: String) throws(StoreError) -> [ScannerRun] {
        try read { db in
            try ScannerRunRecord.fetchAll(
                db,
                sql: "SELECT scanner_runs.* FROM scanner_runs JOIN runs ON runs.seq = scanner_runs.run_seq WHERE runs.id = ? ORDER BY scanner",
                arguments: [runID]).map(\.scannerRun)
        }
    }

    /// Target names with their number of runs, alphabetically.
    public func targets() throws(StoreError) -> [(name: String, runs: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT targets.name AS name, COUNT(runs.seq) AS runs FROM targets LEFT JOIN runs ON runs.target_id = targets.id
                GROUP BY targets.id ORDER BY targets.name
                """).map { ($0["name"], $0["runs"]) }
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw .readFailed(reason: Store.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return String(describing: error)
    }
}

extension Store {
    /// Moves the write-ahead log into the database file (tests compare the file's bytes).
    public func checkpoint() throws(StoreError) {
        do {
            try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch {
            throw .updateFailed(reason: Store.describe(error))
        }
    }
}

extension Store {
    /// `PRAGMA integrity_check`: "ok" for a sound database.
    public func integrityCheck() throws(StoreError) -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }
}
