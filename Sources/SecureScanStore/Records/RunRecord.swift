import SecureScanCore

/// A row of `runs`.
struct RunRecord {
    var id: String
    var targetID: Int64
    var status: String
    var startedAt: String
    var finishedAt: String
    var toolVersion: String
    var configDigest: String
    var commitID: String?
    var branch: String?
    var baseRunID: String?
    var riskScore: Double
    var countCritical: Int
    var countHigh: Int
    var countMedium: Int
    var countLow: Int
    var countInfo: Int
    var countSuppressed: Int
    var diffNew: Int
    var diffUnchanged: Int
    var diffReopened: Int
    var diffFixed: Int
    var diffNotReassessed: Int
    var gatePassed: Bool
    var gateExitCode: Int
    var gateReasons: String
    var artifactsDir: String?
    /// The advisory database the run matched against, if any.
    var vulndbDigest: String?
    /// The advisory database's summary as JSON (v3 on; older runs have the digest only).
    var vulndbSummary: String?
    var notes: String

    init(report: RunReport, targetID: Int64, artifactsDirectory: String?) {
        let counts = report.counts
        let diff = report.diff.counts
        id = report.runID
        self.targetID = targetID
        status = "completed"
        startedAt = report.startedAt
        finishedAt = report.finishedAt
        toolVersion = report.tool.version
        configDigest = report.configDigest
        vulndbDigest = report.advisoryDatabase?.digest
        vulndbSummary = report.advisoryDatabase.map(JSONColumn.encode)
        notes = JSONColumn.encode(report.notes)
        commitID = report.target.commit
        branch = report.target.branch
        baseRunID = report.baseRunID
        riskScore = report.riskScore
        countCritical = counts.critical
        countHigh = counts.high
        countMedium = counts.medium
        countLow = counts.low
        countInfo = counts.info
        countSuppressed = report.findings.count - report.openFindings.count
        diffNew = diff.new
        diffUnchanged = diff.unchanged
        diffReopened = diff.reopened
        diffFixed = diff.fixed
        diffNotReassessed = diff.notReassessed
        gatePassed = report.gate.passed
        gateExitCode = Int(report.gate.exitCode)
        gateReasons = JSONColumn.encode(report.gate.reasons)
        artifactsDir = artifactsDirectory
    }

    /// Inserts the row; returns its sequence number.
    func insert(_ db: any SQLConnection, reuseKey: String?) throws -> Int64 {
        let row = try db.row(
            """
            INSERT INTO runs (id, target_id, status, started_at, finished_at, tool_version, config_digest, commit_id, branch, base_run_id,
                risk_score, count_critical, count_high, count_medium, count_low, count_info, count_suppressed, diff_new, diff_unchanged,
                diff_reopened, diff_fixed, diff_not_reassessed, gate_passed, gate_exit_code, gate_reasons, artifacts_dir, vulndb_digest,
                vulndb_summary, reuse_key, notes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING seq
            """,
            [id, targetID, status, startedAt, finishedAt, toolVersion, configDigest, commitID, branch, baseRunID, riskScore,
             countCritical, countHigh, countMedium, countLow, countInfo, countSuppressed, diffNew, diffUnchanged, diffReopened,
             diffFixed, diffNotReassessed, gatePassed, gateExitCode, gateReasons, artifactsDir, vulndbDigest, vulndbSummary, reuseKey, notes])
        guard let row else { throw StoreError.writeFailed(reason: "the run's row was not returned after its insert") }
        return row[0]
    }

    /// The columns ``summary(row:offset:target:)`` reads, in its order (prefixed with the table name).
    static let summaryColumnNames = [
        "seq", "id", "started_at", "finished_at", "tool_version", "commit_id", "branch", "base_run_id", "risk_score",
        "count_critical", "count_high", "count_medium", "count_low", "count_info", "count_suppressed", "diff_new", "diff_unchanged",
        "diff_reopened", "diff_fixed", "diff_not_reassessed", "gate_passed", "gate_exit_code", "gate_reasons", "artifacts_dir",
    ]
    static let summaryColumns = summaryColumnNames.map { "runs." + $0 }.joined(separator: ", ")
    static var summaryColumnCount: Int { summaryColumnNames.count }

    /// A run's summary from a row holding ``summaryColumns`` from `offset` on, read by position (listing
    /// pages decode hundreds).
    static func summary(row: SQLRow, offset: Int, target: String) -> RunSummary {
        var counts = SeverityCounts()
        counts.critical = row[offset + 9]
        counts.high = row[offset + 10]
        counts.medium = row[offset + 11]
        counts.low = row[offset + 12]
        counts.info = row[offset + 13]
        let sequence: Int64 = row[offset]
        let exitCode: Int = row[offset + 21]
        return RunSummary(
            id: row[offset + 1], sequence: Int(sequence), target: target, startedAt: row[offset + 2], finishedAt: row[offset + 3],
            toolVersion: row[offset + 4], commit: row[offset + 5], branch: row[offset + 6], baseRunID: row[offset + 7], counts: counts,
            suppressed: row[offset + 14], riskScore: row[offset + 8],
            diff: RunDiff.Counts(new: row[offset + 15], unchanged: row[offset + 16], reopened: row[offset + 17], fixed: row[offset + 18],
                                 notReassessed: row[offset + 19]),
            gate: GateResult(passed: row[offset + 20], exitCode: Int32(exitCode),
                             reasons: JSONColumn.decode([String].self, row[offset + 22], default: [])),
            artifactsDirectory: row[offset + 23])
    }
}
