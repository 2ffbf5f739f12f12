/// When a run fails the gate. Suppressed findings never count.
public struct GatePolicy: Sendable, Hashable, Codable {
    /// Fail when any open finding is at or above this severity.
    public var failOn: Severity?
    /// Fail when any new or reopened open finding is at or above this severity.
    public var failOnNew: Severity?
    /// Fail when there are more open findings than this.
    public var maxFindings: Int?
    /// Fail when more open findings than this are new or reopened.
    public var maxNew: Int?
    /// Exit 3 when a scanner failed or timed out.
    public var failOnScannerError: Bool
    /// Whether comments in the code suppress findings (``InlineDirective``); auditors turn this off to
    /// count every finding again.
    public var allowInlineSuppressions = true
    /// Fail on any open finding of a vulnerability in CISA's Known Exploited Vulnerabilities catalog
    /// (`--fail-on-kev`, `policy.fail_on_kev`); nil is off and leaves a base policy's choice.
    public var failOnKEV: Bool?
    /// Fail on any open finding whose EPSS probability is at least this (0–1; `--min-epss`, `policy.min_epss`).
    public var minEPSS: Double?

    public init(failOn: Severity? = nil, failOnNew: Severity? = nil, maxFindings: Int? = nil, maxNew: Int? = nil, failOnScannerError: Bool = false,
                allowInlineSuppressions: Bool = true, failOnKEV: Bool? = nil, minEPSS: Double? = nil) {
        self.failOnKEV = failOnKEV
        self.minEPSS = minEPSS
        self.failOn = failOn
        self.failOnNew = failOnNew
        self.maxFindings = maxFindings
        self.maxNew = maxNew
        self.failOnScannerError = failOnScannerError
        self.allowInlineSuppressions = allowInlineSuppressions
    }

    /// Whether this finding alone is over one of the policy's severity thresholds (`fail_on`, or
    /// `fail_on_new` for a new or reopened finding); with neither set, every open finding counts.
    public func fails(_ finding: Finding) -> Bool {
        guard finding.isOpen else { return false }
        if failOn == nil, failOnNew == nil { return true }
        if let failOn, finding.severity >= failOn { return true }
        if let failOnNew, finding.severity >= failOnNew, finding.change == .new || finding.change == .reopened { return true }
        return false
    }

    /// `other`'s settings where it has them, these elsewhere (command-line flags over the config file).
    public func overridden(by other: GatePolicy) -> GatePolicy {
        GatePolicy(
            failOn: other.failOn ?? failOn, failOnNew: other.failOnNew ?? failOnNew,
            maxFindings: other.maxFindings ?? maxFindings, maxNew: other.maxNew ?? maxNew,
            failOnScannerError: other.failOnScannerError || failOnScannerError,
            allowInlineSuppressions: other.allowInlineSuppressions && allowInlineSuppressions, failOnKEV: other.failOnKEV ?? failOnKEV,
            minEPSS: other.minEPSS ?? minEPSS)
    }
}

/// The gate's verdict, with one sentence per reason it failed.
public struct GateResult: Sendable, Hashable, Codable {
    public var passed: Bool
    public var exitCode: Int32
    public var reasons: [String]

    public init(passed: Bool, exitCode: Int32, reasons: [String]) {
        self.passed = passed
        self.exitCode = exitCode
        self.reasons = reasons
    }

    enum CodingKeys: String, CodingKey {
        case passed
        case exitCode = "exit_code"
        case reasons
    }
}

/// Evaluates a ``GatePolicy`` against a run.
public enum Gate {
    /// A scanner error (with `failOnScannerError`) wins over a failed threshold: the results are incomplete.
    public static func evaluate(policy: GatePolicy, findings: [Finding], scannerRuns: [ScannerRun]) -> GateResult {
        let open = findings.filter(\.isOpen)
        var reasons: [String] = []
        if let threshold = policy.failOn {
            let count = open.filter { $0.severity >= threshold }.count
            if count > 0 { reasons.append("\(count) open finding\(plural(count)) at or above \(threshold.rawValue)") }
        }
        if let threshold = policy.failOnNew {
            let count = open.filter { ($0.change == .new || $0.change == .reopened) && $0.severity >= threshold }.count
            if count > 0 {
                reasons.append("\(count) new or reopened finding\(plural(count)) at or above \(threshold.rawValue)")
            }
        }
        if let limit = policy.maxFindings, open.count > limit {
            reasons.append("\(open.count) open findings, more than the maximum of \(limit)")
        }
        if let limit = policy.maxNew {
            let count = open.count { $0.change == .new || $0.change == .reopened }
            if count > limit { reasons.append("\(count) new or reopened finding\(plural(count)), more than the maximum of \(limit)") }
        }
        if policy.failOnKEV == true {
            let count = open.count { $0.properties[KnownExploited.property] == "true" }
            if count > 0 { reasons.append("\(count) open finding\(plural(count)) in CISA's Known Exploited Vulnerabilities catalog") }
        }
        if let threshold = policy.minEPSS {
            let count = open.count { finding in finding.properties[ExploitPrediction.property].flatMap(Double.init).map { $0 >= threshold } ?? false }
            if count > 0 { reasons.append("\(count) open finding\(plural(count)) with an EPSS probability of \(threshold) or more") }
        }
        var exit = reasons.isEmpty ? GateExit.passed : .gateFailed
        if policy.failOnScannerError {
            for run in scannerRuns.sorted(by: { $0.scanner < $1.scanner }) where run.isError {
                reasons.append("scanner \(run.scanner) \(run.status == .timedOut ? "timed out" : "failed")")
                exit = .scannerError
            }
        }
        return GateResult(passed: exit == .passed, exitCode: exit.rawValue, reasons: reasons)
    }

    private static func plural(_ count: Int) -> String { count == 1 ? "" : "s" }
}
