import Foundation
import GRDB
import SecureScanCore

/// Scans: the lifecycle around runs (queued, running, failed, cancelled) and their event streams.
extension Store {
    /// Scan columns 0–15, then the run's summary columns from 16, then the target name (see ``scan(row:)``).
    static let scanColumns = """
        scans.seq, scans.id, scans.target, scans.target_path, scans.scan_types, scans.scanners, scans.target_url, scans.target_host,
        scans.status, scans.origin, scans.requested_by, scans.attempts, scans.created_at, scans.started_at, scans.completed_at,
        scans.error, \(RunRecord.summaryColumns), targets.name
        """
    static let scanJoin = "scans LEFT JOIN runs ON runs.seq = scans.run_seq LEFT JOIN targets ON targets.id = runs.target_id"

    /// A scan from a row of ``scanColumns``, by position.
    static func scan(row: Row) throws -> StoredScan {
        let targetName: String? = row[40]
        let run: RunSummary? = (row[16] as Int64?) != nil ? RunRecord.summary(row: row, offset: 16, target: targetName ?? "") : nil
        let scanners: String? = row[5]
        let status: String = row[8]
        let origin: String = row[9]
        let sequence: Int64 = row[0]
        return StoredScan(
            id: row[1], sequence: Int(sequence), target: row[2] ?? run?.target, targetPath: row[3],
            scanTypes: JSONColumn.decode([String].self, row[4], default: []).compactMap(ScanType.init(rawValue:)),
            scanners: scanners.map { JSONColumn.decode([String].self, $0, default: []) }, targetURL: row[6], targetHost: row[7],
            status: ScanStatus(rawValue: status) ?? .failed, origin: ScanOrigin(rawValue: origin) ?? .cli, requestedBy: row[10],
            attempts: row[11], createdAt: row[12], startedAt: row[13], completedAt: row[14], error: row[15], run: run)
    }

