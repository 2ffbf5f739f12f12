/// One normalized result: what every scanner's output becomes, whatever the tool.
///
/// A value with copy-on-write storage: a run's findings are copied between steps (collect, judge, each
/// artifact's view), and copying a finding is one reference count rather than one per text field, which
/// was a fifth of a 10,000-finding run's time. Mutation copies the storage first unless it is unshared.
public struct Finding: Sendable, Hashable, Codable {
    /// The stored values, field for field what a finding is (and what its JSON is).
    struct Fields: Sendable, Hashable, Codable {
        var fingerprint: Fingerprint
        var scanner: String
        var scanType: ScanType
        var ruleID: String
        var severity: Severity
        var originalSeverity: Severity?
        var title: String
        var description: String
        var location: Location?
        var cwes: [String]
        var aliases: [String]
        var remediation: String?
        var references: [String]
        var evidence: String?
        var properties: [String: String]
        var reportedBy: [String]
        var suppression: Suppression?
        var change: DiffStatus?
    }

    /// Mutated only through ``makeUnique()``, so never while shared: `@unchecked Sendable` is safe.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
    }

    public var fingerprint: Fingerprint {
        get { box.fields.fingerprint }
        _modify { makeUnique(); yield &box.fields.fingerprint }
    }

    /// The scanner that produced it (the first, when several reported it).
    public var scanner: String {
        get { box.fields.scanner }
        _modify { makeUnique(); yield &box.fields.scanner }
    }

    public var scanType: ScanType {
        get { box.fields.scanType }
        _modify { makeUnique(); yield &box.fields.scanType }
    }

    public var ruleID: String {
        get { box.fields.ruleID }
        _modify { makeUnique(); yield &box.fields.ruleID }
    }

    public var severity: Severity {
        get { box.fields.severity }
        _modify { makeUnique(); yield &box.fields.severity }
    }

    /// Set when a severity override changed ``severity``.
    public var originalSeverity: Severity? {
        get { box.fields.originalSeverity }
        _modify { makeUnique(); yield &box.fields.originalSeverity }
    }

    public var title: String {
        get { box.fields.title }
        _modify { makeUnique(); yield &box.fields.title }
    }

    public var description: String {
        get { box.fields.description }
        _modify { makeUnique(); yield &box.fields.description }
    }

    public var location: Location? {
        get { box.fields.location }
        _modify { makeUnique(); yield &box.fields.location }
    }

    public var cwes: [String] {
        get { box.fields.cwes }
        _modify { makeUnique(); yield &box.fields.cwes }
    }

    /// CVE, GHSA and other ids of the same issue.
    public var aliases: [String] {
        get { box.fields.aliases }
        _modify { makeUnique(); yield &box.fields.aliases }
    }

    public var remediation: String? {
        get { box.fields.remediation }
        _modify { makeUnique(); yield &box.fields.remediation }
    }

    public var references: [String] {
        get { box.fields.references }
        _modify { makeUnique(); yield &box.fields.references }
    }

    /// The flagged text as shown to people: secrets in it are already redacted.
    public var evidence: String? {
        get { box.fields.evidence }
        _modify { makeUnique(); yield &box.fields.evidence }
    }

    /// Tool-specific details, kept as strings.
    public var properties: [String: String] {
        get { box.fields.properties }
        _modify { makeUnique(); yield &box.fields.properties }
    }

    /// Every scanner that reported this finding, sorted.
    public var reportedBy: [String] {
        get { box.fields.reportedBy }
        _modify { makeUnique(); yield &box.fields.reportedBy }
    }

    /// Why this finding does not count against the gate, if it does not.
    public var suppression: Suppression? {
        get { box.fields.suppression }
        _modify { makeUnique(); yield &box.fields.suppression }
    }

    /// Its relation to the target's previous state, set by the pipeline's diff step.
    public var change: DiffStatus? {
        get { box.fields.change }
        _modify { makeUnique(); yield &box.fields.change }
    }

    public init(
        fingerprint: Fingerprint, scanner: String, scanType: ScanType, ruleID: String, severity: Severity,
        originalSeverity: Severity? = nil, title: String, description: String = "", location: Location? = nil,
        cwes: [String] = [], aliases: [String] = [], remediation: String? = nil, references: [String] = [],
        evidence: String? = nil, properties: [String: String] = [:], reportedBy: [String]? = nil,
        suppression: Suppression? = nil, change: DiffStatus? = nil
    ) {
        box = Box(Fields(
            fingerprint: fingerprint, scanner: scanner, scanType: scanType, ruleID: ruleID, severity: severity,
            originalSeverity: originalSeverity, title: title, description: description, location: location, cwes: cwes,
            aliases: aliases, remediation: remediation, references: references, evidence: evidence, properties: properties,
            reportedBy: reportedBy ?? [scanner], suppression: suppression, change: change))
    }

    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }

    public init(from decoder: any Decoder) throws { box = Box(try Fields(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try box.fields.encode(to: encoder) }

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
