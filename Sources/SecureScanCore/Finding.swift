/// One normalized result: what every scanner's output becomes, whatever the tool.
public struct Finding: Sendable, Hashable, Codable {
    public var fingerprint: Fingerprint
    /// The scanner that produced it (the first, when several reported it).
    public var scanner: String
    public var scanType: ScanType
    public var ruleID: String
    public var severity: Severity
    /// Set when a severity override changed ``severity``.
    public var originalSeverity: Severity?
    public var title: String
    public var description: String
    public var location: Location?
    public var cwes: [String]
    /// CVE, GHSA and other ids of the same issue.
    public var aliases: [String]
    public var remediation: String?
    public var references: [String]
    /// The flagged text as shown to people: secrets in it are already redacted.
    public var evidence: String?
    /// Tool-specific details, kept as strings.
    public var properties: [String: String]
    /// Every scanner that reported this finding, sorted.
    public var reportedBy: [String]
    /// Why this finding does not count against the gate, if it does not.
    public var suppression: Suppression?
    /// Its relation to the target's previous state, set by the pipeline's diff step.
    public var change: DiffStatus?

    public init(
        fingerprint: Fingerprint, scanner: String, scanType: ScanType, ruleID: String, severity: Severity,
        originalSeverity: Severity? = nil, title: String, description: String = "", location: Location? = nil,
        cwes: [String] = [], aliases: [String] = [], remediation: String? = nil, references: [String] = [],
        evidence: String? = nil, properties: [String: String] = [:], reportedBy: [String]? = nil,
        suppression: Suppression? = nil, change: DiffStatus? = nil
    ) {
        self.fingerprint = fingerprint
        self.scanner = scanner
        self.scanType = scanType
        self.ruleID = ruleID
        self.severity = severity
        self.originalSeverity = originalSeverity
        self.title = title
        self.description = description
        self.location = location
        self.cwes = cwes
        self.aliases = aliases
        self.remediation = remediation
        self.references = references
        self.evidence = evidence
        self.properties = properties
        self.reportedBy = reportedBy ?? [scanner]
        self.suppression = suppression
        self.change = change
    }

    /// True when the finding counts: not suppressed.
    public var isOpen: Bool { suppression == nil }
}

extension Finding {
    /// What a scanner reports: a finding before the pipeline gives it a fingerprint.
    ///
    /// Secrets must already be redacted in every text field; the identity carries only a digest.
    public struct Draft: Sendable, Hashable {
        public var ruleID: String
        public var severity: Severity
        public var title: String
        public var description: String
        public var location: Location?
        public var identity: FindingIdentity
        public var scanType: ScanType?
        public var cwes: [String]
        public var aliases: [String]
        public var remediation: String?
        public var references: [String]
        public var evidence: String?
        public var properties: [String: String]
        /// A suppression the tool itself recorded (a SARIF `suppressions` entry, a `nosemgrep` comment).
        public var suppression: Suppression?

        public init(
            ruleID: String, severity: Severity, title: String, description: String = "", location: Location? = nil,
            identity: FindingIdentity, scanType: ScanType? = nil, cwes: [String] = [], aliases: [String] = [],
            remediation: String? = nil, references: [String] = [], evidence: String? = nil,
            properties: [String: String] = [:], suppression: Suppression? = nil
        ) {
            self.suppression = suppression
            self.ruleID = ruleID
            self.severity = severity
            self.title = title
            self.description = description
            self.location = location
            self.identity = identity
            self.scanType = scanType
            self.cwes = cwes
            self.aliases = aliases
            self.remediation = remediation
            self.references = references
            self.evidence = evidence
            self.properties = properties
        }
    }
}