    /// Records a new queued scan (its id must be new).
    public func insertScan(_ scan: StoredScan) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO scans (id, target, target_path, scan_types, scanners, target_url, target_host, status, origin,
                        requested_by, attempts, created_at, started_at, completed_at, error)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [scan.id, scan.target, scan.targetPath, JSONColumn.encode(scan.scanTypes.map(\.rawValue)),
                            scan.scanners.map(JSONColumn.encode), scan.targetURL, scan.targetHost, scan.status.rawValue,
                            scan.origin.rawValue, scan.requestedBy, scan.attempts, scan.createdAt, scan.startedAt, scan.completedAt,
                            scan.error])
        }
    }

    /// One scan.
    public func scan(id: String) throws(StoreError) -> StoredScan {
        let found: StoredScan? = try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Store.scanColumns) FROM \(Store.scanJoin) WHERE scans.id = ?", arguments: [id]).map(Store.scan(row:))
        }
        guard let found else { throw .unknownScan(id: id) }
        return found
    }

    /// Scans newest first, after the cursor `before` (a sequence), optionally of one status or target.
    public func scans(limit: Int, before: Int? = nil, status: ScanStatus? = nil, target: String? = nil) throws(StoreError) -> [StoredScan] {
        try read { db in
            // A cursor reads columns straight from the statement: much cheaper than copied rows for long pages.
            let statement = try db.cachedStatement(sql: """
                SELECT \(Store.scanColumns) FROM \(Store.scanJoin)
                WHERE (? IS NULL OR scans.seq < ?) AND (? IS NULL OR scans.status = ?) AND (? IS NULL OR scans.target = ?)
                ORDER BY scans.seq DESC LIMIT ?
                """)
            return try Array(Row.fetchCursor(
                statement, arguments: [before, before, status?.rawValue, status?.rawValue, target, target, limit]).map(Store.scan(row:)))
        }
    }

    /// Ids of queued scans, oldest first.
    public func pendingScanIDs() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT id FROM scans WHERE status = 'pending' ORDER BY seq") }
    }

    /// `pending` → `running`; false when the scan is no longer pending (cancelled meanwhile).
    public func markScanRunning(id: String, target: String?, at time: String) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE scans SET status = 'running', started_at = ?, attempts = attempts + 1, target = COALESCE(?, target)
                    WHERE id = ? AND status = 'pending'
                    """,
                arguments: [time, target, id])
            return db.changesCount == 1
        }
    }

    /// Ends a pending or running scan as failed or cancelled, with its terminal event; false when it
    /// had already finished.
    public func finishScan(id: String, status: ScanStatus, error: String?, at time: String, event: ScanEvent) throws(StoreError) -> Bool {
        precondition(status == .failed || status == .cancelled)
        return try write { db in
            try db.execute(
                sql: "UPDATE scans SET status = ?, error = ?, completed_at = ? WHERE id = ? AND status IN ('pending', 'running')",
                arguments: [status.rawValue, error, time, id])
            guard db.changesCount == 1 else { return false }
            try Store.record(event, scanID: id, in: db)
            return true
        }
    }

    /// After a restart: scans left `running` go back to the queue, unless they were already started
    /// `maxAttempts` times (then they fail, so a scan that kills the server cannot loop).
    public func requeueInterruptedScans(maxAttempts: Int, at time: String) throws(StoreError) -> (requeued: [String], failed: [String]) {
        try write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, attempts FROM scans WHERE status = 'running' AND origin = 'api' ORDER BY seq")
            var requeued: [String] = [], failed: [String] = []
            for row in rows {
                let id: String = row["id"]
                if (row["attempts"] as Int) >= maxAttempts {
                    let message = "the server stopped during this scan \(maxAttempts) times; not retried again"
                    try db.execute(sql: "UPDATE scans SET status = 'failed', error = ?, completed_at = ? WHERE id = ?", arguments: [message, time, id])
                    try Store.record(ScanEvent(.scanFailed, ["error": .string(message)], at: time), scanID: id, in: db)
                    failed.append(id)
                } else {
                    try db.execute(sql: "UPDATE scans SET status = 'pending', started_at = NULL WHERE id = ?", arguments: [id])
                    requeued.append(id)
                }
            }
            return (requeued, failed)
        }
    }

    /// Puts a running scan back in the queue (the server is shutting down under it).
    public func requeueScan(id: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE scans SET status = 'pending', started_at = NULL WHERE id = ? AND status = 'running'", arguments: [id])
        }
    }

    /// Deletes a finished scan, its run (findings, scanner runs, components) and its events; returns what
    /// was deleted, so the caller can remove the run's artifact directory.
    /// - Throws: ``StoreError/scanActive(id:status:)`` for a pending or running scan.
    public func deleteScan(id: String) throws(StoreError) -> StoredScan {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Store.scanColumns) FROM \(Store.scanJoin) WHERE scans.id = ?", arguments: [id]) else {
                throw StoreError.unknownScan(id: id)
            }
            let scan = try Store.scan(row: row)
            guard scan.status.isTerminal else { throw StoreError.scanActive(id: id, status: scan.status.rawValue) }
            if let sequence = scan.run?.sequence {
                try db.execute(sql: "DELETE FROM runs WHERE seq = ?", arguments: [sequence])
            }
            try db.execute(sql: "DELETE FROM scans WHERE id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM scan_events WHERE scan_id = ?", arguments: [id])
            return scan
        }
    }

    // MARK: - Events

    /// Appends an event to a scan's stream, raising its notification and webhook deliveries in the same
    /// transaction; returns its sequence number (the SSE id).
    @discardableResult
    public func appendEvent(_ event: ScanEvent, scanID: String) throws(StoreError) -> Int {
        try write { db in try Store.record(event, scanID: scanID, in: db) }
    }

    /// A scan's events after `sequence`, in order.
    public func events(scanID: String, after sequence: Int = 0, limit: Int = 1000) throws(StoreError) -> [StoredScanEvent] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM scan_events WHERE scan_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                arguments: [scanID, sequence, limit]
            ).map { row in
                let data = JSONColumn.decode([String: JSONValue].self, row["data"], default: [:])
                let name = ScanEvent.Name(rawValue: row["event"]) ?? .scanFailed
                return StoredScanEvent(scanID: scanID, sequence: row["seq"], event: ScanEvent(name, data, at: row["created_at"]))
            }
        }
    }

    /// Stores an event and what it raises: a notification, and a pending delivery for every enabled
    /// webhook that subscribes to it.
    @discardableResult
    static func record(_ event: ScanEvent, scanID: String, in db: Database) throws -> Int {
        let sequence = (try Int.fetchOne(db, sql: "SELECT MAX(seq) FROM scan_events WHERE scan_id = ?", arguments: [scanID]) ?? 0) + 1
        try db.execute(
            sql: "INSERT INTO scan_events (scan_id, seq, event, data, created_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [scanID, sequence, event.name.rawValue, JSONValue.object(event.data).compactJSON, event.at])
        if let notification = Notification.raised(by: event, scanID: scanID, id: UUID().uuidString.lowercased()) {
            try insert(notification, in: db)
        }
        if let webhookEvent = WebhookEvent(event.name) {
            let payload = WebhookPayload(event: webhookEvent, scanID: scanID, data: event.data, occurredAt: event.at)
            try enqueueDeliveries(payload, in: db, onlySubscribers: true, webhookID: nil)
        }
        return sequence
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .updateFailed(reason: Store.describe(error))
        }
    }
}

extension Store {
    /// The scanner runs of several runs at once, by run id.
    public func scannerRuns(runIDs: [String]) throws(StoreError) -> [String: [ScannerRun]] {
        guard !runIDs.isEmpty else { return [:] }
        return try read { db in
            var result: [String: [ScannerRun]] = [:]
            let marks = Array(repeating: "?", count: runIDs.count).joined(separator: ",")
            let statement = try db.cachedStatement(sql: """
                SELECT runs.id, s.scanner, s.scan_type, s.status, s.version, s.reason, s.install_hint, s.error, s.finding_count,
                       s.duration_ms, s.notes
                FROM scanner_runs s JOIN runs ON runs.seq = s.run_seq WHERE runs.id IN (\(marks)) ORDER BY s.scanner
                """)
            let rows = try Row.fetchCursor(statement, arguments: StatementArguments(runIDs))
            while let row = try rows.next() {
                let type: String = row[2], status: String = row[3]
                let run = ScannerRun(
                    scanner: row[1], scanType: ScanType(rawValue: type) ?? .code, status: ScannerRun.Status(rawValue: status) ?? .failed,
                    version: row[4], reason: row[5], installHint: row[6], error: row[7], findingCount: row[8], durationMilliseconds: row[9],
                    notes: JSONColumn.decode([String].self, row[10], default: []))
                result[row[0], default: []].append(run)
            }
            return result
        }
    }
}

extension Store {
    /// Just the ids and states of a page of scans, newest first (the list serves completed scans from a
    /// cache and reads only the others in full).
    public func scanHeads(limit: Int, before: Int? = nil, status: ScanStatus? = nil, target: String? = nil) throws(StoreError) -> [(sequence: Int, id: String, status: ScanStatus)] {
        try read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT seq, id, status FROM scans
                WHERE (? IS NULL OR seq < ?) AND (? IS NULL OR status = ?) AND (? IS NULL OR target = ?)
                ORDER BY seq DESC LIMIT ?
                """)
            return try Array(Row.fetchCursor(statement, arguments: [before, before, status?.rawValue, status?.rawValue, target, target, limit]).map { row in
                let sequence: Int64 = row[0]
                let status: String = row[2]
                return (Int(sequence), row[1] as String, ScanStatus(rawValue: status) ?? .failed)
            })
        }
    }

    /// These scans, in no particular order (unknown ids are left out).
    public func scans(ids: [String]) throws(StoreError) -> [StoredScan] {
        guard !ids.isEmpty else { return [] }
        return try read { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            return try Array(Row.fetchCursor(db, sql: "SELECT \(Store.scanColumns) FROM \(Store.scanJoin) WHERE scans.id IN (\(marks))",
                                             arguments: StatementArguments(ids)).map(Store.scan(row:)))
        }
    }
}
