import SecureScanCore

/// One stored run, as `history` and the API list it.
public struct RunSummary: Sendable, Hashable, Codable {
    public var id: String
    /// Position in the store's run order (an autoincrement, never a timestamp).
    public var sequence: Int
    public var target: String
    public var startedAt: String
    public var finishedAt: String
    public var toolVersion: String
    public var commit: String?
    public var branch: String?
    public var baseRunID: String?
    /// Open findings per severity.
    public var counts: SeverityCounts
    public var suppressed: Int
    public var riskScore: Double
    public var diff: RunDiff.Counts
    public var gate: GateResult
    public var artifactsDirectory: String?
}

/// What a new run of a target is compared with.
public struct PreviousState: Sendable {
    /// The last completed run, if any.
    public var runID: String?
    /// Its observed findings plus what it carried forward as not reassessed.
    public var findings: [Finding]
    /// Every fingerprint ever observed on the target.
    public var seenFingerprints: Set<Fingerprint>

    public init(runID: String? = nil, findings: [Finding] = [], seenFingerprints: Set<Fingerprint> = []) {
        self.runID = runID
        self.findings = findings
        self.seenFingerprints = seenFingerprints
    }
}
