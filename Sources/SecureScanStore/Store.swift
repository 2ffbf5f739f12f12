import Foundation
import GRDB
import SecureScanCore

/// The run store: targets, runs, scanner runs, findings, components, and everything around them (scans,
/// events, triage, keys, webhooks, batches). Two backends behind the same methods: an embedded SQLite
/// file (GRDB), the default, and a PostgreSQL server shared by many hosts. Every method's SQL is written
/// once, for both (``SQLConnection``).
///
/// Every run is saved in one transaction, so a crash in the middle leaves the previous state intact.
/// Neither GRDB's nor postgres-nio's types leave this module; methods are named by intent.
public struct Store: Sendable {
    enum Backend: Sendable {
        case sqlite(any DatabaseWriter)
        case postgres(PostgresDatabase)
    }

    let backend: Backend
    /// The database file, `:memory:`, or the PostgreSQL server as ``PostgresLocation/description`` says it.
    public let path: String

    private init(backend: Backend, path: String) {
        self.backend = backend
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
            throw .cannotOpen(path: path, reason: Store.describe(error) + Store.filesystemHint(for: path))
        }
        try checkNotNewer(pool, path: path)
        do {
            try Migrations.migrator.migrate(pool)
        } catch {
            throw .migrationFailed(path: path, reason: Store.describe(error))
        }
        return Store(backend: .sqlite(pool), path: path)
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
        try checkNotNewer(pool, path: path)
        let store = Store(backend: .sqlite(pool), path: path)
        guard try store.migrationsAreCurrent() else { throw .schemaOutOfDate(path: path) }
        return store
    }

    /// A database a newer SecureScan migrated is left alone: this version would write rows without the
    /// columns that one added, or misread them.
    static func checkNotNewer(_ pool: DatabasePool, path: String) throws(StoreError) {
        let unknown: [String]
        do {
            unknown = try pool.read { db in
                guard try db.tableExists("grdb_migrations") else { return [] }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                let known = Set(Migrations.migrator.migrations)
                return applied.filter { !known.contains($0) }.sorted()
            }
        } catch {
            throw .cannotOpen(path: path, reason: Store.describe(error) + Store.filesystemHint(for: path))
        }
        if !unknown.isEmpty {
            throw .newerSchema(server: path, applied: unknown, known: Migrations.migrator.migrations.last ?? "")
        }
    }

    /// Opens the store a location names: an SQLite file (as ``open(path:)`` or ``openReadOnly(path:)``)
    /// or a PostgreSQL server (``PostgresDatabase/open(_:readOnly:maximumConnections:)``).
    public static func open(_ location: StoreLocation, readOnly: Bool = false) throws(StoreError) -> Store {
        switch location {
        case .sqlite(let path):
            return readOnly ? try openReadOnly(path: path) : try open(path: path)
        case .postgres(let server):
            let database = try PostgresDatabase.open(server, readOnly: readOnly)
            return Store(backend: .postgres(database), path: server.description)
        }
    }

    /// A store on an open PostgreSQL database.
    public static func postgres(_ database: PostgresDatabase) -> Store {
        Store(backend: .postgres(database), path: database.location.description)
    }

    /// Whether the store is a PostgreSQL server (shared by many hosts) rather than a local file.
    public var isShared: Bool {
        if case .postgres = backend { return true }
        return false
    }

    /// The named migrations this version's schema consists of, in order (the same for both backends).
    public static var schemaMigrations: [String] { Migrations.names }

    /// Whether every migration this version knows has been applied.
    public func migrationsAreCurrent() throws(StoreError) -> Bool {
        switch backend {
        case .sqlite(let writer):
            do {
                return try writer.read { db in try Migrations.migrator.hasCompletedMigrations(db) }
            } catch {
                throw .readFailed(reason: Store.describe(error))
            }
        case .postgres(let database):
            do {
                try database.checkSchema()
                return true
            } catch .schemaOutOfDate {
                return false
            }
        }
    }

    /// A private in-memory database, for tests.
    public static func inMemory() throws(StoreError) -> Store {
        do {
            let queue = try DatabaseQueue()
            try Migrations.migrator.migrate(queue)
            return Store(backend: .sqlite(queue), path: ":memory:")
        } catch {
            throw .cannotOpen(path: ":memory:", reason: Store.describe(error))
        }
    }

    /// Closes a PostgreSQL store's idle connections (an SQLite store closes when the last copy goes).
    public func close() {
        if case .postgres(let database) = backend { database.close() }
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
    /// rethrown as ``StoreError/writeFailed(reason:)``). When the store keeps artifacts (``keepsArtifacts``),
    /// the files of `artifacts` are then stored with the run, in the same transaction.
    public func save(
        _ report: RunReport, targetPath: String?, artifactsDirectory: String?, origin: ScanOrigin = .cli, events: [ScanEvent] = [],
        reuseKey: String? = nil, batch: BatchTargetMark? = nil, artifacts: URL? = nil, beforeCommit: () throws -> Void = {}
    ) throws(StoreError) {
        let keptArtifacts = keepsArtifacts ? artifacts : nil
        do {
            try transaction(readOnly: false) { db in
                if origin == .api {
                    let status = try db.value(String.self, "SELECT status FROM scans WHERE id = ?", [report.runID])
                    guard status == ScanStatus.running.rawValue else { throw StoreError.scanNoLongerRunning(id: report.runID) }
                }
                try db.execute(
                    """
                    INSERT INTO targets (name, path, created_at) VALUES (?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET path = COALESCE(excluded.path, targets.path)
                    """,
                    [report.target.name, targetPath, report.startedAt])
                guard let targetID = try db.value(Int64.self, "SELECT id FROM targets WHERE name = ?", [report.target.name]) else {
                    throw StoreError.writeFailed(reason: "target row missing after insert")
                }
                let run = RunRecord(report: report, targetID: targetID, artifactsDirectory: artifactsDirectory)
                let seq = try run.insert(db, reuseKey: reuseKey)
                try db.insertMany(into: ScannerRunRecord.table, columns: ScannerRunRecord.columns,
                                  rows: report.scannerRuns.map { ScannerRunRecord($0, runSeq: seq).arguments }, conflict: .fail)
                try FindingRecord.insertAll(report.findings, runSeq: seq, assessment: .observed, in: db)
                try FindingRecord.insertAll(report.diff.notReassessed, runSeq: seq, assessment: .carried, in: db)
                try db.insertMany(into: ComponentRecord.table, columns: ComponentRecord.columns,
                                  rows: report.components.map { ComponentRecord($0, runSeq: seq).arguments }, conflict: .ignore)
                // In key order: the primary key index is then appended to rather than split at random places.
                try Store.recordSeen(report.findings.map(\.fingerprint.rawValue).sorted(), targetID: targetID, runSeq: seq, in: db)
                let scanTypes = Array(Set(report.scannerRuns.map(\.scanType.rawValue))).sorted()
                try db.execute(
                    """
                    INSERT INTO scans (id, target, target_path, scan_types, status, origin, created_at, started_at, completed_at, run_seq)
                    VALUES (?, ?, ?, ?, 'completed', ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET status = 'completed', target = excluded.target, completed_at = excluded.completed_at,
                        run_seq = excluded.run_seq, error = NULL
                    """,
                    [report.runID, report.target.name, targetPath ?? "", JSONColumn.encode(scanTypes), origin.rawValue,
                     report.startedAt, report.startedAt, report.finishedAt, seq])
                for event in events { try Store.record(event, scanID: report.runID, in: db) }
                if let batch { try Store.mark(batch, status: .completed, scanID: report.runID, error: nil, at: report.finishedAt, in: db) }
                try beforeCommit()
                if let keptArtifacts { try Store.keepArtifacts(of: keptArtifacts, runSeq: seq, in: db) }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw failure(error, otherwise: StoreError.writeFailed(reason:))
        }
    }

    /// Records fingerprints as seen on a target: first seen now if new, last seen now either way.
    static func recordSeen(_ fingerprints: [String], targetID: Int64, runSeq: Int64, in db: any SQLConnection) throws {
        let upsert = """
            INSERT INTO target_fingerprints (target_id, fingerprint, first_run_seq, last_run_seq) VALUES (?, ?, ?, ?)
            ON CONFLICT(target_id, fingerprint) DO UPDATE SET last_run_seq = excluded.last_run_seq
            """
        switch db {
        case let sqlite as SQLiteConnection:
            let statement = try sqlite.db.cachedStatement(sql: upsert)
            for fingerprint in fingerprints {
                var bound = BoundStatement(statement)
                bound.bind(targetID)
                bound.bind(fingerprint)
                bound.bind(runSeq)
                bound.bind(runSeq)
                try bound.run(in: sqlite.db)
            }
        default:
            // One statement per 10,000 fingerprints: the server's round trips, not its work, are the cost.
            for start in stride(from: 0, to: fingerprints.count, by: 10_000) {
                let chunk = Array(fingerprints[start..<min(fingerprints.count, start + 10_000)])
                try db.execute("""
                    INSERT INTO target_fingerprints (target_id, fingerprint, first_run_seq, last_run_seq)
                    SELECT ?, fingerprint, ?, ? FROM jsonb_array_elements_text(CAST(? AS jsonb)) AS fingerprint
                    ON CONFLICT(target_id, fingerprint) DO UPDATE SET last_run_seq = excluded.last_run_seq
                    """, [targetID, runSeq, runSeq, JSONColumn.encode(chunk)])
            }
        }
    }

    // MARK: - Reading

    /// The state the next run of `target` is compared with: the last run's findings (observed and carried).
    public func previousState(target: String) throws(StoreError) -> PreviousState {
        try read { db in
            guard let targetID = try db.value(Int64.self, "SELECT id FROM targets WHERE name = ?", [target]),
                  let last = try db.row("SELECT seq, id FROM runs WHERE target_id = ? ORDER BY seq DESC LIMIT 1", [targetID])
            else { return PreviousState() }
            let (seq, runID): (Int64, String) = (last[0], last[1])
            let findings = try db.rows("SELECT \(FindingRecord.columnList) FROM findings WHERE run_seq = ?", [seq])
                .map { FindingRecord.finding(row: $0) }
            let seen = try db.values(String.self, "SELECT fingerprint FROM target_fingerprints WHERE target_id = ?", [targetID])
            return PreviousState(runID: runID, findings: findings, seenFingerprints: Set(seen.map(Fingerprint.init(rawValue:))))
        }
    }

    /// Runs, newest first, optionally of one target.
    public func runs(target: String? = nil, limit: Int = 50) throws(StoreError) -> [RunSummary] {
        try read { db in
            try db.rows(
                """
                SELECT \(RunRecord.summaryColumns), targets.name FROM runs JOIN targets ON targets.id = runs.target_id
                WHERE (? IS NULL OR targets.name = ?) ORDER BY runs.seq DESC LIMIT ?
                """,
                [target, target, limit]
            ).map { row in RunRecord.summary(row: row, offset: 0, target: row[RunRecord.summaryColumnCount]) }
        }
    }

    /// Every target's newest `perTarget` runs (`targetLimit` for `target`), newest first, in one query;
    /// `only` restricts it to one target.
    public func recentRuns(perTarget: Int, target: String, targetLimit: Int, only: String? = nil) throws(StoreError) -> [String: [RunSummary]] {
        try read { db in
            var result: [String: [RunSummary]] = [:]
            for row in try db.rows(
                """
                SELECT \(RunRecord.summaryColumns), targets.name FROM (
                    SELECT runs.*, ROW_NUMBER() OVER (PARTITION BY target_id ORDER BY seq DESC) AS recency FROM runs
                ) AS runs JOIN targets ON targets.id = runs.target_id
                WHERE (? IS NULL OR targets.name = ?) AND runs.recency <= CASE WHEN targets.name = ? THEN ? ELSE ? END
                ORDER BY runs.seq DESC
                """,
                [only, only, target, targetLimit, perTarget]) {
                let name: String = row[RunRecord.summaryColumnCount]
                result[name, default: []].append(RunRecord.summary(row: row, offset: 0, target: name))
            }
            return result
        }
    }

    /// One run's summary.
    public func run(id: String) throws(StoreError) -> RunSummary {
        let found: RunSummary? = try read { db in
            try db.row(
                "SELECT \(RunRecord.summaryColumns), targets.name FROM runs JOIN targets ON targets.id = runs.target_id WHERE runs.id = ?",
                [id]
            ).map { row in RunRecord.summary(row: row, offset: 0, target: row[RunRecord.summaryColumnCount]) }
        }
        guard let found else { throw .unknownRun(id: id) }
        return found
    }

    /// The findings a run observed (not the ones it carried), in canonical order.
    public func findings(runID: String) throws(StoreError) -> [Finding] {
        try read { db in
            try db.rows(
                """
                SELECT \(FindingRecord.columnList) FROM findings JOIN runs ON runs.seq = findings.run_seq
                WHERE runs.id = ? AND assessment = 'observed'
                """,
                [runID]
            ).map { FindingRecord.finding(row: $0) }.canonicallySorted()
        }
    }

    /// The scanner runs of a run.
    public func scannerRuns(runID: String) throws(StoreError) -> [ScannerRun] {
        try read { db in
            try db.rows(
                """
                SELECT \(ScannerRunRecord.columnList) FROM scanner_runs JOIN runs ON runs.seq = scanner_runs.run_seq
                WHERE runs.id = ? ORDER BY scanner
                """,
                [runID]
            ).map { ScannerRunRecord.scannerRun(row: $0) }
        }
    }

    /// Target names with their number of runs, alphabetically.
    public func targets() throws(StoreError) -> [(name: String, runs: Int)] {
        try read { db in
            try db.rows("""
                SELECT targets.name AS name, COUNT(runs.seq) AS runs FROM targets LEFT JOIN runs ON runs.target_id = targets.id
                GROUP BY targets.id ORDER BY targets.name
                """).map { ($0["name"], $0["runs"]) }
        }
    }

    /// Runs `body` in one transaction of either backend; what it throws rolls the transaction back and
    /// is rethrown as is.
    func transaction<T>(readOnly: Bool, _ body: (any SQLConnection) throws -> T) throws -> T {
        switch backend {
        case .sqlite(let writer):
            if readOnly { return try writer.read { db in try body(SQLiteConnection(db: db)) } }
            return try writer.write { db in try body(SQLiteConnection(db: db)) }
        case .postgres(let database):
            return try database.transaction(readOnly: readOnly, body)
        }
    }

    /// A read transaction; a failure other than a ``StoreError`` becomes ``StoreError/readFailed(reason:)``.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws(StoreError) -> T {
        do {
            return try transaction(readOnly: true, body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw failure(error, otherwise: StoreError.readFailed(reason:))
        }
    }

    /// A write transaction; a failure other than a ``StoreError`` becomes ``StoreError/updateFailed(reason:)``.
    @discardableResult
    func write<T>(_ body: (any SQLConnection) throws -> T) throws(StoreError) -> T {
        do {
            return try transaction(readOnly: false, body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw failure(error, otherwise: StoreError.updateFailed(reason:))
        }
    }

    /// A failure in words: a server that stayed unreachable through every retry is
    /// ``StoreError/serverUnreachable(server:reason:)`` (naming it); anything else `otherwise`.
    func failure(_ error: any Error, otherwise: (String) -> StoreError) -> StoreError {
        if isShared, PostgresDatabase.isTransient(error) { return .serverUnreachable(server: path, reason: Store.describe(error)) }
        // Name the database, and say so when its filesystem is full or read-only: "disk I/O error" alone
        // sends an operator looking for a broken disk.
        return otherwise(isShared ? Store.describe(error) : "\(path): \(Store.describe(error))\(Store.filesystemHint(for: path))")
    }

    /// ` (its filesystem is full: 12 KB free)` or ` (its filesystem is read-only)` for a database file whose
    /// filesystem is one of those; empty otherwise.
    static func filesystemHint(for path: String) -> String {
        guard path != ":memory:" else { return "" }
        var info = statvfs()
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
            return " (the folder \(directory) does not exist)"
        }
        guard statvfs(directory.isEmpty ? "." : directory, &info) == 0 else { return "" }
        if info.f_flag & UInt(ST_RDONLY) != 0 { return " (its filesystem is read-only)" }
        let free = UInt64(info.f_bavail) * UInt64(info.f_frsize)
        return free < 1 << 20 ? " (its filesystem is full: \(free >> 10) KB free)" : ""
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return PostgresDatabase.describe(error)
    }
}

extension Store {
    /// Moves the write-ahead log into the database file (tests compare the file's bytes); nothing to do
    /// for a server.
    public func checkpoint() throws(StoreError) {
        guard case .sqlite(let writer) = backend else { return }
        do {
            try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch {
            throw .updateFailed(reason: Store.describe(error))
        }
    }

    /// SQLite's `PRAGMA integrity_check` ("ok" for a sound file); a server checks its own pages, and
    /// answers "ok" when it can be read.
    public func integrityCheck() throws(StoreError) -> String {
        switch backend {
        case .sqlite:
            return try read { db in try db.values(String.self, "PRAGMA integrity_check").joined(separator: "; ") }
        case .postgres:
            return try read { db in try db.value(Int.self, "SELECT 1") == 1 ? "ok" : "unreadable" }
        }
    }
}
