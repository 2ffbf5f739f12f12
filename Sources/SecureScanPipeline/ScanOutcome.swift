import SecureScanCore
import SecureScanStore

/// The result of one scan: the report, where its artifacts are, and the `--json` result object.
public struct ScanOutcome: Sendable, Encodable {
    public var report: RunReport
    public var artifactsDirectory: String
    /// The run store (never its password).
    public var database: StoreLocation
    public var configFile: String?
    /// Things the user should know that are not findings (skipped files, expired suppressions, …).
    public var notes: [String]
    /// Where the run's webhook deliveries may go (from the config's `webhooks.allow_networks`).
    public var webhookPolicy = WebhookTargetPolicy()
    /// Set when nothing changed and the previous run (this one, whose report ``report`` is) stands for
    /// the target: no scan was made and no artifacts were written.
    public var reusedRunID: String?
    /// The id of the scan row this outcome recorded (the run id, or the reused scan's own id).
    public var scanID: String?

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case target, counts, diff, scanners, gate, notes
        case artifactsDirectory = "artifacts_dir"
        case database
        case riskScore = "risk_score"
        case baseRunID = "base_run_id"
        case suppressed
        case suppressedBy = "suppressed_by"
        case configFile = "config"
    }

    struct ScannerEntry: Encodable {
        let id: String
        let status: String
        let version: String?
        let findings: Int
        let error: String?
        let reason: String?
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(report.runID, forKey: .runID)
        try container.encode(report.target.name, forKey: .target)
        try container.encode(artifactsDirectory, forKey: .artifactsDirectory)
        try container.encode(database.description, forKey: .database)
        try container.encodeIfPresent(configFile, forKey: .configFile)
        try container.encode(report.counts, forKey: .counts)
        try container.encode(report.suppressedCount, forKey: .suppressed)
        try container.encode(Dictionary(uniqueKeysWithValues: report.suppressionCounts.map { ($0.source.rawValue, $0.count) }), forKey: .suppressedBy)
        try container.encode(report.riskScore, forKey: .riskScore)
        try container.encode(report.diff.counts, forKey: .diff)
        try container.encodeIfPresent(report.baseRunID, forKey: .baseRunID)
        try container.encode(report.scannerRuns.map {
            ScannerEntry(id: $0.scanner, status: $0.status.rawValue, version: $0.version, findings: $0.findingCount,
                         error: $0.error, reason: $0.reason)
        }, forKey: .scanners)
        try container.encode(report.gate, forKey: .gate)
        try container.encode(notes, forKey: .notes)
    }
}
