import SecureScanCore

/// One target of a batch claimed by one process: it scans it while its lease (renewed as it runs) stands.
public struct BatchClaim: Sendable, Hashable {
    public var batchID: String
    public var target: String
    public var path: String
    public var position: Int
    /// The process that holds the claim (host, process id and a random part).
    public var worker: String
    /// How many times the target was claimed: more than once when a process died holding it.
    public var attempts: Int

    /// The mark that completes the target, valid only while this claim stands.
    public var mark: BatchTargetMark { BatchTargetMark(batchID: batchID, target: target, worker: worker) }
}

extension SQLDialect {
    /// The database's clock in seconds since 1970: every lease is timed by the one clock all hosts share.
    var epochNow: String {
        switch self {
        case .sqlite: "((julianday('now') - 2440587.5) * 86400.0)"
        case .postgres: "extract(epoch from clock_timestamp())::double precision"
        }
    }
}

/// Batches shared by processes: every process started with the same batch file (on any host of a shared
/// store) joins the same batch and claims its targets one at a time.
extension Store {
    /// Joins this file and shard's running batch (the same file digest and targets) or starts a new one,
    /// atomically: processes starting at once all join one batch. `exclusive`: the caller holds the only
    /// right to run this batch (SQLite's lock file), so claims left by a process that died are released
    /// at once rather than when their lease runs out.
    public func joinOrStartBatch(
        id: String, file: String, fileDigest: String, shard: String, targets: [(name: String, path: String)], at time: String,
        exclusive: Bool
    ) throws(StoreError) -> (batch: StoredBatch, joined: Bool) {
        let (batchID, joined): (String, Bool) = try write { db in
            if db.dialect == .postgres {
                try db.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", ["batch:\(shard):\(file)"])
            }
            let running = try db.values(
                String.self, "SELECT id FROM batches WHERE file = ? AND shard = ? AND status = 'running' AND file_digest = ? ORDER BY seq DESC",
                [file, shard, fileDigest])
            let wanted = Set(targets.map(\.name))
            for candidate in running {
                let names = try db.values(String.self, "SELECT target FROM batch_targets WHERE batch_id = ?", [candidate])
                guard Set(names) == wanted else { continue }
                if exclusive {
                    try db.execute("UPDATE batch_targets SET claimed_by = NULL, lease_until = NULL WHERE batch_id = ? AND status = 'pending'",
                                   [candidate])
                }
                return (candidate, true)
            }
            try db.execute("INSERT INTO batches (id, file, file_digest, shard, status, started_at) VALUES (?, ?, ?, ?, 'running', ?)",
                           [id, file, fileDigest, shard, time])
            try db.insertMany(
                into: "batch_targets", columns: ["batch_id", "target", "path", "position", "status"],
                rows: targets.enumerated().map { position, target in
                    [.text(id), .text(target.name), .text(target.path), .integer(Int64(position)), .text(StoredBatch.TargetStatus.pending.rawValue)]
                },
                conflict: .fail)
            return (id, false)
        }
        return (try batch(id: batchID), joined)
    }

    /// Claims the first pending target nobody holds (or whose holder's lease ran out) for `leaseSeconds`;
    /// nil when there is none now. On PostgreSQL concurrent claimers skip each other's rows
    /// (`FOR UPDATE SKIP LOCKED`); SQLite has one writer at a time.
    public func claimBatchTarget(batchID: String, worker: String, leaseSeconds: Double) throws(StoreError) -> BatchClaim? {
        try write { db in
            let now = db.dialect.epochNow
            let skip = db.dialect == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
            guard let row = try db.row(
                """
                UPDATE batch_targets SET claimed_by = ?, lease_until = \(now) + ?, attempts = attempts + 1
                WHERE batch_id = ? AND target = (
                    SELECT target FROM batch_targets
                    WHERE batch_id = ? AND status = 'pending' AND (claimed_by IS NULL OR lease_until IS NULL OR lease_until < \(now))
                    ORDER BY position LIMIT 1 \(skip))
                RETURNING target, path, position, attempts
                """,
                [worker, leaseSeconds, batchID, batchID]) else { return nil }
            return BatchClaim(batchID: batchID, target: row[0], path: row[1], position: row[2], worker: worker, attempts: row[3])
        }
    }

    /// Extends a claim's lease; false when the claim no longer stands (taken over, or the target is done).
    public func renewBatchClaim(_ claim: BatchClaim, leaseSeconds: Double) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(
                """
                UPDATE batch_targets SET lease_until = \(db.dialect.epochNow) + ?
                WHERE batch_id = ? AND target = ? AND claimed_by = ? AND status = 'pending'
                """,
                [leaseSeconds, claim.batchID, claim.target, claim.worker]) == 1
        }
    }

    /// How many of a batch's targets are not finished, and how many of those nobody holds a live claim on.
    public func batchBacklog(batchID: String) throws(StoreError) -> (pending: Int, unclaimed: Int) {
        try read { db in
            let now = db.dialect.epochNow
            let row = try db.row(
                """
                SELECT COUNT(*), COALESCE(SUM(CASE WHEN claimed_by IS NULL OR lease_until IS NULL OR lease_until < \(now) THEN 1 ELSE 0 END), 0)
                FROM batch_targets WHERE batch_id = ? AND status = 'pending'
                """,
                [batchID])
            return (row?[0] ?? 0, row?[1] ?? 0)
        }
    }
}
