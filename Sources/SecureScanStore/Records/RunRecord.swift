import GRDB
import SecureScanCore

/// A row of `runs`.
struct RunRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "runs"

    var seq: Int64?
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

    enum CodingKeys: String, CodingKey {
        case seq, id, status, branch
        case targetID = "target_id"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case toolVersion = "tool_version"
        case configDigest = "config_digest"
        case commitID = "commit_id"
        case baseRunID = "base_run_id"
        case riskScore = "risk_score"
        case countCritical = "count_critical"
        case countHigh = "count_high"
        case countMedium = "count_medium"
        case countLow = "count_low"
        case countInfo = "count_info"
        case countSuppressed = "count_suppressed"
        case diffNew = "diff_new"
        case diffUnchanged = "diff_unchanged"
        case diffReopened = "diff_reopened"
        case diffFixed = "diff_fixed"
        case diffNotReassessed = "diff_not_reassessed"
        case gatePassed = "gate_passed"
        case gateExitCode = "gate_exit_code"
        case gateReasons = "gate_reasons"
        case artifactsDir = "artifacts_dir"
        case vulndbDigest = "vulndb_digest"
        case vulndbSummary = "vulndb_summary"
    }

    init(report: RunReport, targetID: Int64, artifactsDirectory: String?) {
        let counts = report.counts
        let diff = report.diff.counts
        seq = nil
        id = report.runID
        self.targetID = targetID
        status = "completed"
        startedAt = report.startedAt
        finishedAt = report.finishedAt
        toolVersion = report.tool.version
        configDigest = report.configDigest
        vulndbDigest = report.advisoryDatabase?.digest
        vulndbSummary = report.advisoryDatabase.map(JSONColumn.encode)
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

    /// The columns ``summary(row:offset:)`` reads, in its order (prefixed with the table name).
    static let summaryColumns = [
        "seq", "id", "started_at", "finished_at", "tool_version", "commit_id", "branch", "base_run_id", "risk_score",
        "count_critical", "count_high", "count_medium", "count_low", "count_info", "count_suppressed", "diff_new", "diff_unchanged",
        "diff_reopened", "diff_fixed", "diff_not_reassessed", "gate_passed", "gate_exit_code", "gate_reasons", "artifacts_dir",
    ].map { "runs." + $0 }.joined(separator: ", ")

    /// A run's summary from a row holding ``summaryColumns`` from `offset` on, read by position (listing
    /// pages decode hundreds; GRDB's lookup by name lower-cases every column name).
    static func summary(row: Row, offset: Int, target: String) -> RunSummary {
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

    func summary(target: String) -> RunSummary {
        var counts = SeverityCounts()
        counts.critical = countCritical
        counts.high = countHigh
        counts.medium = countMedium
        counts.low = countLow
        counts.info = countInfo
        return RunSummary(
            id: id, sequence: Int(seq ?? 0), target: target, startedAt: startedAt, finishedAt: finishedAt,
            toolVersion: toolVersion, commit: commitID, branch: branch, baseRunID: baseRunID, counts: counts,
            suppressed: countSuppressed, riskScore: riskScore,
            diff: RunDiff.Counts(new: diffNew, unchanged: diffUnchanged, reopened: diffReopened, fixed: diffFixed,
                                 notReassessed: diffNotReassessed),
            gate: GateResult(passed: gatePassed, exitCode: Int32(gateExitCode),
                             reasons: JSONColumn.decode([String].self, gateReasons, default: [])),
            artifactsDirectory: artifactsDir)
    }
}
