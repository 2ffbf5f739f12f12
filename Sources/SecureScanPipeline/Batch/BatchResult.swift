import SecureScanCore
import SecureScanStore

/// What a batch did, target by target, and its one exit code.
public struct BatchResult: Sendable, Encodable {
    public struct Target: Sendable, Encodable {
        public var name: String
        public var path: String
        public var status: StoredBatch.TargetStatus
        /// The scan that stands for the target this time (a new run's id, or the reused scan's).
        public var scanID: String?
        /// The run whose findings these are (for a reused target, the earlier run).
        public var runID: String?
        public var counts: SeverityCounts?
        /// New or reopened open findings since the target's previous run (0 when reused).
        public var newFindings: Int
        public var fixedFindings: Int
        public var gate: GateResult?
        public var error: String?
        public var durationMilliseconds: Int
        /// Scanners that failed or timed out in this run.
        public var failedScanners: [String]
        /// Whether this batch ran it (false for targets a resumed batch had already done).
        public var ranNow: Bool

        enum CodingKeys: String, CodingKey {
            case name, path, status, counts, gate, error
            case scanID = "scan_id"
            case runID = "run_id"
            case newFindings = "new"
            case fixedFindings = "fixed"
            case durationMilliseconds = "duration_ms"
            case failedScanners = "failed_scanners"
            case ranNow = "ran_now"
        }
    }

    public var batchID: String
    public var file: String
    public var shard: String
    public var startedAt: String
    public var finishedAt: String
    /// True when this invocation continued an interrupted batch.
    public var resumed: Bool
    public var targets: [Target]
    public var notes: [String]
    /// Where summary.md and summary.json are.
    public var summaryDirectory: String

    /// 3 when a target failed (or a gate failed because a scanner did), 1 when a gate failed, else 0.
    public var exitCode: Int32 {
        if targets.contains(where: { $0.status == .failed || $0.gate?.exitCode == GateExit.scannerError.rawValue }) { return GateExit.scannerError.rawValue }
        if targets.contains(where: { $0.gate?.passed == false }) { return GateExit.gateFailed.rawValue }
        return GateExit.passed.rawValue
    }

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id"
        case kind, file, shard, resumed, targets, notes
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case exitCode = "exit_code"
        case totals
    }

    /// Targets per status, gates failed, new findings.
    public var totals: [String: Int] {
        var totals: [String: Int] = ["targets": targets.count, "gates_failed": targets.filter { $0.gate?.passed == false }.count,
                                     "new_findings": targets.reduce(0) { $0 + $1.newFindings }]
        for status in [StoredBatch.TargetStatus.completed, .reused, .failed, .pending] {
            totals[status.rawValue] = targets.filter { $0.status == status }.count
        }
        return totals
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("securescan-batch", forKey: .kind)
        try container.encode(batchID, forKey: .batchID)
        try container.encode(file, forKey: .file)
        try container.encode(shard, forKey: .shard)
        try container.encode(resumed, forKey: .resumed)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(totals, forKey: .totals)
        try container.encode(targets, forKey: .targets)
        try container.encode(notes, forKey: .notes)
    }
}
