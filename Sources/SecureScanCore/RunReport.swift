/// Everything an artifact renderer needs about one run, already sorted. Renderers compute nothing.
public struct RunReport: Sendable, Hashable, Codable {
    public var runID: String
    public var target: TargetInfo
    /// ISO-8601 UTC, `Z`-suffixed.
    public var startedAt: String
    public var finishedAt: String
    public var tool: ToolInfo
    /// Sorted by scanner id.
    public var scannerRuns: [ScannerRun]
    /// This run's findings (suppressed ones included, marked), in canonical order, with ``Finding/change`` set.
    public var findings: [Finding]
    /// Sorted by manifest path, then purl.
    public var components: [Component]
    public var diff: RunDiff
    /// The run the diff compares with, if there was one.
    public var baseRunID: String?
    public var gate: GateResult
    /// SHA-256 of the effective configuration.
    public var configDigest: String
    /// The advisory database the `osv` scanner matched against, when it ran.
    public var advisoryDatabase: AdvisoryDatabaseSummary?
    /// What the walk of the target left out and why (files over the size cap, links not followed, special
    /// files, unreadable paths, names shown escaped): evidence of what the run did not read.
    public var notes: [String]

    public init(
        runID: String, target: TargetInfo, startedAt: String, finishedAt: String, tool: ToolInfo,
        scannerRuns: [ScannerRun], findings: [Finding], components: [Component] = [], diff: RunDiff,
        baseRunID: String?, gate: GateResult, configDigest: String, advisoryDatabase: AdvisoryDatabaseSummary? = nil,
        notes: [String] = []
    ) {
        self.runID = runID
        self.target = target
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.tool = tool
        self.scannerRuns = scannerRuns.sorted { $0.scanner < $1.scanner }
        self.findings = findings.canonicallySorted()
        self.components = components.sorted { ($0.manifestPath, $0.purl) < ($1.manifestPath, $1.purl) }
        self.diff = diff
        self.baseRunID = baseRunID
        self.gate = gate
        self.configDigest = configDigest
        self.advisoryDatabase = advisoryDatabase
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case runID, target, startedAt, finishedAt, tool, scannerRuns, findings, components, diff, baseRunID, gate, configDigest
        case advisoryDatabase, notes
    }

    /// Reads reports written before ``notes`` existed (a runner of an earlier version publishing).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        runID = try container.decode(String.self, forKey: .runID)
        target = try container.decode(TargetInfo.self, forKey: .target)
        startedAt = try container.decode(String.self, forKey: .startedAt)
        finishedAt = try container.decode(String.self, forKey: .finishedAt)
        tool = try container.decode(ToolInfo.self, forKey: .tool)
        scannerRuns = try container.decode([ScannerRun].self, forKey: .scannerRuns)
        findings = try container.decode([Finding].self, forKey: .findings)
        components = try container.decode([Component].self, forKey: .components)
        diff = try container.decode(RunDiff.self, forKey: .diff)
        baseRunID = try container.decodeIfPresent(String.self, forKey: .baseRunID)
        gate = try container.decode(GateResult.self, forKey: .gate)
        configDigest = try container.decode(String.self, forKey: .configDigest)
        advisoryDatabase = try container.decodeIfPresent(AdvisoryDatabaseSummary.self, forKey: .advisoryDatabase)
        notes = try container.decodeIfPresent([String].self, forKey: .notes) ?? []
    }

    /// Open (unsuppressed) findings.
    public var openFindings: [Finding] { findings.filter(\.isOpen) }
    /// Per-severity counts of open findings.
    public var counts: SeverityCounts { SeverityCounts(findings.lazy.filter(\.isOpen)) }
    /// How many findings are suppressed.
    public var suppressedCount: Int { findings.lazy.filter { !$0.isOpen }.count }
    /// How many findings each kind of suppression silenced, by kind (``Suppression/Source``), kinds
    /// with none left out.
    public var suppressionCounts: [(source: Suppression.Source, count: Int)] {
        var counts: [Suppression.Source: Int] = [:]
        for finding in findings { if let source = finding.suppression?.source { counts[source, default: 0] += 1 } }
        return Suppression.Source.allCases.compactMap { source in counts[source].map { (source, $0) } }
    }
    /// `inline 3, config 1`: ``suppressionCounts`` in words; empty when nothing is suppressed.
    public var suppressionBreakdown: String {
        suppressionCounts.map { "\($0.source.rawValue) \($0.count)" }.joined(separator: ", ")
    }
    public var riskScore: Double { RiskScore.of(findings) }
}

/// The scanned target as artifacts name it: never an absolute path.
public struct TargetInfo: Sendable, Hashable, Codable {
    public var name: String
    public var commit: String?
    public var branch: String?

    public init(name: String, commit: String? = nil, branch: String? = nil) {
        self.name = name
        self.commit = commit
        self.branch = branch
    }
}

/// This program's name and version, as written into every artifact.
public struct ToolInfo: Sendable, Hashable, Codable {
    public var name: String
    public var version: String

    public init(name: String = "SecureScan", version: String) {
        self.name = name
        self.version = version
    }

    /// The version of this build.
    public static let current = ToolInfo(version: "0.1.0")
}
