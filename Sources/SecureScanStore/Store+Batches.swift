import Foundation
import SecureScanCore

/// Names one target of one batch, so a run's save can mark it done in the same transaction.
public struct BatchTargetMark: Sendable, Hashable {
    public var batchID: String
    public var target: String
    /// The process that claimed the target (``BatchClaim/worker``): the mark is only made while its claim
    /// stands, so a target another process took over is never completed twice. Nil: no claim to check.
    public var worker: String?

    public init(batchID: String, target: String, worker: String? = nil) {
        self.batchID = batchID
        self.target = target
        self.worker = worker
    }
}

/// A batch as stored: its targets and how far it got.
public struct StoredBatch: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case running
        case finished
    }

    public enum TargetStatus: String, Sendable, Hashable, Codable {
        case pending
        case completed
        case reused
        case failed
    }

    public struct Target: Sendable, Hashable {
        public var name: String
        public var path: String
        public var position: Int
        public var status: TargetStatus
        public var scanID: String?
        public var error: String?
        /// How many times a process claimed it (more than once: a process died holding it).
        public var attempts: Int = 0
    }

    public var id: String
    public var file: String
    public var fileDigest: String
    public var shard: String
    public var status: Status
    public var startedAt: String
    public var finishedAt: String?
    public var exitCode: Int?
    public var targets: [Target]
}

/// The last completed run of a target, with what decides whether a new run may reuse it.
public struct ReusableRun: Sendable, Hashable {
    public var summary: RunSummary
    public var sequence: Int64
    public var reuseKey: String?
    public var vulnerabilityDatabaseDigest: String?
}

/// Batches: the targets of one `securescan batch` invocation and their progress, so an interrupted batch
/// resumes where it stopped; reused scans; pruning.
extension Store {
    public func startBatch(id: String, file: String, fileDigest: String, shard: String, targets: [(name: String, path: String)],
                           at time: String) throws(StoreError) {
        try write { db in
            try db.execute("INSERT INTO batches (id, file, file_digest, shard, status, started_at) VALUES (?, ?, ?, ?, 'running', ?)", [id, file, fileDigest, shard, time])
            try db.insertMany(
                into: "batch_targets", columns: ["batch_id", "target", "path", "position", "status"],
                rows: targets.enumerated().map { position, target in
                    [.text(id), .text(target.name), .text(target.path), .integer(Int64(position)), .text(StoredBatch.TargetStatus.pending.rawValue)]
                },
                conflict: .fail)
        }
    }

    /// The newest batch of this file and shard that never finished (its process died), if any.
    public func unfinishedBatch(file: String, shard: String) throws(StoreError) -> StoredBatch? {
        let id: String? = try read { db in
            try db.value(String.self, "SELECT id FROM batches WHERE file = ? AND shard = ? AND status = 'running' ORDER BY seq DESC LIMIT 1", [file, shard])
        }
        return try id.map { id throws(StoreError) in try batch(id: id) }
    }

    public func batch(id: String) throws(StoreError) -> StoredBatch {
        let found: StoredBatch? = try read { db in
            guard let row = try db.row("SELECT * FROM batches WHERE id = ?", [id]) else { return nil }
            let targets = try db.rows("SELECT * FROM batch_targets WHERE batch_id = ? ORDER BY position", [id]).map { row in
                StoredBatch.Target(name: row["target"], path: row["path"], position: row["position"],
                                   status: StoredBatch.TargetStatus(rawValue: row["status"]) ?? .pending, scanID: row["scan_id"], error: row["error"],
                                   attempts: row["attempts"])
            }
            return StoredBatch(
                id: row["id"], file: row["file"], fileDigest: row["file_digest"], shard: row["shard"],
                status: StoredBatch.Status(rawValue: row["status"]) ?? .finished, startedAt: row["started_at"], finishedAt: row["finished_at"],
                exitCode: row["exit_code"], targets: targets)
        }
        guard let found else { throw .unknownBatch(id: id) }
        return found
    }

    /// Marks a target failed (a completed run marks its target in the run's own transaction).
    public func markBatchTarget(_ mark: BatchTargetMark, status: StoredBatch.TargetStatus, scanID: String?, error: String?, at time: String) throws(StoreError) {
        try write { db in try Store.mark(mark, status: status, scanID: scanID, error: error, at: time, in: db) }
    }

    /// - Throws: ``StoreError/batchClaimLost(batchID:target:)`` when the mark names a worker whose claim no
    ///   longer stands (its lease ran out and another process took the target, or finished it).
    static func mark(_ mark: BatchTargetMark, status: StoredBatch.TargetStatus, scanID: String?, error: String?, at time: String, in db: any SQLConnection) throws {
        let changed = try db.execute(
            """
            UPDATE batch_targets SET status = ?, scan_id = ?, error = ?, updated_at = ?, lease_until = NULL
            WHERE batch_id = ? AND target = ? AND (? IS NULL OR (claimed_by = ? AND status = 'pending'))
            """,
            [status.rawValue, scanID, error, time, mark.batchID, mark.target, mark.worker, mark.worker])
        if changed == 0, mark.worker != nil { throw StoreError.batchClaimLost(batchID: mark.batchID, target: mark.target) }
    }

