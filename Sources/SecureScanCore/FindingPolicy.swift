/// Severity overrides, config suppressions and triage verdicts, applied to a run's findings.
///
/// Suppressed findings are kept and marked, never dropped; overrides keep the original severity.
public struct FindingPolicy: Sendable {
    public var severityOverrides: [String: Severity]
    public var suppressions: [SuppressionRule]
    /// People's verdicts by fingerprint: `false_positive`, `wont_fix` and unexpired `accepted_risk` suppress.
    public var triage: [Fingerprint: TriageVerdict]
    /// Accepted findings, suppressed after config entries and before triage verdicts.
    public var baseline: Baseline?

    public init(severityOverrides: [String: Severity] = [:], suppressions: [SuppressionRule] = [], triage: [Fingerprint: TriageVerdict] = [:],
                baseline: Baseline? = nil) {
        self.severityOverrides = severityOverrides
        self.suppressions = suppressions
        self.triage = triage
        self.baseline = baseline
    }

    public init(config: ScanConfig, triage: [Fingerprint: TriageVerdict] = [:], baseline: Baseline? = nil) {
        self.init(severityOverrides: config.severityOverrides, suppressions: config.suppressions, triage: triage, baseline: baseline)
    }

    /// - Parameter today: `YYYY-MM-DD`, to expire suppressions.
    /// `findings` is consumed and changed in place: only the findings a rule applies to are copied.
    public func apply(to findings: consuming [Finding], today: String) -> [Finding] {
        var findings = findings
        for index in findings.indices {
            if let override = severityOverrides[findings[index].ruleID], override != findings[index].severity {
                findings[index].originalSeverity = findings[index].originalSeverity ?? findings[index].severity
                findings[index].severity = override
            }
            if findings[index].suppression == nil, let rule = suppressions.first(where: { $0.covers(findings[index], today: today) }) {
                findings[index].suppression = Suppression(source: .config, reason: rule.reason, expires: rule.expires)
            }
            if findings[index].suppression == nil, let baseline, let suppression = baseline.suppression(for: findings[index].fingerprint) {
                findings[index].suppression = suppression
            }
            if findings[index].suppression == nil, let verdict = triage[findings[index].fingerprint],
               verdict.status.suppresses(expires: verdict.expires, today: today) {
                let reason = verdict.note.map { "\(verdict.status.rawValue): \($0)" } ?? verdict.status.rawValue
                findings[index].suppression = Suppression(source: .triage, reason: reason, expires: verdict.expires)
            }
        }
        return findings
    }

    /// Entries whose expiry date has passed: reported so nobody mistakes them for active.
    public func expiredSuppressions(today: String) -> [SuppressionRule] {
        suppressions.filter { ($0.expires ?? "9999-12-31") < today }
    }
}
