import Foundation
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
    static func scan(row: SQLRow) -> StoredScan {
        let targetName: String? = row[40]
        let run: RunSummary? = row.isNull(16) ? nil : RunRecord.summary(row: row, offset: 16, target: targetName ?? "")
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
                """
                INSERT INTO scans (id, target, target_path, scan_types, scanners, target_url, target_host, status, origin,
                    requested_by, attempts, created_at, started_at, completed_at, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [scan.id, scan.target, scan.targetPath, JSONColumn.encode(scan.scanTypes.map(\.rawValue)),
                 scan.scanners.map(JSONColumn.encode), scan.targetURL, scan.targetHost, scan.status.rawValue,
                 scan.origin.rawValue, scan.requestedBy, scan.attempts, scan.createdAt, scan.startedAt, scan.completedAt,
                 scan.error])
        }
    }

    /// One scan.
    public func scan(id: String) throws(StoreError) -> StoredScan {
        let found: StoredScan? = try read { db in
            try db.row("SELECT \(Store.scanColumns) FROM \(Store.scanJoin) WHERE scans.id = ?", [id]).map(Store.scan(row:))
        }
        guard let found else { throw .unknownScan(id: id) }
        return found
    }

    /// Scans newest first, after the cursor `before` (a sequence), optionally of one status or target.
    public func scans(limit: Int, before: Int? = nil, status: ScanStatus? = nil, target: String? = nil) throws(StoreError) -> [StoredScan] {
        try read { db in
            try db.rows(
                """
                SELECT \(Store.scanColumns) FROM \(Store.scanJoin)
                WHERE (? IS NULL OR scans.seq < ?) AND (? IS NULL OR scans.status = ?) AND (? IS NULL OR scans.target = ?)
                ORDER BY scans.seq DESC LIMIT ?
                """,
                [before, before, status?.rawValue, status?.rawValue, target, target, limit]
            ).map(Store.scan(row:))
        }
    }

    /// Ids of queued scans, oldest first.
    public func pendingScanIDs() throws(StoreError) -> [String] {
        try read { db in try db.values(String.self, "SELECT id FROM scans WHERE status = 'pending' ORDER BY seq") }
    }

    /// `pending` → `running`; false when the scan is no longer pending (cancelled meanwhile, or taken by
    /// another worker: the update is atomic on both backends). `worker` claims it for `leaseSeconds` (by the
    /// database's clock; renewed with ``renewScanClaim(id:worker:leaseSeconds:)``), so the processes sharing
    /// a store requeue it only once the claim runs out.
    public func markScanRunning(id: String, target: String?, at time: String, worker: String? = nil, leaseSeconds: Double = 0) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(
                """
                UPDATE scans SET status = 'running', started_at = ?, attempts = attempts + 1, target = COALESCE(?, target),
                    claimed_by = ?, lease_until = CASE WHEN ? IS NULL THEN NULL ELSE \(db.dialect.epochNow) + ? END
                WHERE id = ? AND status = 'pending'
                """,
                [time, target, worker, worker, leaseSeconds, id]) == 1
        }
    }

    /// Extends a running scan's claim; false when the scan is no longer this worker's running scan
    /// (cancelled, finished, or requeued and taken by another).
    public func renewScanClaim(id: String, worker: String, leaseSeconds: Double) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(
                "UPDATE scans SET lease_until = \(db.dialect.epochNow) + ? WHERE id = ? AND status = 'running' AND claimed_by = ?",
                [leaseSeconds, id, worker]) == 1
        }
    }

    /// Ends a pending or running scan as failed or cancelled, with its terminal event; false when it
    /// had already finished.
    public func finishScan(id: String, status: ScanStatus, error: String?, at time: String, event: ScanEvent) throws(StoreError) -> Bool {
        precondition(status == .failed || status == .cancelled)
        return try write { db in
            let changed = try db.execute(
                "UPDATE scans SET status = ?, error = ?, completed_at = ? WHERE id = ? AND status IN ('pending', 'running')",
                [status.rawValue, error, time, id])
            guard changed == 1 else { return false }
            try Store.record(event, scanID: id, in: db)
            return true
        }
    }

    /// After a restart: scans left `running` go back to the queue, unless they were already started
    /// `maxAttempts` times (then they fail, so a scan that kills the server cannot loop). `onlyExpired`
    /// (processes sharing a store): only scans whose claim ran out, the others' workers being alive.
    public func requeueInterruptedScans(maxAttempts: Int, at time: String, onlyExpired: Bool = false) throws(StoreError) -> (requeued: [String], failed: [String]) {
        try write { db in
            let rows = try db.rows("""
                SELECT id, attempts FROM scans WHERE status = 'running' AND origin = 'api'
                  AND (? = 0 OR lease_until IS NULL OR lease_until < \(db.dialect.epochNow)) ORDER BY seq
                """, [onlyExpired])
            var requeued: [String] = [], failed: [String] = []
            for row in rows {
                let id: String = row[0]
                if (row[1] as Int) >= maxAttempts {
                    let message = "the server stopped during this scan \(maxAttempts) times; not retried again"
                    try db.execute("UPDATE scans SET status = 'failed', error = ?, completed_at = ? WHERE id = ?", [message, time, id])
                    try Store.record(ScanEvent(.scanFailed, ["error": .string(message)], at: time), scanID: id, in: db)
                    failed.append(id)
                } else {
                    try db.execute("UPDATE scans SET status = 'pending', started_at = NULL, claimed_by = NULL, lease_until = NULL WHERE id = ?", [id])
                    requeued.append(id)
                }
            }
            return (requeued, failed)
        }
    }

    /// Puts a running scan back in the queue (the server is shutting down under it).
    public func requeueScan(id: String) throws(StoreError) {
        try write { db in
            try db.execute("UPDATE scans SET status = 'pending', started_at = NULL, claimed_by = NULL, lease_until = NULL WHERE id = ? AND status = 'running'", [id])
        }
    }

    /// Deletes a finished scan, its run (findings, scanner runs, components) and its events; returns what
    /// was deleted, so the caller can remove the run's artifact directory.
    /// - Throws: ``StoreError/scanActive(id:status:)`` for a pending or running scan.
    public func deleteScan(id: String) throws(StoreError) -> StoredScan {
        try write { db in
            guard let row = try db.row("SELECT \(Store.scanColumns) FROM \(Store.scanJoin) WHERE scans.id = ?", [id]) else {
                throw StoreError.unknownScan(id: id)
            }
            let scan = Store.scan(row: row)
            guard scan.status.isTerminal else { throw StoreError.scanActive(id: id, status: scan.status.rawValue) }
            if let sequence = scan.run?.sequence {
                let digests = try Store.artifactDigests(runSeq: Int64(sequence), in: db)
                try db.execute("DELETE FROM runs WHERE seq = ?", [sequence])
                try Store.dropUnreferencedBlobs(digests, in: db)
            }
            try db.execute("DELETE FROM scans WHERE id = ?", [id])
            try db.execute("DELETE FROM scan_events WHERE scan_id = ?", [id])
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

    /// A number that changes when an event of `scanID` is stored by any process (PostgreSQL's
    /// `LISTEN`/`NOTIFY`), so a stream waits on it instead of reading the table; nil when the store has no
    /// such announcements (SQLite, or the listening connection cannot be opened): read the table.
    /// `connect: false` never blocks: it only reads the counters (nil if the connection is gone).
    public func eventSignal(scanID: String, connect: Bool = true) -> Int? {
        guard case .postgres(let database) = backend else { return nil }
        return database.signals.count(scanID: scanID, connect: connect)
    }

    /// A scan's events after `sequence`, in order.
    public func events(scanID: String, after sequence: Int = 0, limit: Int = 1000) throws(StoreError) -> [StoredScanEvent] {
        try read { db in
            try db.rows(
                "SELECT seq, event, data, created_at FROM scan_events WHERE scan_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                [scanID, sequence, limit]
            ).map { row in
                let data = JSONColumn.decode([String: JSONValue].self, row[2], default: [:])
                let name = ScanEvent.Name(rawValue: row[1]) ?? .scanFailed
                return StoredScanEvent(scanID: scanID, sequence: row[0], event: ScanEvent(name, data, at: row[3]))
            }
        }
    }

    /// Stores an event and what it raises: a notification, and a pending delivery for every enabled
    /// webhook that subscribes to it.
    @discardableResult
    static func record(_ event: ScanEvent, scanID: String, in db: any SQLConnection) throws -> Int {
        // SQLite has one writer at a time; on a shared server, two transactions appending to one scan
        // (a worker's progress, an API cancel) take turns on the scan's lock.
        if db.dialect == .postgres {
            try db.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", ["scan_events:" + scanID])
            // Sent when the transaction commits: streams on any replica read the new event at once.
            try db.execute("SELECT pg_notify(?, ?)", [PostgresEventSignals.channel, scanID])
        }
        let sequence = (try db.value(Int.self, "SELECT MAX(seq) FROM scan_events WHERE scan_id = ?", [scanID]) ?? 0) + 1
        try db.execute(
            "INSERT INTO scan_events (scan_id, seq, event, data, created_at) VALUES (?, ?, ?, ?, ?)",
            [scanID, sequence, event.name.rawValue, JSONValue.object(event.data).compactJSON, event.at])
        if let notification = Notification.raised(by: event, scanID: scanID, id: UUID().uuidString.lowercased()) {
            try insert(notification, in: db)
        }
        if let webhookEvent = WebhookEvent(event.name) {
            let payload = WebhookPayload(event: webhookEvent, scanID: scanID, data: event.data, occurredAt: event.at)
            try enqueueDeliveries(payload, in: db, onlySubscribers: true, webhookID: nil)
        }
        return sequence
    }
}

extension Store {
    /// The scanner runs of several runs at once, by run id.
    public func scannerRuns(runIDs: [String]) throws(StoreError) -> [String: [ScannerRun]] {
        guard !runIDs.isEmpty else { return [:] }
        return try read { db in
            var result: [String: [ScannerRun]] = [:]
            let rows = try db.rows(
                """
                SELECT runs.id, \(ScannerRunRecord.columnList)
                FROM scanner_runs JOIN runs ON runs.seq = scanner_runs.run_seq WHERE runs.id IN (\(SQLPlaceholders.list(runIDs.count)))
                ORDER BY scanner_runs.scanner
                """,
                runIDs)
            for row in rows {
                result[row[0], default: []].append(ScannerRunRecord.scannerRun(row: row, offset: 1))
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
            try db.rows(
                """
                SELECT seq, id, status FROM scans
                WHERE (? IS NULL OR seq < ?) AND (? IS NULL OR status = ?) AND (? IS NULL OR target = ?)
                ORDER BY seq DESC LIMIT ?
                """,
                [before, before, status?.rawValue, status?.rawValue, target, target, limit]
            ).map { row in
                let sequence: Int64 = row[0]
                let status: String = row[2]
                return (Int(sequence), row[1] as String, ScanStatus(rawValue: status) ?? .failed)
            }
        }
    }

    /// These scans, in no particular order (unknown ids are left out).
    public func scans(ids: [String]) throws(StoreError) -> [StoredScan] {
        guard !ids.isEmpty else { return [] }
        return try read { db in
            try db.rows("SELECT \(Store.scanColumns) FROM \(Store.scanJoin) WHERE scans.id IN (\(SQLPlaceholders.list(ids.count)))", ids)
                .map(Store.scan(row:))
        }
    }
}