    /// Marks the batch finished; true for the one call that did (the process that finishes a shared batch
    /// last writes its summary and sends `batch.complete`, once).
    @discardableResult
    public func finishBatch(id: String, exitCode: Int, at time: String) throws(StoreError) -> Bool {
        try write { db in
            try db.execute("UPDATE batches SET status = 'finished', finished_at = ?, exit_code = ? WHERE id = ? AND status = 'running'",
                           [time, exitCode, id]) == 1
        }
    }

    /// The target's last completed run and its reuse key, if it has one.
    public func lastRun(target: String) throws(StoreError) -> ReusableRun? {
        try read { db in
            guard let row = try db.row("""
                    SELECT \(RunRecord.summaryColumns), runs.reuse_key, runs.vulndb_digest FROM runs JOIN targets ON targets.id = runs.target_id
                    WHERE targets.name = ? ORDER BY runs.seq DESC LIMIT 1
                    """, [target]) else { return nil }
            let summary = RunRecord.summary(row: row, offset: 0, target: target)
            return ReusableRun(summary: summary, sequence: Int64(summary.sequence), reuseKey: row[24], vulnerabilityDatabaseDigest: row[25])
        }
    }

    /// Records a scan that was not run because `run` still stands for the target: a `reused` scan row
    /// pointing at that run (no new run, no artifacts), marking the batch target in the same transaction.
    public func recordReusedScan(id: String, reusing run: ReusableRun, targetPath: String, origin: ScanOrigin, at time: String,
                                 batch: BatchTargetMark?) throws(StoreError) {
        try write { db in
            let types = try db.values(String.self, "SELECT DISTINCT scan_type FROM scanner_runs WHERE run_seq = ? ORDER BY scan_type", [run.sequence])
            try db.execute("""
                    INSERT INTO scans (id, target, target_path, scan_types, status, origin, created_at, started_at, completed_at, run_seq)
                    VALUES (?, ?, ?, ?, 'reused', ?, ?, ?, ?, ?)
                    """, [id, run.summary.target, targetPath, JSONColumn.encode(types), origin.rawValue, time, time, time, run.sequence])
            if let batch { try Store.mark(batch, status: .reused, scanID: id, error: nil, at: time, in: db) }
        }
    }

    /// Deletes all but the newest `keep` runs of a target (with their findings, scanner runs, components,
    /// events and the scans that point at them); returns the deleted runs' artifact directories.
    public func pruneRuns(target: String, keep: Int) throws(StoreError) -> [String] {
        try write { db in
            guard let targetID = try db.value(Int64.self, "SELECT id FROM targets WHERE name = ?", [target]) else {
                throw StoreError.unknownTarget(name: target)
            }
            let doomed = try db.rows("SELECT seq, id, artifacts_dir FROM runs WHERE target_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?", [targetID, Int64.max, max(keep, 0)])
            var directories: [String] = []
            var digests: [String] = []
            for row in doomed {
                let seq: Int64 = row["seq"]
                let id: String = row["id"]
                digests += try Store.artifactDigests(runSeq: seq, in: db)
                let scans = try db.values(String.self, "SELECT id FROM scans WHERE run_seq = ?", [seq])
                for scan in scans + [id] {
                    try db.execute("DELETE FROM scan_events WHERE scan_id = ?", [scan])
                    try db.execute("DELETE FROM scans WHERE id = ?", [scan])
                }
                try db.execute("DELETE FROM runs WHERE seq = ?", [seq])
                if let directory: String = row["artifacts_dir"] { directories.append(directory) }
            }
            try Store.dropUnreferencedBlobs(digests, in: db)
            return directories
        }
    }

    /// A finished batch's notification and webhook deliveries (`batch.complete`), in one transaction.
    public func recordBatchCompletion(batchID: String, data: [String: JSONValue], title: String, body: String, level: SecureScanCore.Notification.Level,
                                      at time: String) throws(StoreError) {
        try write { db in
            try Store.insert(SecureScanCore.Notification(id: UUID().uuidString.lowercased(), type: WebhookEvent.batchComplete.rawValue, title: title, body: body,
                                          link: nil, severity: level, scanID: nil, createdAt: time), in: db)
            var data = data
            data["batch_id"] = .string(batchID)
            try Store.enqueueDeliveries(WebhookPayload(event: .batchComplete, scanID: nil, data: data, occurredAt: time), in: db,
                                        onlySubscribers: true, webhookID: nil)
        }
    }
}
